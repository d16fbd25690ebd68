/**
 * Parsed digests → dated story records, in the documented order (date, then
 * digest, then position). Dates come from the story's own text when it names a
 * day inside the digest's window, else from the digest.
 */
import { findStoryDate, formatIsoDate, precisionOf } from './dates.ts';
import { shortHash, slugify } from './slug.ts';
import type { CalendarDate, DateSource, ParsedDigest, ParsedStory, StoryRecord, StoryTags } from '../types.ts';

export const NO_TAGS: StoryTags = { countries: [], pairs: [], topics: [], organizations: [] };

/**
 * What a story yields on its own, whatever the other seeds hold: worked out
 * once when its seed is analysed and cached with it, so that a rebuild from the
 * cache does not count and slug every story again.
 */
export interface StoryFacts {
  readonly date: CalendarDate;
  readonly dateSource: DateSource;
  /** `slugify(headline)`; empty when the headline has no letters (the URL then says `story`). */
  readonly slug: string;
  readonly wordCount: number;
}

export interface DatedStory extends StoryFacts {
  readonly digest: ParsedDigest['digest'];
  readonly story: ParsedStory;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const isWordChar = (code: number): boolean =>
  code < 0x80 ? (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) : LETTER_OR_DIGIT.test(String.fromCodePoint(code));
const isJoiner = (code: number): boolean => code === 0x27 || code === 0x2019 || code === 0x2d;

/**
 * Words as `/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\/gu` matches them (`Kim’s`,
 * `Russia-China` are one word): runs of letters and digits, less the joiners
 * that sit between two of them. A scan, not `match`, which made an array of
 * every word of every story (docs/performance.md, "Records").
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let joinerAfterWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (isWordChar(code)) {
      if (!inWord && !joinerAfterWord) words++;
      inWord = true;
      joinerAfterWord = false;
    } else {
      joinerAfterWord = inWord && isJoiner(code);
      inWord = false;
    }
  }
  return words;
}

export function storyFacts(digest: ParsedDigest['digest'], story: ParsedStory): StoryFacts {
  const own = (story.dateline === undefined ? undefined : findStoryDate(story.dateline, digest.date)) ?? findStoryDate(story.headline, digest.date) ?? (story.paragraphs[0] === undefined ? undefined : findStoryDate(story.paragraphs[0], digest.date));
  return {
    date: own ?? digest.date,
    dateSource: own === undefined ? 'digest' : 'text',
    slug: slugify(story.headline),
    wordCount: countWords(story.paragraphs.join(' ')),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The month part of a story URL: `2024/05`. */
export function monthPath(date: CalendarDate): string {
  return `${date.year}/${pad2(date.month)}`;
}

/** Where a story would live if nothing else claimed the path: `/stories/2024/05/12/<slug>/`. */
export function candidateUrl(dated: Pick<DatedStory, 'date' | 'slug'>): string {
  const day = dated.date.day === undefined ? '' : `/${pad2(dated.date.day)}`;
  return `/stories/${monthPath(dated.date)}${day}/${dated.slug || 'story'}/`;
}

/** The identity of a story across builds, independent of every other seed file. */
export function storyKey(dated: Pick<DatedStory, 'digest' | 'story'>): string {
  return `${dated.digest.id}#${dated.story.position}`;
}

/**
 * Unique URLs. The first story (in record order) to want a path gets it; a later
 * one gets a suffix hashed from its own identity, not a counter, so removing
 * another story never renames it. `reserved` holds URLs already published
 * (the permalink registry), which are kept whatever the text now says.
 */
export function assignUrls(
  stories: readonly DatedStory[],
  reserved: ReadonlyMap<string, string> = new Map(),
  alsoTaken: ReadonlySet<string> = new Set(),
): string[] {
  const taken = new Set([...reserved.values(), ...alsoTaken]);
  return stories.map((dated) => {
    const kept = reserved.get(storyKey(dated));
    if (kept !== undefined) return kept;
    const url = candidateUrl(dated);
    for (let salt = 0; taken.has(url) || url.endsWith('/story/'); salt++) {
      const suffixed = `${url.slice(0, -1)}-${shortHash(`${storyKey(dated)}:${salt}`)}/`;
      if (!taken.has(suffixed)) {
        taken.add(suffixed);
        return suffixed;
      }
    }
    taken.add(url);
    return url;
  });
}

/**
 * Record order: date, then digest, then position. Dates compare as their ISO
 * strings would (years have four digits; a month sorts before its days)
 * without formatting two strings per comparison.
 */
export function compareDated(a: DatedStory, b: DatedStory): number {
  return a.date.year - b.date.year
    || a.date.month - b.date.month
    || (a.date.day ?? 0) - (b.date.day ?? 0)
    || (a.digest.id === b.digest.id ? 0 : a.digest.id < b.digest.id ? -1 : 1)
    || a.story.position - b.story.position;
}

/**
 * The same order over finished records (`compareDated`'s, read from their
 * fields: ISO dates sort a month before its days, a headline's line follows
 * its position), for a stage handed records in any order (src/site/catalog.ts).
 */
export function compareRecords(a: StoryRecord, b: StoryRecord): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.digest.id !== b.digest.id) return a.digest.id < b.digest.id ? -1 : 1;
  return a.source.line - b.source.line;
}

export function toRecord(dated: DatedStory, url: string, tags: StoryTags): StoryRecord {
  const { digest, story } = dated;
  return {
    id: url.replace(/^\/stories\//, '').replace(/\/$/, '').replace(/\//g, '-'),
    slug: url.split('/').at(-2) ?? '',
    url,
    headline: story.headline,
    paragraphs: story.paragraphs,
    html: story.html,
    digest: { id: digest.id, date: formatIsoDate(digest.date), title: digest.title, file: digest.file },
    date: formatIsoDate(dated.date),
    datePrecision: precisionOf(dated.date),
    dateSource: dated.dateSource,
    countries: tags.countries,
    pairs: tags.pairs,
    topics: tags.topics,
    organizations: tags.organizations,
    wordCount: dated.wordCount,
    source: { file: digest.file, line: story.line },
  };
}
