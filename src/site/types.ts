/**
 * The shapes of `nd` (the one global the templates see). Every output file is
 * one item of one `nd.pages.<kind>` array, and an item carries everything its
 * page shows: a template reads its own item and `nd.site`, nothing else.
 * URLs in items are site-relative (`/pairs/china-russia/`) and go through the
 * `url` filter in templates; `meta.canonical` and everything in feeds and
 * sitemaps is absolute, made from `baseUrl`.
 */
import type { DatePrecision, IsoDate } from '../types.ts';

/** Display names from the tagging data; anything missing falls back to a title-cased slug. */
export interface SiteLabels {
  country(slug: string): string;
  topic(slug: string): string;
  topicDescription?(slug: string): string;
}

export type TagKind = 'pair' | 'topic' | 'country';

export interface TagRef {
  readonly kind: TagKind;
  readonly slug: string;
  readonly label: string;
  readonly url: string;
}

export interface DigestRef {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

/** A story as every listing shows it. One object per story, shared by all listings. */
export interface StoryLink {
  readonly url: string;
  readonly headline: string;
  readonly date: IsoDate;
  readonly dateLabel: string; // `12 May 2024` or `May 2024`
  readonly digest: DigestRef;
  readonly tags: readonly TagRef[]; // pairs, then topics, then countries
}

export interface FeedLink {
  readonly type: 'application/atom+xml' | 'application/feed+json';
  readonly title: string;
  readonly url: string;
}

export type Section = 'home' | 'timeline' | 'pairs' | 'topics' | 'countries' | 'digests' | 'none';

export interface PageMeta {
  readonly title: string; // the whole `<title>`
  readonly description: string;
  readonly canonical: string; // absolute
  readonly ogType: 'website' | 'article';
  readonly section: Section;
  readonly feeds: readonly FeedLink[]; // the page's own feeds, besides the site's
  /** JSON-LD, serialised and escaped for a `<script>` block (see `scriptJson`). */
  readonly jsonLd?: string;
}

export interface NavLink {
  readonly label: string;
  readonly url: string;
  readonly section: Section;
}

/** `nd.site`: settings and navigation, the same for every page. */
export interface SiteGlobals {
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  readonly pathPrefix: string;
  readonly language: string;
  readonly nav: readonly NavLink[];
  readonly feeds: readonly FeedLink[];
  readonly searchUrl: string;
}

interface Page {
  readonly url: string; // the permalink
  readonly meta: PageMeta;
}

export interface Paragraph {
  readonly id: string; // `p2`
  readonly number: number;
  readonly html: string; // sanitized, from `record.html`
}

export interface StoryPage extends Page {
  readonly headline: string;
  readonly date: IsoDate;
  readonly datePrecision: DatePrecision;
  readonly dateLabel: string;
  readonly digest: DigestRef & { readonly position: number; readonly count: number };
  readonly paragraphs: readonly Paragraph[];
  readonly pairs: readonly TagRef[];
  readonly topics: readonly TagRef[];
  readonly countries: readonly TagRef[];
  readonly previous: StoryLink | null; // older
  readonly next: StoryLink | null; // newer
  readonly related: readonly StoryLink[];
  readonly permalink: string; // absolute
  readonly timelineUrl: string; // the story's month page
}

export interface PageLinks {
  readonly number: number;
  readonly count: number;
  readonly previous: string | null;
  readonly next: string | null;
}

export interface TagPage extends Page {
  readonly kind: TagKind;
  readonly slug: string;
  readonly label: string;
  readonly description: string;
  readonly tagUrl: string; // page 1
  readonly total: number;
  readonly stories: readonly StoryLink[]; // newest first
  readonly pagination: PageLinks;
  readonly countries: readonly TagRef[]; // a pair's two countries
}

export interface TagCount extends TagRef {
  readonly count: number;
}

export interface TagIndexPage extends Page {
  readonly kind: TagKind;
  readonly heading: string;
  readonly intro: string;
  readonly tags: readonly TagCount[];
}

export interface RedirectPage {
  readonly url: string;
  readonly target: string; // site-relative
  readonly canonical: string; // absolute
  readonly label: string;
}

export interface MonthSummary {
  readonly key: string; // `2025-05`
  readonly label: string; // `May 2025`
  readonly url: string; // `/timeline/2025/05/`
  readonly count: number;
}

export interface MonthGroup extends MonthSummary {
  readonly stories: readonly StoryLink[];
}

export interface YearGroup {
  readonly year: number;
  readonly url: string;
  readonly count: number;
  readonly months: readonly MonthGroup[];
}

export interface ChartBar {
  readonly key: string;
  readonly label: string; // `May 2025: 4 stories`
  readonly url: string | null; // null for an empty month
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Chart {
  readonly width: number;
  readonly height: number;
  readonly baseline: number;
  readonly bars: readonly ChartBar[];
  readonly summary: string; // the text alternative
  readonly axis: readonly { readonly x: number; readonly label: string }[]; // year ticks
}

export interface TimelinePage extends Page {
  readonly chart: Chart;
  readonly total: number;
  readonly years: readonly YearGroup[]; // newest first; only the latest months carry stories
  readonly listedMonths: number;
}

export interface YearPage extends Page {
  readonly year: number;
  readonly count: number;
  readonly months: readonly MonthGroup[]; // oldest first
  readonly previous: { readonly url: string; readonly label: string } | null;
  readonly next: { readonly url: string; readonly label: string } | null;
}

export interface MonthPage extends Page {
  readonly month: MonthGroup; // stories oldest first
  readonly yearUrl: string;
  readonly year: number;
  readonly previous: MonthSummary | null;
  readonly next: MonthSummary | null;
}

export interface DigestPage extends Page {
  readonly id: string;
  readonly title: string;
  readonly date: IsoDate;
  readonly dateLabel: string;
  readonly stories: readonly StoryLink[]; // original order
  readonly previous: DigestRef | null;
  readonly next: DigestRef | null;
}

export interface DigestSummary extends DigestRef {
  readonly date: IsoDate;
  readonly dateLabel: string;
  readonly count: number;
}

export interface DigestsIndexPage extends Page {
  readonly digests: readonly DigestSummary[]; // newest first
}

export interface HomePage extends Page {
  readonly latestDigest: (DigestSummary & { readonly stories: readonly StoryLink[] }) | null;
  readonly recent: readonly StoryLink[];
  readonly busiestPairs: readonly TagCount[];
  readonly busiestTopics: readonly TagCount[];
  readonly total: number;
}

export interface AtomEntry {
  readonly id: string;
  readonly url: string; // absolute
  readonly title: string;
  readonly updated: string; // RFC 3339
  readonly summary: string;
  readonly html: string; // sanitized story HTML
  readonly categories: readonly string[];
}

export interface FeedPage {
  readonly url: string; // permalink
  readonly selfUrl: string; // absolute
  readonly htmlUrl: string; // absolute
  readonly title: string;
  readonly subtitle: string;
  readonly updated: string;
  readonly author: string;
  readonly language: string;
  readonly entries: readonly AtomEntry[];
}

/** A JSON Feed 1.1 document, serialised. */
export interface JsonFeedPage {
  readonly url: string;
  readonly json: string;
}

export interface SitemapPage {
  readonly url: string;
  readonly kind: 'urlset' | 'index';
  readonly locations: readonly string[]; // absolute
}

export interface TextPage {
  readonly url: string;
  readonly lines: readonly string[];
}

export interface NotFoundPage extends Page {}

export interface SitePages {
  readonly home: readonly HomePage[];
  readonly story: readonly StoryPage[];
  readonly pair: readonly TagPage[];
  readonly topic: readonly TagPage[];
  readonly country: readonly TagPage[];
  readonly pairRedirect: readonly RedirectPage[];
  readonly pairsIndex: readonly TagIndexPage[];
  readonly topicsIndex: readonly TagIndexPage[];
  readonly countriesIndex: readonly TagIndexPage[];
  readonly timeline: readonly TimelinePage[];
  readonly year: readonly YearPage[];
  readonly month: readonly MonthPage[];
  readonly digest: readonly DigestPage[];
  readonly digestsIndex: readonly DigestsIndexPage[];
  readonly feedAtom: readonly FeedPage[];
  readonly feedJson: readonly JsonFeedPage[];
  readonly sitemap: readonly SitemapPage[];
  readonly robots: readonly TextPage[];
  readonly notFound: readonly NotFoundPage[];
}

export interface SiteData {
  readonly site: SiteGlobals;
  readonly pages: SitePages;
}
