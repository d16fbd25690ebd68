/**
 * The build: seeds → records → site, with every file-system effect in one
 * place. Everything that can fail on bad input or a template bug runs before
 * the output is touched, so a bad seed or a failed render leaves the published
 * site exactly as it was.
 *
 * Rebuilds are incremental: seeds are parsed and tagged once per content (the
 * seed cache), and only pages whose data changed are rendered again and moved
 * into place; the others stay as they are. A change of templates, code, data
 * files or settings renders everything. Either way files move into the output
 * one by one and only the build's own files are deleted (src/output/folder.ts).
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hashOf } from '../hash.ts';
import { SeedCache, versionOf } from '../engine/cache.ts';
import { codeVersion, DEFAULT_CACHE } from '../engine/paths.ts';
import { PROJECT_ROOT } from '../project.ts';
import { loadKeepFiles, loadSiteSettings } from '../settings/site.ts';
import { toCsv, toPairsJson } from '../output/export.ts';
import { DigestError } from '../errors.ts';
import { holdStopSignals, type HeldSignals } from '../output/signals.ts';
import { filesBelow, moveIn, removeFiles, replaceFile, surroundingsError } from '../output/files.ts';
import { keyPages, loadManifest, manifestOf, outputPathOf, planPages, saveManifest, type PageManifest, type PageSet, type SavedManifest } from '../engine/incremental.ts';
import { loadSeeds, type LoadedSeeds } from '../engine/load.ts';
import { assertValid, correctRecords } from './check.ts';
import { countOf } from '../count.ts';
import { parseRegistry, serializeRegistry } from '../records/permalinks.ts';
import { plannedRecords } from '../records/plan.ts';
import type { Tagger } from '../types.ts';
import { fileIdentity, recordKeysOf } from '../engine/keys.ts';
import { computeRelations } from '../site/relations.ts';
import { buildSearchIndex, type SearchIndexSummary } from '../output/search.ts';
import { readRegistryFile, stageRegistryFile, type RegistryFile, type StagedRegistry } from '../records/registry-file.ts';
import { PERMALINKS_FILE } from '../seeds/folder.ts';
import { spansOf, writeRecordsJson, type RecordSpans } from '../output/stories-json.ts';
import { assertOurs, isKept, lockOutput, makeStaging, MANIFEST_FILE, manifestText, openOutput, outputKey, removeStaleStaging, type OutputFolder } from '../output/folder.ts';
import { planSiteData, type SiteLabels } from '../site/plan.ts';
import { registryPages } from '../site/registry-pages.ts';
import { loadTaxonomy } from '../tag/taxonomy.ts';
import { lemmaCacheOf } from '../engine/lemma-cache.ts';
import { loadTaxonomyCached, taxonomyCacheDir } from '../engine/taxonomy-cache.ts';
import { changedCards, writeCardsBeside, type CardSummary } from '../cards/write.ts';
import { bothSettled } from '../limit.ts';

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
  /** Build into a non-empty folder news-digest did not write (`--force`); its other files are kept. */
  readonly force?: boolean;
  /** How long to wait for another build into the same folder to finish (default 60 s). */
  readonly lockWaitMs?: number;
}

const LOCK_WAIT_MS = 60_000;

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
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, 'data');
  const cacheDir = options.cacheDir === false ? undefined : resolve(options.cacheDir ?? DEFAULT_CACHE);
  let release: (() => Promise<void>) | undefined;
  const moving = { started: false };
  try {
    // Refused outputs are refused before anything is read or written.
    const keep = await loadKeepFiles(dataDir);
    const checked = await openOutput(options.outDir, { seedsDir: options.seedsDir, force: options.force === true, keep });
    release = await lockOutput(checked.dir, cacheDir, options.lockWaitMs ?? LOCK_WAIT_MS);
    // Under the lock: the manifest may have changed while this build waited.
    const output = await openOutput(options.outDir, { seedsDir: options.seedsDir, force: options.force === true, keep });
    return await buildLocked(options, tagger, { dataDir, cacheDir, output, moving });
  } catch (error) {
    throw surroundingsError(error, resolve(options.outDir), moving.started) ?? error;
  } finally {
    await release?.();
  }
}

