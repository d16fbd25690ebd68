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
import { mkdir, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hashOf, SeedCache, versionOf } from './cache.ts';
import { codeVersion, DEFAULT_CACHE, PROJECT_ROOT } from './paths.ts';
import { loadSiteSettings } from './config.ts';
import { toCsv, toPairsJson } from './export.ts';
import { applyChanges, replaceFile, swapIn } from './files.ts';
import { manifestOf, outputPathOf, planPages, type PageManifest, type PageSet } from './incremental.ts';
import { loadSeeds, type LoadedSeeds } from './load.ts';
import { assertValid } from './check.ts';
import { parseRegistry, planPermalinks, serializeRegistry } from './permalinks.ts';
import { compareDated, toRecord, type Tagger } from './records.ts';
import { computeRelations } from './relations.ts';
import { renderPages } from './render-pool.ts';
import { buildSearchIndex, type SearchIndexSummary } from './search.ts';
import { PERMALINKS_FILE } from './seeds.ts';
import { planSiteData, type SiteLabels } from './site.ts';
import { loadTaxonomy, loadTaxonomyCached, taxonomyCacheDir } from './taxonomy.ts';
import type { StoryRecord } from './types.ts';

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
}


/** Records per `JSON.stringify` call in `writeRecordsJson`: a few MB of text at a time, never the whole document. */
const RECORDS_PER_CHUNK = 500;

/** What `JSON.stringify({stories}, null, 2)` puts around the records (ASCII: as many bytes as characters). */
const STORIES_HEAD = '{\n  "stories": [\n';
const STORIES_TAIL = '\n  ]\n}';

/**
 * UTF-8 of a text in one buffer reused call after call (`Buffer.from` measures
 * the text before encoding it: twice the time). The bytes are valid until the
 * next call.
 */
function reusedEncoder(): (text: string) => Buffer {
  let buffer = Buffer.alloc(0);
  return (text) => {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    if (buffer.length < text.length * 3) buffer = Buffer.allocUnsafe(text.length * 3);
    return buffer.subarray(0, buffer.write(text, 0, 'utf8'));
  };
}

/**
 * Write `<out>/stories.json`. The bytes are exactly
 * `JSON.stringify({stories}, null, 2)` plus a newline, produced a chunk of
 * records at a time (the whole document of 100,000 stories would be a 400 MB
 * string): each chunk is stringified as `{stories: chunk}`, in the document's
 * own shape, and written without its head and tail. Re-indenting each
 * record's JSON with a multi-line regex instead took 0.40 s for 10,000
 * stories (and would have put spaces after a U+2028 inside a string).
 */
export async function writeRecordsJson(path: string, records: readonly StoryRecord[], recordsPerChunk = RECORDS_PER_CHUNK): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  const encode = reusedEncoder();
  const emit = async (bytes: Uint8Array): Promise<void> => {
    await file.write(bytes);
  };
  try {
    if (records.length === 0) await emit(Buffer.from('{\n  "stories": []\n}\n'));
    else {
      await emit(Buffer.from(STORIES_HEAD));
      for (let start = 0; start < records.length; start += recordsPerChunk) {
        const json = encode(JSON.stringify({ stories: records.slice(start, start + recordsPerChunk) }, null, 2));
        await emit(json.subarray(STORIES_HEAD.length, json.length - STORIES_TAIL.length));
        await emit(Buffer.from(start + recordsPerChunk < records.length ? ',\n' : `${STORIES_TAIL}\n`));
      }
    }
  } finally {
    await file.close();
  }
  await rename(temporary, path);
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
  const settings = await loadSiteSettings(dataDir, { baseUrl: options.baseUrl });
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
  log(`loaded ${seeds.files.length} seeds (${seeds.cacheHits} from cache): ${seeds.digests.length} digests, ${seeds.stories.length} stories`);
  lap('load');

  // 2. Permanent URLs from the registry beside the seeds, then records in order.
  const registryPath = join(options.seedsDir, PERMALINKS_FILE);
  const previousRegistry = parseRegistry(await readFile(registryPath, 'utf8').catch(() => undefined), registryPath);
  const order = seeds.stories.map((_, index) => index).sort((a, b) => compareDated(seeds.stories[a]!, seeds.stories[b]!));
  const dated = order.map((index) => seeds.stories[index]!);
  const permalinks = planPermalinks(dated, previousRegistry);
  const records = dated.map((story, index) => toRecord(story, permalinks.urls[index]!, seeds.tags[order[index]!]!));
  lap('tag');

  // 3. Site data: every page as an item; decide which to render.
  const relations = computeRelations(records);
  const data = planSiteData(records, settings, labels, relations, order.map((index) => seeds.sourceKeys[index]!));
  const pages = withRegistryPages(data.pages, permalinks.registry);
  const renderVersion = hashOf(version, await versionOf([templatesDir]), JSON.stringify(settings));
  const lazy = { story: data.stories };
  const manifest = manifestOf(pages, renderVersion, lazy);
  const outDir = resolve(options.outDir);
  const manifestPath = cacheDir ? join(cacheDir, 'manifests', `${hashOf(outDir).slice(0, 16)}.json`) : undefined;
  const previous = options.incremental === false ? undefined : await previousManifest(manifestPath, outDir);
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
    if (!plan.full) await applyChanges(staging, outDir, plan.remove);
    lap('render');
    if (options.search !== false) {
      search = await buildSearchIndex(target, { language: settings.language, outputPath: join(staging, 'pagefind') });
      if (!plan.full) await swapIn(join(staging, 'pagefind'), join(outDir, 'pagefind'));
      log(`indexed ${search.pages} pages for search in ${Math.round(search.milliseconds)} ms`);
    }
    lap('search');
    await writeRecordsJson(join(target, 'stories.json'), records);
    await replaceFile(join(target, 'stories.csv'), toCsv(records));
    await replaceFile(join(target, 'pairs.json'), `${JSON.stringify(toPairsJson(records, relations), null, 2)}\n`);
    if (plan.full) await swapIn(staging, outDir);
    else await rm(staging, { recursive: true, force: true });
    if (manifestPath) await replaceFile(manifestPath, JSON.stringify({ manifest, stories: await fileIdentity(join(outDir, 'stories.json')) }));
    await writeRegistry(registryPath, serializeRegistry(permalinks.registry), log);
    if (seedCacheDir) await new SeedCache(seedCacheDir).prune(seeds.cacheKeys);
    lap('write');
    const summary = {
      digests: seeds.digests.length, stories: records.length, pages: plan.total, rendered, full: plan.full,
      milliseconds: performance.now() - started, stages, warnings,
    };
    return search === undefined ? summary : { ...summary, search };
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

/**
 * The last build's manifest, if the output folder is still what that build
 * wrote, as far as its `stories.json` tells: the same file (inode), size and
 * modification time. Every build writes that file anew and renames it into
 * place (a new inode), so another build into the same folder, a hand edit or
 * a copy shows; hashing its 42 MB (10,000 stories) instead cost 50 ms a build.
 */
async function previousManifest(path: string | undefined, outDir: string): Promise<{ manifest: PageManifest } | undefined> {
  if (!path) return undefined;
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as { manifest: PageManifest; stories: string };
    return saved.stories === (await fileIdentity(join(outDir, 'stories.json'))) ? { manifest: saved.manifest } : undefined;
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
