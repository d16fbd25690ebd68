/**
 * The build: seeds → records → site, with every file-system effect in one
 * place. Everything that can fail on bad input or a template bug runs before
 * the output is touched, so a bad seed or a failed render leaves the published
 * site exactly as it was.
 *
 * Rebuilds are incremental: seeds are parsed and tagged once per content (the
 * seed cache), and only pages whose data changed are rendered again and moved
 * into place; the others stay as they are. A change of templates, code, data
 * files or settings renders everything, into a staging folder swapped in whole.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hashOf, SeedCache, versionOf } from './cache.ts';
import { codeVersion, DEFAULT_CACHE, PROJECT_ROOT } from './paths.ts';
import { loadSiteSettings } from './config.ts';
import { toCsv, toPairsJson } from './export.ts';
import { applyChanges, replaceFile, swapIn } from './files.ts';
import { loadManifest, manifestOf, outputPathOf, planPages, saveManifest, type PageManifest, type PageSet, type SavedManifest } from './incremental.ts';
import { loadSeeds, type LoadedSeeds } from './load.ts';
import { assertValid } from './check.ts';
import { countOf } from './messages.ts';
import { parseRegistry, planPermalinks, serializeRegistry } from './permalinks.ts';
import { compareDated, recordKeysOf, toRecord, type Tagger } from './records.ts';
import { computeRelations } from './relations.ts';
import { renderPages } from './render-pool.ts';
import { buildSearchIndex, type SearchIndexSummary } from './search.ts';
import { changedCards, writeCards, type CardSummary } from './cards/write.ts';
import { PERMALINKS_FILE } from './seeds.ts';
import { writeRecordsJson, type RecordSpans } from './stories-json.ts';
import { planSiteData, type SiteLabels } from './site.ts';
import { loadTaxonomy, loadTaxonomyCached, taxonomyCacheDir } from './taxonomy.ts';

export { loadSeeds, type LoadedSeeds } from './load.ts';
export { assertValid } from './check.ts';

export interface BuildOptions {
  readonly seedsDir: string;
  readonly outDir: string;
  readonly baseUrl?: string | undefined;
  readonly templatesDir?: string;
  readonly dataDir?: string;
  /** Display names of countries and topics (from the tagging data); slugs title-cased when absent. */
  readonly labels?: SiteLabels;
  /** Build the Pagefind index for /search/ (default true; `--no-search` skips it for quick previews). */
  readonly search?: boolean;
  /** Make a social card per story, tag and the site, and point `og:image` at it (default true; `--no-cards` skips them). */
  readonly cards?: boolean;
  /** Where parse results and the last build's page manifest are kept; `false` for none. */
  readonly cacheDir?: string | false;
  /** Render only changed pages when the previous output allows it (default true). */
  readonly incremental?: boolean;
  /** Render lanes: this thread and `workers - 1` worker threads (default `RENDER_LANES`, one). */
  readonly workers?: number;
  /** Pages per Eleventy run (default `SHARD_SIZE`): fewer bound memory, more amortise start-up. */
  readonly shardSize?: number;
  /** Progress and notices; the CLI passes a logger that stays quiet in CI. */
  readonly log?: (line: string) => void;
}

export interface BuildSummary {
  readonly digests: number;
  readonly stories: number;
  /** Pages the site has; `rendered` of them were rendered by this build. */
  readonly pages: number;
  readonly rendered: number;
  readonly full: boolean;
  readonly milliseconds: number;
  /** Wall time per stage, in milliseconds. */
  readonly stages: Readonly<Record<'load' | 'tag' | 'site' | 'render' | 'search' | 'write', number>>;
  readonly warnings: readonly string[];
  /** Absent when the build ran with `search: false`. */
  readonly search?: SearchIndexSummary;
  /** Absent when the build ran with `cards: false`. */
  readonly cards?: CardSummary;
}