/**
 * Test-only (documented in README, Development): with `ND_TEST_PAUSE_AT=stage`
 * the build stops at the start of that stage, says so on stderr and waits for
 * SIGUSR2, so that a test can kill it there deterministically.
 */
async function pauseAt(stage: 'load' | 'render' | 'move' | 'registry'): Promise<void> {
  if (process.env.ND_TEST_PAUSE_AT !== stage) return;
  process.stderr.write(`news-digest: paused at ${stage}\n`);
  await new Promise<void>((resume) => {
    const timer = setInterval(() => {}, 1 << 30);
    process.once('SIGUSR2', () => {
      clearInterval(timer);
      resume();
    });
  });
}

interface Surroundings {
  readonly dataDir: string;
  readonly cacheDir: string | undefined;
  readonly output: OutputFolder;
  /** Set once files move into the output: errors from then on say the site may be partly updated. */
  readonly moving: { started: boolean };
}

async function buildLocked(options: BuildOptions, tagger: Tagger | undefined, { dataDir, cacheDir, output: opened, moving }: Surroundings): Promise<BuildSummary> {
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
  const outDir = opened.dir;
  for (const stale of await removeStaleStaging(outDir, cacheDir)) log(`removed ${stale}, left by a build that was stopped`);
  await pauseAt('load');
  const settings = { ...(await loadSiteSettings(dataDir, { baseUrl: options.baseUrl })), cards: options.cards !== false };
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
    lemmas: cacheDir ? lemmaCacheOf(cacheDir, version) : undefined,
  });
  for (const notice of seeds.notices) log(notice);
  const warnings = assertValid(seeds);
  for (const warning of warnings) log(warning);
  const manifestPath = cacheDir ? join(cacheDir, 'manifests', `${outputKey(outDir)}.json`) : undefined;
  const output = await adoptOlderBuild(opened, manifestPath);
  assertOurs(output);
  log(`loaded ${countOf(seeds.files.length, 'seed')} (${seeds.cacheHits} from cache): ${countOf(seeds.digests.length, 'digest')}, ${countOf(seeds.stories.length, 'story', 'stories')}`);
  lap('load');

  // 2. Permanent URLs from the registry beside the seeds, then records in order.
  const registryPath = join(options.seedsDir, PERMALINKS_FILE);
  const registryFile = await readRegistryFile(registryPath, options.seedsDir);
  const previousRegistry = parseRegistry(registryFile.text, registryPath);
  const permalinks = plannedRecords(seeds, previousRegistry);
  const { order } = permalinks;
  const corrected = await correctRecords(permalinks.records, options.seedsDir, permalinks.redirects, () => taxonomy?.vocabulary ?? loadTaxonomy(dataDir).vocabulary);
  for (const warning of corrected.warnings) log(warning);
  const { records } = corrected;
  // A corrected record is its seed's word plus its correction: key it by both.
  const recordKeys = recordKeysOf(records, order.map((index, at) => seeds.sourceKeys[index]! && `${seeds.sourceKeys[index]!}${corrected.keys[at] ?? ''}`));
  lap('tag');

  // 3. Site data: every page as an item; decide which to render.
  const relations = computeRelations(records);
  const data = planSiteData(records, settings, labels, relations);
  // Withdrawn stories, moved ones and renamed digests keep answering at their old URLs.
  const pages: PageSet = { ...data.pages, ...registryPages(permalinks.registry) };
  const renderVersion = hashOf(version, await versionOf([templatesDir]), JSON.stringify(settings));
  // The catalog sorts its own copy of the records: keys follow the records, not their places.
  const keyOf = new Map(records.map((record, index) => [record, recordKeys[index]!]));
  const lazy = keyPages(data.lazy, data.stories, (record) => keyOf.get(record)!);
  const cardPages = data.cards && keyPages({ card: data.cards }, data.stories, (record) => keyOf.get(record)!).card;
  // Cards are output files in the manifest like pages (so stale ones are removed), written by src/cards/, not rendered by Eleventy.
  const manifest = manifestOf(pages, renderVersion, cardPages ? { ...lazy, card: cardPages } : lazy);
  // Only a folder with our manifest can be rebuilt incrementally: its other files are not ours to judge.
  const previous = options.incremental === false || !output.ours ? undefined : await previousBuild(manifestPath, outDir);
  const plan = planPages(pages, manifest, previous?.manifest, lazy);
  log(`${plan.full ? 'full build' : 'incremental build'}: rendering ${plan.changed} of ${plan.total} pages`);
  lap('site');

  // 4. Render into a staging folder (where no web server serves it), then
  // write the data files there too: everything that can fail on bad input, a
  // template bug or a full disk has happened before the first page moves into
  // the output. Pages then move in one rename each; the build's own files no
  // page produces any more are deleted last; every other file stays.
  await pauseAt('render');
  const staging = await makeStaging(outDir, cacheDir);
  let held: HeldSignals | undefined;
  let registryUpdate: StagedRegistry | undefined;
  let search: SearchIndexSummary | undefined;
  try {
    // Loaded only when there is something to render: Eleventy and its template
    // engines are most of a no-change rebuild's start-up (docs/performance.md).
    // Cards are drawn on a thread of their own while this one renders the pages; a failure of the pages stops the cards.
    const stopCards = new AbortController();
    const cardsWritten = cardPages ? writeCardsBeside(changedCards(cardPages, manifest, plan.full ? undefined : previous?.manifest), cardPages.urls.length, { outDir: staging, cacheDir: cacheDir && join(cacheDir, 'cards'), log, signal: stopCards.signal }) : Promise.resolve(undefined);
    const pagesRendered = plan.changed === 0 ? Promise.resolve(0) : import('../engine/shards.ts').then(({ renderPages }) => renderPages({
      templatesDir, outDir: staging, pathPrefix: settings.pathPrefix, site: data.site, pages: plan.render, pending: plan.pending, assets: plan.full,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.shardSize === undefined ? {} : { shardSize: options.shardSize }),
      onShard: (done, total) => log(`rendered shard ${done} of ${total}`),
    }));
    const [rendered, cards] = await bothSettled(pagesRendered.catch((error: unknown) => {
      stopCards.abort(error);
      throw error;
    }), cardsWritten);
    if (cards) log(`cards: ${cards.written} written, ${cards.rendered} of them rendered, in ${Math.round(cards.milliseconds)} ms`);
    lap('render');
    if (plan.full && options.search !== false) {
      search = await buildSearchIndex(staging, { language: settings.language, outputPath: join(staging, 'pagefind') });
      log(`indexed ${search.pages} pages for search in ${Math.round(search.milliseconds)} ms`);
    }
    lap('search');
    const previousRecords = previous && { path: join(outDir, 'stories.json'), spans: previous.records };
    const spans = await writeRecordsJson(join(staging, 'stories.json'), records, { keys: recordKeys, previous: previousRecords });
    await replaceFile(join(staging, 'stories.csv'), toCsv(records));
    await replaceFile(join(staging, 'pairs.json'), `${JSON.stringify(toPairsJson(records, relations), null, 2)}\n`);
    lap('write');

    await pauseAt('move');
    // The manifest names old and new files while they move, so that a build
    // stopped half-way leaves none of its files unowned.
    const staged = filesBelow(staging).filter((path) => path !== MANIFEST_FILE);
    let owned = new Set([...output.owned, ...staged]);
    registryUpdate = await stageRegistry(registryFile, serializeRegistry(permalinks.registry));
    held = holdStopSignals();
    await replaceFile(join(outDir, MANIFEST_FILE), manifestText(owned));
    moving.started = true;
    moveIn(staging, outDir, new Set([MANIFEST_FILE]));
    const stagedSet = new Set(staged);
    const gone = plan.full ? [...output.owned].filter((path) => !stagedSet.has(path)) : plan.remove.filter((path) => output.owned.has(path));
    if (!plan.full && options.search !== false) {
      // Pagefind reads the whole site: the output, now that the pages are in.
      search = await buildSearchIndex(outDir, { language: settings.language, outputPath: join(staging, 'pagefind') });
      const index = filesBelow(join(staging, 'pagefind')).map((path) => `pagefind/${path}`);
      for (const path of index) owned.add(path);
      await replaceFile(join(outDir, MANIFEST_FILE), manifestText(owned));
      moveIn(staging, outDir, new Set([MANIFEST_FILE]));
      const fresh = new Set(index);
      for (const path of output.owned) if (path.startsWith('pagefind/') && !fresh.has(path)) gone.push(path);
      log(`indexed ${search.pages} pages for search in ${Math.round(search.milliseconds)} ms`);
    }
    const removed = new Set(gone.filter((path) => !isKept(path, output.keep)));
    removeFiles(outDir, removed);
    owned = new Set([...owned].filter((path) => !removed.has(path)));
    if (plan.full) owned = stagedSet;
    await replaceFile(join(outDir, MANIFEST_FILE), manifestText(owned));
    await rm(staging, { recursive: true, force: true });
    if (manifestPath) {
      const saved: SavedBuild = { manifest: saveManifest(manifest), stories: await fileIdentity(join(outDir, 'stories.json')), records: spans };
      await replaceFile(manifestPath, JSON.stringify(saved));
    }
    await pauseAt('registry');
    await registryUpdate?.commit().catch((error: Error) => log(`${registryFile.target}: warning: could not update the permalink registry (${error.message}); commit it from a writable checkout`));
    registryUpdate = undefined;
    held.release();
    held = undefined;
    if (seedCacheDir) await new SeedCache(seedCacheDir).prune(seeds.cacheKeys);
    lap('write');
    const summary = {
      digests: seeds.digests.length, stories: records.length, pages: plan.total, rendered, full: plan.full,
      milliseconds: performance.now() - started, stages, warnings,
    };
    return { ...summary, ...(search === undefined ? {} : { search }), ...(cards ? { cards } : {}) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Once pages are published, their URLs are kept even if the rest failed.
    await (moving.started ? registryUpdate?.commit().catch(() => {}) : registryUpdate?.discard());
    throw error;
  } finally {
    held?.release();
  }
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
 * a hand edit or a copy shows, without hashing tens of megabytes a build.
 */
