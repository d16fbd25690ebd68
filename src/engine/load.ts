/**
 * Seeds folder → parsed, dated and tagged digests, with the per-seed cache:
 * a seed whose bytes, name and the code/data version are unchanged is not
 * read twice. Messages are cached too, so `news-digest check` is instant on an
 * unchanged folder. Large batches of new seeds go to worker threads.
 */
import { VFile } from 'vfile';
import { SeedCache } from './cache.ts';
import { analyseFiles, lookUp, type AnalysedFile } from './analyse.ts';
import { keepLemmas, primeLemmas, type LemmaCache } from './lemma-cache.ts';
import { runInWorkers } from './pool.ts';
import { loadTaxonomy } from '../tag/taxonomy.ts';
import { NO_TAGS, type DatedStory } from '../records/records.ts';
import type { SeedResult } from '../seeds/analyse.ts';
import { listSeeds } from '../seeds/folder.ts';
import type { ParsedDigest, StoryTags, Tagger } from '../types.ts';

export interface LoadedSeeds {
  readonly files: readonly VFile[];
  readonly digests: readonly ParsedDigest[];
  /** Every story, dated, in digest order (unsorted). */
  readonly stories: readonly DatedStory[];
  /** Tags by story, parallel to `stories`. */
  readonly tags: readonly StoryTags[];
  /**
   * Per story, parallel to `stories`: its seed's cache key and its place in
   * the seed, which fix everything the seed says about it ('' without a cache).
   */
  readonly sourceKeys: readonly string[];
  readonly notices: readonly string[];
  readonly cacheHits: number;
  /** Cache keys of this folder's seeds: every other entry is stale. */
  readonly cacheKeys: ReadonlySet<string>;
}

export interface LoadOptions {
  /** The tagger for seeds analysed on this thread; without one, the default tagger from `dataDir`. */
  readonly tagger?: Tagger | undefined;
  /**
   * The tagging data folder the tagger was built from: lets large folders be
   * analysed on worker threads, each building the same tagger (leave it out
   * with a custom tagger, which cannot travel to a worker).
   */
  readonly dataDir?: string | undefined;
  /** Where cached results live; no cache without it. */
  readonly cacheDir?: string | undefined;
  /** Code and data version: part of every cache key. */
  readonly version?: string;
  /** Where the lemmas of earlier builds are kept (src/engine/lemma-cache.ts), for seeds analysed on this thread. */
  readonly lemmas?: LemmaCache | undefined;
}

/**
 * Seeds to analyse (not in the cache) at which analysis is shared with worker
 * threads, this thread being one of the lanes. A worker first loads the
 * TypeScript sources, the parser and the tagging data, and lanes on a small
 * machine contend, so only archives of thousands of new seeds (a first build
 * of a large archive) are worth workers (docs/performance.md, "Workers").
 */
const PARALLEL_FROM = 2000;
/** Seeds per job: small enough that the lanes finish together. */
const BATCH = 50;

export async function loadSeeds(seedsDir: string, options: LoadOptions = {}): Promise<LoadedSeeds> {
  const listing = await listSeeds(seedsDir);
  const version = options.version ?? '';
  const cache = options.cacheDir === undefined ? undefined : new SeedCache<SeedResult>(options.cacheDir);
  // Cache hits first, on this thread; only the rest is worth a worker.
  const known = listing.files.map((path) => lookUp(path, cache, version));
  const missing = listing.files.filter((_, index) => known[index] === undefined);
  let tagger = options.tagger;
  const analyse = async (paths: readonly string[]): Promise<AnalysedFile[]> => {
    if (paths.length === 0) return [];
    // Remembered before the tagger compiles: its phrases are lemmatised too.
    const known = options.lemmas && primeLemmas(options.lemmas);
    tagger ??= options.dataDir === undefined ? () => NO_TAGS : loadTaxonomy(options.dataDir).tagger;
    const analysed = await analyseFiles(paths, { tagger, cache, version });
    if (options.lemmas) await keepLemmas(options.lemmas, known!);
    return analysed;
  };
  let fresh: AnalysedFile[];
  if (options.dataDir !== undefined && missing.length >= PARALLEL_FROM) {
    // The default tagger is rebuilt in each worker from the data folder; a custom one cannot travel.
    const batches = Array.from({ length: Math.ceil(missing.length / BATCH) }, (_, index) => missing.slice(index * BATCH, (index + 1) * BATCH));
    const results = await runInWorkers(batches.map((paths) => ({
      kind: 'analyse' as const, paths, dataDir: options.dataDir!, version, ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    })), { here: (job) => analyse(job.paths) });
    fresh = results.flat();
  } else {
    fresh = await analyse(missing);
  }
  const byPath = new Map(fresh.map((file) => [file.path, file]));
  const analysed = listing.files.map((path, index) => known[index] ?? byPath.get(path)!);

  const files: VFile[] = [];
  const digests: ParsedDigest[] = [];
  const stories: DatedStory[] = [];
  const tags: StoryTags[] = [];
  const sourceKeys: string[] = [];
  const owners = new Map<string, string>();
  let cacheHits = 0;
  for (const { path, readError, result, cacheHit, key } of analysed) {
    if (cacheHit) cacheHits++;
    const file = new VFile({ path });
    const place = (line: number, column: number) => ({ place: { line, column }, ruleId: 'unreadable', source: 'news-digest' });
    if (readError !== undefined) file.message(readError, place(1, 1)).fatal = true;
    for (const m of result?.messages ?? []) {
      file.message(m.reason, { ...place(m.line, m.column), ruleId: m.ruleId }).fatal = m.fatal;
    }
    files.push(file);
    const digest = result?.digest;
    if (!digest || !result.facts || !result.tags) continue;
    const owner = owners.get(digest.digest.id);
    if (owner !== undefined) {
      file.message(`Unexpected digest id \`${digest.digest.id}\` already used by ${owner}, expected a unique file name`, { place: { line: 1, column: 1 }, ruleId: 'duplicate-digest', source: 'news-digest' }).fatal = true;
      continue;
    }
    owners.set(digest.digest.id, file.path);
    digests.push(digest);
    digest.stories.forEach((story, index) => {
      stories.push({ digest: digest.digest, story, ...result.facts![index]! });
      tags.push(result.tags![index]!);
      // The cache key names the file and its bytes, which fix the record: its folder is no part of it.
      sourceKeys.push(key === '' ? '' : `${key}:${index}`);
    });
  }
  const cacheKeys = new Set(analysed.map((file) => file.key).filter((key) => key !== ''));
  return { files, digests, stories, tags, sourceKeys, notices: listing.notices, cacheHits, cacheKeys };
}
