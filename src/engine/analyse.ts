/**
 * Seed analysis with the per-seed cache: read a seed, key it by its name,
 * bytes and the code/data version, answer from the cache or analyse it
 * (src/seeds/analyse.ts) and store the result. Runs on the main thread and
 * in workers (src/engine/worker-jobs.ts); never knows the pool.
 */
import { basename } from 'node:path';
import { VFile } from 'vfile';
import { hashOf } from '../hash.ts';
import { SeedCache } from './cache.ts';
import { mapLimit } from '../limit.ts';
import type { SeedResult } from '../seeds/analyse.ts';
import type { MarkdownKit } from '../seeds/markdown.ts';
import { readSeed } from '../seeds/folder.ts';
import type { ParsedDigest, Tagger } from '../types.ts';

const LATIN1 = /^[\0-\xff]*$/;
const HASH = 0x23;

/**
 * The same text, in V8's one-byte representation when every character fits
 * in one. A substring keeps the representation of the text it was cut from,
 * so one curly quote in a seed made each of its headlines and paragraphs two
 * bytes a character, in memory and in the cache, for every later stage
 * (docs/performance.md, "Compact strings").
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

/**
 * A seed's result with compact texts. Compacted after dating and tagging, not
 * before: dating compacted text was slower (docs/performance.md).
 */
function compactResult(result: SeedResult): SeedResult {
  return result.digest ? { ...result, digest: compactDigest(result.digest) } : result;
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

/** A seed's bytes and cache key ('' without a cache), or why it could not be read. */
function readKeyed(path: string, keyed: boolean, version: string): { readonly bytes: Uint8Array; readonly key: string } | AnalysedFile {
  const read = readSeed(path);
  if (!read.ok) return { path, readError: read.reason, cacheHit: false, key: '' };
  return { bytes: read.bytes, key: keyed ? hashOf(version, basename(path), read.bytes) : '' };
}

/** A seed's cached result, or its read error; undefined when it must be analysed. */
export function lookUp(path: string, cache: SeedCache<SeedResult> | undefined, version: string): AnalysedFile | undefined {
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
  if (paths.length === 0) return [];
  // The parser, the dater and their libraries load only when a seed is not in the cache (docs/performance.md, "Start-up").
  const [{ analyseSeed }, { mayBeMarkdown }, { decodeSeed }] = await Promise.all([import('../seeds/analyse.ts'), import('../seeds/blocks.ts'), import('../seeds/decode.ts')]);
  // Remark and its sanitizer load only for a seed that may be Markdown (src/seeds/markdown.ts).
  let markdown: MarkdownKit | undefined;
  // Reads overlap, and the event loop never holds thousands of open files.
  return mapLimit(paths, 16, async (path): Promise<AnalysedFile> => {
    const read = readKeyed(path, options.cache !== undefined, options.version);
    if ('path' in read) return read;
    // A seed without a `#` byte has no heading in any encoding; only one with it is decoded twice.
    if (!markdown && read.bytes.includes(HASH)) {
      const decoded = decodeSeed(read.bytes);
      if (decoded.ok && mayBeMarkdown(decoded.text)) markdown = (await import('../seeds/markdown.ts')).markdown;
    }
    const result = compactResult(analyseSeed(new VFile({ path, value: read.bytes }), options.tagger, markdown));
    await options.cache?.set(read.key, result);
    return { path, result, cacheHit: false, key: read.key };
  });
}
