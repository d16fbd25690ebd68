/**
 * The data that flows through the build, stage by stage:
 * seed file → ParsedDigest (parse) → StoryRecord (records + tag) → site data (site) → pages.
 * `StoryRecord` is also the documented contract of `<out>/stories.json`.
 */

/** `YYYY-MM-DD` or `YYYY-MM`. */
export type IsoDate = string;
export type DatePrecision = 'day' | 'month';
export type DateSource = 'text' | 'digest';

/** A calendar date with its precision; never a JS `Date`, so no time zone can shift it. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day?: number; // absent for month precision
}

/** A story as it stands in a seed, before dating, URL assignment and tagging. */
export interface ParsedStory {
  readonly position: number; // 1-based position in its digest
  readonly headline: string; // plain text
  readonly paragraphs: readonly string[]; // plain text, one string each
  readonly html: string; // sanitized HTML of the body paragraphs
  readonly line: number; // 1-based line of the headline in the seed file
  /** The story's date as a line of its own under the headline (`September 3, 2025`), when it has one: no paragraph, but dated first. */
  readonly dateline?: string;
}

export interface DigestMeta {
  readonly id: string; // from the file name: `2024-05`
  readonly file: string; // seed file name in the seeds folder, `2024-05.txt` (never the folder: it is published)
  readonly title: string;
  readonly date: CalendarDate;
  readonly source?: string; // the original URL, if front matter gives one
}

export interface ParsedDigest {
  readonly digest: DigestMeta;
  readonly stories: readonly ParsedStory[];
}

/** What tagging adds to a story. */
export interface StoryTags {
  readonly countries: readonly string[]; // country slugs, most salient first
  readonly pairs: readonly string[]; // pair slugs (`china-russia`), primary first
  readonly topics: readonly string[]; // topic slugs, best first, at most three
  readonly organizations: readonly string[]; // organisation slugs (`nato`, `un`)
}

/** Tags a story by what it says; the one signature of the tag stage (src/tag/tagger.ts `createTagger`). */
export type Tagger = (story: { readonly headline: string; readonly paragraphs: readonly string[] }) => StoryTags;

/** One record of `<out>/stories.json`. Field names are a contract: change them only with a major version. */
export interface StoryRecord extends StoryTags {
  readonly id: string;
  readonly slug: string;
  readonly url: string; // site-relative, `/stories/2024/05/12/<slug>/`
  readonly headline: string;
  readonly paragraphs: readonly string[];
  readonly html: string;
  readonly digest: {
    readonly id: string;
    readonly date: IsoDate;
    readonly title: string;
    readonly file: string;
  };
  readonly date: IsoDate;
  readonly datePrecision: DatePrecision;
  readonly dateSource: DateSource;
  readonly wordCount: number;
  readonly source: { readonly file: string; readonly line: number };
}

/**
 * The columns of `stories.csv`, a contract like `stories.json`: written by
 * src/output/export.ts and listed on the about page (src/site/extras.ts).
 */
export const CSV_COLUMNS = ['id', 'url', 'date', 'precision', 'digest', 'headline', 'countries', 'pairs', 'topics'] as const;
