/**
 * Seeds folder → parsed, dated and tagged digests, with the per-seed cache:
 * a seed whose bytes, name and the code/data version are unchanged is not
 * read twice. Messages are cached too, so `news-digest check` is instant on an
 * unchanged folder.
 */
import { basename } from 'node:path';
import { VFile } from 'vfile';
import { hashOf, SeedCache } from './cache.ts';
import { runInWorkers } from './pool.ts';
import { loadTaxonomy } from '../tag/taxonomy.ts';
import { parseSeed } from '../seeds/parse.ts';
import { NO_TAGS, storyFacts, type DatedStory, type StoryFacts, type Tagger } from '../records/records.ts';
import { listSeeds, readSeed } from '../seeds/folder.ts';
import type { ParsedDigest, StoryTags } from '../types.ts';

interface CachedMessage {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly fatal: boolean;
}

/** What one seed yields; stored in the cache as is. */
export interface SeedResult {
  readonly messages: readonly CachedMessage[];
  readonly digest?: ParsedDigest;
  /** Date, slug and word count by story. */
  readonly facts?: readonly StoryFacts[];
  readonly tags?: readonly StoryTags[];
}

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
}

const LATIN1 = /^[\0-\xff]*$/;

/**
 * The same text, in V8's one-byte representation when every character fits
 * in one. A substring keeps the representation of the text it was cut from,
 * so one curly quote in a seed made each of its headlines and paragraphs two
 * bytes a character: in memory and in the cache (64 MB for 10,000 stories;
 * 39 MB so, and every later stage handles less: the 10k incremental rebuild
 * took ~10 ms less to load, ~30 ms less for site data, ~15 ms less to write).
 */
export function compactString(text: string): string {
  return LATIN1.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : text;
}

/** A parsed digest whose story texts are compact strings (`compactString`). */
export function compactDigest(parsed: ParsedDigest): ParsedDigest {
  return {
    ...parsed,
    stories: parsed.stories.map((story) => ({ ...story, headline: compactString(story.headline), paragraphs: story.paragraphs.map(compactString), html: compactString(story.html) })),
  };
}

/** Parse, date and tag one seed's bytes. Pure apart from the VFile it fills. */
export function analyseSeed(file: VFile, tagger: Tagger): SeedResult {
  const digest = parseSeed(file, basename(file.path));
  const messages = file.messages.map((m) => ({ reason: m.reason, line: m.line ?? 1, column: m.column ?? 1, ruleId: m.ruleId ?? 'news-digest', fatal: m.fatal === true }));
  if (!digest) return { messages };
  const facts = digest.stories.map((story) => storyFacts(digest.digest, story));
  const tags = digest.stories.map((story) => tagger(story));
  // Compacted after dating and tagging, not before: on compacted text, the
  // first seed of a build took ~90 ms longer to date (measured, not explained).
  return { messages, digest: compactDigest(digest), facts, tags };
}

/** One seed after analysis: plain data, so it can come back from a worker thread. */
export interface AnalysedFile {
  readonly path: string;
  readonly readError?: string;
  readonly result?: SeedResult;
  readonly cacheHit: boolean;
  /** The cache key it was stored under ('' without a cache). */
  readonly key: string;
}

/** Bounded parallel map: reads overlap, the event loop never holds thousands of open files. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  }));
  return results;
}

/** A seed's bytes and cache key ('' without a cache), or why it could not be read. */
function readKeyed(path: string, keyed: boolean, version: string): { readonly bytes: Uint8Array; readonly key: string } | AnalysedFile {
  const read = readSeed(path);
  if (!read.ok) return { path, readError: read.reason, cacheHit: false, key: '' };
  return { bytes: read.bytes, key: keyed ? hashOf(version, basename(path), read.bytes) : '' };
}

/** A seed's cached result, or its read error; undefined when it must be analysed. */
function lookUp(path: string, cache: SeedCache<SeedResult> | undefined, version: string): AnalysedFile | undefined {
  const read = readKeyed(path, cache !== undefined, version);
  if ('path' in read) return read;
  const cached = cache?.get(read.key);
  // The key holds the file's name and bytes, not its folder, and so does the result
  // (records name a seed by its name): a moved seeds folder still hits the cache.
  return cached ? { path, result: cached, cacheHit: true, key: read.key } : undefined;
}

/**
 * Read, parse, date and tag seeds that `lookUp` did not find in the cache, and
 * store their results there when given one.
 */
export async function analyseFiles(paths: readonly string[], options: { tagger: Tagger; cache?: SeedCache<SeedResult> | undefined; version: string }): Promise<AnalysedFile[]> {
  return mapLimit(paths, 16, async (path): Promise<AnalysedFile> => {
    const read = readKeyed(path, options.cache !== undefined, options.version);
    if ('path' in read) return read;
    const result = analyseSeed(new VFile({ path, value: read.bytes }), options.tagger);
    await options.cache?.set(read.key, result);
    return { path, result, cacheHit: false, key: read.key };
  });
}

/**
 * Seeds to analyse (not in the cache) at which analysis is shared with worker
 * threads, this thread being one of the lanes. A worker first loads the
 * TypeScript sources, the parser and the tagging data (about 1.1 s), and on
 * this 2-core machine two lanes contend (each ran 1.2 to 2 times slower): at
 * 1,000 seeds one lane was faster (4.7 s against 6.0 s), so only archives of
 * thousands of new seeds (a first build of a large archive) use workers.
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
  const analyse = (paths: readonly string[]): Promise<AnalysedFile[]> => {
    tagger ??= options.dataDir === undefined ? () => NO_TAGS : loadTaxonomy(options.dataDir).tagger;
    return analyseFiles(paths, { tagger, cache, version });
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
