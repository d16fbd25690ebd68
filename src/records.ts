/**
 * Parsed digests → dated story records, in the documented order (date, then
 * digest, then position). Dates come from the story's own text when it names a
 * day inside the digest's window, else from the digest.
 */
import { findStoryDate, formatIsoDate, precisionOf } from './dates.ts';
import { shortHash, slugify } from './slug.ts';
import type { CalendarDate, DateSource, ParsedDigest, ParsedStory, StoryRecord, StoryTags } from './types.ts';

export type Tagger = (story: { readonly headline: string; readonly paragraphs: readonly string[] }) => StoryTags;

export const NO_TAGS: StoryTags = { countries: [], pairs: [], topics: [], organizations: [] };

export interface DatedStory {
  readonly digest: ParsedDigest['digest'];
  readonly story: ParsedStory;
  readonly date: CalendarDate;
  readonly dateSource: DateSource;
}

export function dateStory(digest: ParsedDigest['digest'], story: ParsedStory): DatedStory {
  const own = findStoryDate(story.headline, digest.date) ?? (story.paragraphs[0] === undefined ? undefined : findStoryDate(story.paragraphs[0], digest.date));
  return own ? { digest, story, date: own, dateSource: 'text' } : { digest, story, date: digest.date, dateSource: 'digest' };
}

/** Where a story would live if nothing else claimed the path: `/stories/2024/05/12/<slug>/`. */
export function candidateUrl(dated: DatedStory): string {
  const { year, month, day } = dated.date;
  const datePath = [String(year), String(month).padStart(2, '0'), ...(day === undefined ? [] : [String(day).padStart(2, '0')])].join('/');
  return `/stories/${datePath}/${slugify(dated.story.headline) || 'story'}/`;
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

export function compareDated(a: DatedStory, b: DatedStory): number {
  const da = formatIsoDate(a.date);
  const db = formatIsoDate(b.date);
  if (da !== db) return da < db ? -1 : 1;
  if (a.digest.id !== b.digest.id) return a.digest.id < b.digest.id ? -1 : 1;
  return a.story.position - b.story.position;
}

const countWords = (text: string): number => (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;

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
    wordCount: countWords(story.paragraphs.join(' ')),
    source: { file: digest.file, line: story.line },
  };
}

/** Every story of every digest, dated, sorted, with a URL and tags. */
export function datedStories(digests: readonly ParsedDigest[]): DatedStory[] {
  return digests.flatMap(({ digest, stories }) => stories.map((story) => dateStory(digest, story))).sort(compareDated);
}

/** Records with fresh URLs (no registry): for tools and tests; the build uses the permalink registry. */
export function toRecords(digests: readonly ParsedDigest[], tag: Tagger = () => NO_TAGS): StoryRecord[] {
  const dated = datedStories(digests);
  const urls = assignUrls(dated);
  return dated.map((item, index) => toRecord(item, urls[index]!, tag(item.story)));
}
