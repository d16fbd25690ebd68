/**
 * Seeds folder → parsed, dated and tagged digests, with the per-seed cache:
 * a seed whose bytes, name and the code/data version are unchanged is not
 * read twice. Messages are cached too, so `news-digest check` is instant on an
 * unchanged folder.
 */
import { basename } from 'node:path';
import { VFile } from 'vfile';
import { hashOf, type SeedCache } from './cache.ts';
import { parseSeed } from './parse.ts';
import { dateStory, NO_TAGS, type DatedStory, type Tagger } from './records.ts';
import { listSeeds, readSeed } from './seeds.ts';
import type { CalendarDate, DateSource, ParsedDigest, StoryTags } from './types.ts';

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
  readonly dates?: readonly { readonly date: CalendarDate; readonly dateSource: DateSource }[];
  readonly tags?: readonly StoryTags[];
}

export interface LoadedSeeds {
  readonly files: readonly VFile[];
  readonly digests: readonly ParsedDigest[];
  /** Every story, dated, in digest order (unsorted). */
  readonly stories: readonly DatedStory[];
  /** Tags by story, parallel to `stories`. */
  readonly tags: readonly StoryTags[];
  readonly notices: readonly string[];
  readonly cacheHits: number;
}

export interface LoadOptions {
  readonly tagger?: Tagger | undefined;
  readonly cache?: SeedCache<SeedResult> | undefined;
  /** Code and data version: part of every cache key. */
  readonly version?: string;
}

/** Parse, date and tag one seed's bytes. Pure apart from the VFile it fills. */
export function analyseSeed(file: VFile, tagger: Tagger): SeedResult {
  const digest = parseSeed(file, basename(file.path));
  const messages = file.messages.map((m) => ({ reason: m.reason, line: m.line ?? 1, column: m.column ?? 1, ruleId: m.ruleId ?? 'news-digest', fatal: m.fatal === true }));
  if (!digest) return { messages };
  const dates = digest.stories.map((story) => {
    const dated = dateStory(digest.digest, story);
    return { date: dated.date, dateSource: dated.dateSource };
  });
  return { messages, digest, dates, tags: digest.stories.map((story) => tagger(story)) };
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

export async function loadSeeds(seedsDir: string, options: LoadOptions = {}): Promise<LoadedSeeds> {
  const tagger = options.tagger ?? (() => NO_TAGS);
  const listing = await listSeeds(seedsDir);
  let cacheHits = 0;
  const loaded = await mapLimit(listing.files, 16, async (path) => {
    const read = await readSeed(path);
    const file = new VFile({ path, value: read.ok ? read.bytes : new Uint8Array() });
    if (!read.ok) {
      file.message(read.reason, { place: { line: 1, column: 1 }, ruleId: 'unreadable', source: 'news-digest' }).fatal = true;
      return { file, result: undefined };
    }
    const key = options.cache ? hashOf(options.version ?? '', basename(path), read.bytes) : '';
    const cached = options.cache ? await options.cache.get(key) : undefined;
    let result = cached;
    if (result) {
      cacheHits++;
      for (const m of result.messages) {
        file.message(m.reason, { place: { line: m.line, column: m.column }, ruleId: m.ruleId, source: 'news-digest' }).fatal = m.fatal;
      }
    } else {
      result = analyseSeed(file, tagger);
      await options.cache?.set(key, result);
    }
    return { file, result };
  });

  const files: VFile[] = [];
  const digests: ParsedDigest[] = [];
  const stories: DatedStory[] = [];
  const tags: StoryTags[] = [];
  const owners = new Map<string, string>();
  for (const { file, result } of loaded) {
    files.push(file);
    const digest = result?.digest;
    if (!digest || !result.dates || !result.tags) continue;
    const owner = owners.get(digest.digest.id);
    if (owner !== undefined) {
      file.message(`Unexpected digest id \`${digest.digest.id}\` already used by ${owner}, expected a unique file name`, { place: { line: 1, column: 1 }, ruleId: 'duplicate-digest', source: 'news-digest' }).fatal = true;
      continue;
    }
    owners.set(digest.digest.id, file.path);
    digests.push(digest);
    digest.stories.forEach((story, index) => {
      const { date, dateSource } = result.dates![index]!;
      stories.push({ digest: digest.digest, story, date, dateSource });
      tags.push(result.tags![index]!);
    });
  }
  return { files, digests, stories, tags, notices: listing.notices, cacheHits };
}