export async function build(options: BuildOptions, tagger?: Tagger): Promise<BuildSummary> {
  const started = performance.now();
  const stages = { load: 0, tag: 0, site: 0, render: 0, search: 0, write: 0 };
  let mark = started;
  const lap = (stage: keyof typeof stages): void => {
    const now = performance.now();
    stages[stage] += now - mark;
    mark = now;
  };
  const log = options.log ?? (() => {});
  const templatesDir = options.templatesDir ?? join(PROJECT_ROOT, 'templates');
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, 'data');
  const settings = { ...(await loadSiteSettings(dataDir, { baseUrl: options.baseUrl })), cards: options.cards !== false };
  const cacheDir = options.cacheDir === false ? undefined : resolve(options.cacheDir ?? DEFAULT_CACHE);
  const version = await codeVersion(dataDir);
  // Labels from the tagging data in `dataDir` unless the caller brings its own.
  // The tagging data is loaded once (from the cache when the code version
  // matches), for labels and the default tagger, unless the caller brings both;
  // the tagger is compiled only if a seed has to be analysed.
  const taxonomy = tagger && options.labels
    ? undefined
    : cacheDir
      ? await loadTaxonomyCached(dataDir, { dir: taxonomyCacheDir(cacheDir), version: hashOf(version, 'taxonomy') })
      : loadTaxonomy(dataDir);
  const labels = options.labels ?? taxonomy!.labels;

  // 1. Seeds → dated, tagged stories (cached per seed).
  const seedCacheDir = cacheDir ? join(cacheDir, 'seeds') : undefined;
  const seeds = await loadSeeds(options.seedsDir, {
    tagger: tagger ?? taxonomy!.tagger, ...(tagger ? {} : { dataDir }), cacheDir: seedCacheDir, version: hashOf(version, tagger ? 'custom tagger' : 'tagger'),
  });
  for (const notice of seeds.notices) log(notice);
  const warnings = assertValid(seeds);
  for (const warning of warnings) log(warning);
  log(`loaded ${countOf(seeds.files.length, 'seed')} (${seeds.cacheHits} from cache): ${countOf(seeds.digests.length, 'digest')}, ${countOf(seeds.stories.length, 'story', 'stories')}`);
  lap('load');

  // 2. Permanent URLs from the registry beside the seeds, then records in order.
  const registryPath = join(options.seedsDir, PERMALINKS_FILE);
  const previousRegistry = parseRegistry(await readFile(registryPath, 'utf8').catch(() => undefined), registryPath);
  const order = seeds.stories.map((_, index) => index).sort((a, b) => compareDated(seeds.stories[a]!, seeds.stories[b]!));
  const dated = order.map((index) => seeds.stories[index]!);
  const permalinks = planPermalinks(dated, previousRegistry);
  const records = dated.map((story, index) => toRecord(story, permalinks.urls[index]!, seeds.tags[order[index]!]!));
  const recordKeys = recordKeysOf(records, order.map((index) => seeds.sourceKeys[index]!));
  lap('tag');

  // 3. Site data: every page as an item; decide which to render.
  const relations = computeRelations(records);
  const data = planSiteData(records, settings, labels, relations, recordKeys);
  const pages = withRegistryPages(data.pages, permalinks.registry);
  const renderVersion = hashOf(version, await versionOf([templatesDir]), JSON.stringify(settings));
  const { lazy } = data;
  // Cards are output files in the manifest like pages (so stale ones are removed), written by src/cards/, not rendered by Eleventy.
  const manifest = manifestOf(pages, renderVersion, data.cards ? { ...lazy, card: data.cards } : lazy);
  const outDir = resolve(options.outDir);
  const manifestPath = cacheDir ? join(cacheDir, 'manifests', `${hashOf(outDir).slice(0, 16)}.json`) : undefined;
  const previous = options.incremental === false ? undefined : await previousBuild(manifestPath, outDir);
  const plan = planPages(pages, manifest, previous?.manifest, lazy);
  log(`${plan.full ? 'full build' : 'incremental build'}: rendering ${plan.changed} of ${plan.total} pages`);
  lap('site');

  // 4. Render. A full build renders into a staging folder that replaces the
  // output in two renames. An incremental build renders only the changed pages
  // into a staging folder, then moves each into the output (a rename per file,
  // atomic): every step that can fail on bad input or a template bug has
  // happened before the output is touched.
  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.staging-`));
  const target = plan.full ? staging : outDir;
  let search: SearchIndexSummary | undefined;
  try {
    const rendered = await renderPages({
      templatesDir, outDir: staging, pathPrefix: settings.pathPrefix, site: data.site, pages: plan.render, assets: plan.full,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.shardSize === undefined ? {} : { shardSize: options.shardSize }),
      onShard: (done, total) => log(`rendered shard ${done} of ${total}`),
    });
    const cards = data.cards && await writeCards(changedCards(data.cards, manifest, plan.full ? undefined : previous?.manifest), data.cards.urls.length, { outDir: staging, cacheDir: cacheDir && join(cacheDir, 'cards'), log });
    if (cards) log(`cards: ${cards.written} written, ${cards.rendered} of them rendered, in ${Math.round(cards.milliseconds)} ms`);
    if (!plan.full) await applyChanges(staging, outDir, plan.remove);
    lap('render');
    if (options.search !== false) {
      search = await buildSearchIndex(target, { language: settings.language, outputPath: join(staging, 'pagefind') });
      if (!plan.full) await swapIn(join(staging, 'pagefind'), join(outDir, 'pagefind'));
      log(`indexed ${search.pages} pages for search in ${Math.round(search.milliseconds)} ms`);
    }
    lap('search');
    const previousRecords = previous && { path: join(outDir, 'stories.json'), spans: previous.records };
    const spans = await writeRecordsJson(join(target, 'stories.json'), records, { keys: recordKeys, previous: previousRecords });
    await replaceFile(join(target, 'stories.csv'), toCsv(records));
    await replaceFile(join(target, 'pairs.json'), `${JSON.stringify(toPairsJson(records, relations), null, 2)}\n`);
    if (plan.full) await swapIn(staging, outDir);
    else await rm(staging, { recursive: true, force: true });
    if (manifestPath) {
      const saved: SavedBuild = { manifest: saveManifest(manifest), stories: await fileIdentity(join(outDir, 'stories.json')), records: spans };
      await replaceFile(manifestPath, JSON.stringify(saved));
    }
    await writeRegistry(registryPath, serializeRegistry(permalinks.registry), log);
    if (seedCacheDir) await new SeedCache(seedCacheDir).prune(seeds.cacheKeys);
    lap('write');
    const summary = {
      digests: seeds.digests.length, stories: records.length, pages: plan.total, rendered, full: plan.full,
      milliseconds: performance.now() - started, stages, warnings,
    };
    return { ...summary, ...(search === undefined ? {} : { search }), ...(cards ? { cards } : {}) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Withdrawn stories and moved ones keep answering at their old URLs. */
function withRegistryPages(pages: PageSet, registry: ReturnType<typeof planPermalinks>['registry']): PageSet {
  return {
    ...pages,
    withdrawn: registry.withdrawn.map((entry) => ({ url: entry.url, headline: entry.headline, digest: entry.digest, date: entry.date })),
    storyRedirect: registry.redirects.map((redirect) => ({ url: redirect.from, target: redirect.to })),
  };
}

/** What a build keeps for the next one into the same folder. */
interface SavedBuild {
  readonly manifest: SavedManifest;
  /** `fileIdentity` of the stories.json it wrote. */
  readonly stories: string;
  /** Where each record's text is in that stories.json. */
  readonly records: RecordSpans;
}

/**
 * The last build's manifest and record spans, if the output folder is still
 * what that build wrote, as far as its `stories.json` tells: the same file
 * (inode), size and modification time. Every build writes that file anew and
 * renames it into place (a new inode), so another build into the same folder,
 * a hand edit or a copy shows; hashing its 42 MB (10,000 stories) instead cost
 * 50 ms a build.
 */
async function previousBuild(path: string | undefined, outDir: string): Promise<{ manifest: PageManifest; records: RecordSpans } | undefined> {
  if (!path) return undefined;
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as Partial<SavedBuild>;
    if (saved.stories !== (await fileIdentity(join(outDir, 'stories.json'))) || !saved.records) return undefined;
    const manifest = loadManifest(saved.manifest);
    return manifest && { manifest, records: saved.records };
  } catch {
    return undefined;
  }
}

async function fileIdentity(path: string): Promise<string> {
  const { dev, ino, size, mtimeNs } = await stat(path, { bigint: true });
  return `${dev}:${ino}:${size}:${mtimeNs}`;
}

async function writeRegistry(path: string, text: string, log: (line: string) => void): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === text) return;
  // The site is built; a read-only seeds folder only costs the registry update.
  await replaceFile(path, text).catch((error: Error) => log(`${path}: warning: could not update the permalink registry (${error.message}); commit it from a writable checkout`));
}