async function previousBuild(path: string | undefined, outDir: string): Promise<{ manifest: PageManifest; records: RecordSpans } | undefined> {
  if (!path) return undefined;
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as Partial<SavedBuild>;
    if (saved.stories !== (await fileIdentity(join(outDir, 'stories.json'))) || !saved.records) return undefined;
    const manifest = loadManifest(saved.manifest);
    const records = spansOf(saved.records);
    return manifest && records && { manifest, records };
  } catch {
    return undefined;
  }
}

/**
 * A folder an older version of this build wrote (before the manifest) is
 * still recognised as ours when the cache's record of the last build into it
 * matches its `stories.json` (the same file, size and time): its files are
 * that build's pages, data files, assets and search index.
 */
async function adoptOlderBuild(output: OutputFolder, manifestPath: string | undefined): Promise<OutputFolder> {
  if (!output.refusal || !manifestPath || (await stat(join(output.dir, MANIFEST_FILE)).then(() => true, () => false))) return output;
  try {
    const saved = JSON.parse(await readFile(manifestPath, 'utf8')) as Partial<SavedBuild>;
    if (saved.stories !== (await fileIdentity(join(output.dir, 'stories.json')))) return output;
    const pages = loadManifest(saved.manifest);
    if (!pages) return output;
    const below = (folder: string): string[] => filesBelow(join(output.dir, folder)).map((path) => `${folder}/${path}`);
    const files = [...pages.outputs.keys(), 'stories.json', 'stories.csv', 'pairs.json', 'favicon.svg', ...below('assets'), ...below('pagefind')];
    const { refusal: _, ...rest } = output;
    return { ...rest, owned: new Set(files.filter((path) => !isKept(path, output.keep))), ours: true };
  } catch {
    return output;
  }
}

/**
 * The next registry, written beside the old one before any page is published:
 * a seeds folder that cannot take it (read-only, full) stops the build with the
 * site unchanged, rather than publishing URLs that no registry keeps.
 */
async function stageRegistry(file: RegistryFile, text: string): Promise<StagedRegistry | undefined> {
  try {
    return await stageRegistryFile(file, text);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code === 'EROFS' ? 'a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left' : (code ?? message);
    throw new DigestError(`${file.target}: error: Unexpected permalink registry the build cannot update (${why}), expected to record the new stories' permanent URLs beside the seeds: make the seeds folder writable, or build from a writable checkout; the previous site is unchanged`, { cause: error });
  }
}
