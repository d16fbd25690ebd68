/**
 * The shapes of `nd` (the one global the templates see). Every output file is
 * one item of one `nd.pages.<kind>` array, and an item carries everything its
 * page shows: a template reads its own item and `nd.site`, nothing else.
 * URLs in items are site-relative (`/pairs/china-russia/`) and go through the
 * `link` filter in templates; `meta.canonical` and everything in feeds and
 * sitemaps is absolute, made from `baseUrl`.
 */
import type { DatePrecision, IsoDate, StoryRecord } from '../types.ts';
import type { Count } from './relations.ts';
import type { CardItem, PageCard } from './card-types.ts';

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

/**
 * A story as a story page points at another (previous, next, related): no tags.
 * A story page shows five to seven of them; their tags were 40 % of its bytes.
 */
export interface StoryBrief {
  readonly url: string;
  readonly headline: string;
  readonly date: IsoDate;
  readonly dateLabel: string; // `12 May 2024` or `May 2024`
  readonly digest: DigestRef;
}

/** A story as every listing shows it. One object per story, shared by all listings. */
export interface StoryLink extends StoryBrief {
  readonly tags: readonly TagRef[]; // pairs, then topics, then countries
}

export interface FeedLink {
  readonly type: 'application/atom+xml' | 'application/feed+json';
  readonly title: string;
  readonly url: string;
}

export type Section = 'home' | 'timeline' | 'pairs' | 'topics' | 'countries' | 'digests' | 'relations' | 'search' | 'about' | 'none';

export interface PageMeta {
  readonly title: string; // the whole `<title>`
  readonly description: string;
  readonly canonical: string; // absolute
  readonly ogType: 'website' | 'article';
  readonly section: Section;
  readonly feeds: readonly FeedLink[]; // the page's own feeds, besides the site's
  /** Schema.org JSON-LD (src/site/structured-data.ts); the `structuredData` filter serialises and escapes it (`scriptJson`). */
  readonly structuredData?: object;
  /** `noindex` keeps the page out of search engines (the 404 page); such a page has no canonical link. */
  readonly robots?: 'noindex';
  /** The page's own stylesheets, besides the site's (`/assets/search.css`): `<link>`s in `<head>`. */
  readonly styles?: readonly string[];
  /** The page's own scripts (`/assets/search.js`): module scripts in `<head>`, so deferred. */
  readonly scripts?: readonly string[];
  /** The page's social card (src/cards/): absent when the build makes none (`--no-cards`). */
  readonly card?: PageCard;
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
  readonly previous: StoryBrief | null; // older
  readonly next: StoryBrief | null; // newer
  readonly related: readonly StoryBrief[];
  readonly permalink: string; // absolute
  readonly timelineUrl: string; // the story's month page
  readonly citation: StoryCitation;
}

/** "Cite this story" (src/site/citation.ts): the formatted reference, its downloads and its meta tags. */
export interface StoryCitation {
  readonly text: string;
  readonly files: readonly { readonly url: string; readonly label: string; readonly type: string; readonly name: string }[];
  readonly meta: readonly { readonly name: string; readonly content: string }[];
}

/** A file written as it is, not rendered by Eleventy (a story's `cite.bib`): see src/engine/shards.ts. */
export interface CitationFilePage {
  readonly url: string;
  readonly body: string;
}

/**
 * Where a tag page sits in its listing. Archive pages hold fixed runs of `STORIES_PER_PAGE` (20)
 * stories counted from the oldest, so adding newer stories never changes them
 * (src/site/tags.ts).
 */
export interface ArchiveLinks {
  /** 0 on the tag's own page (its newest stories); k on archive page k, 1 being the oldest. */
  readonly archive: number;
  readonly newer: string | null;
  readonly older: string | null;
  /** Date labels of the oldest and newest story on the page. */
  readonly from: string;
  readonly to: string;
}

export interface TagPage extends Page {
  readonly kind: TagKind;
  readonly slug: string;
  readonly label: string;
  readonly description: string;
  readonly tagUrl: string; // the tag's own page
  readonly stories: readonly StoryLink[]; // newest first
  readonly pagination: ArchiveLinks;
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
  readonly key: string; // `2025-05`
  readonly month: string; // `May 2025`
  readonly count: number;
  readonly label: string; // `May 2025: 4 stories`
  readonly url: string | null; // the month page; null when the chart is not linked
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Chart {
  readonly title: string; // `Stories per month` or `Stories per month: China and Russia`
  readonly linked: boolean; // bars link to month pages
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
  readonly months: readonly MonthGroup[]; // oldest first; the page shows their counts, the month pages their stories
  readonly previous: { readonly url: string; readonly label: string } | null;
  readonly next: { readonly url: string; readonly label: string } | null;
}

export interface MonthPage extends Page {
  readonly month: MonthSummary;
  /** This page's run of the month's stories, oldest first (`MONTH_PAGE`, src/site/timeline.ts). */
  readonly stories: readonly StoryLink[];
  /** Which run: its number (1 the month's first), its first story's number, the runs before and after. */
  readonly run: { readonly number: number; readonly first: number; readonly earlier: string | null; readonly later: string | null };
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

/** The home page's small map, linking to /relations/. */
export interface HomeRelations {
  readonly network: Network;
  readonly url: string;
}

export interface HomePage extends Page {
  readonly latestDigest: (DigestSummary & { readonly stories: readonly StoryLink[] }) | null;
  readonly recent: readonly StoryLink[];
  readonly busiestPairs: readonly TagCount[];
  readonly busiestTopics: readonly TagCount[];
  readonly total: number;
  readonly relations: HomeRelations;
}

/** The first page of a pair: its stories per month and by topic. */
export interface PairRelations {
  readonly label: string; // `China and Russia`
  readonly chart: Chart;
  readonly topics: readonly TagCount[]; // most stories first
}

export interface PartnerCount {
  readonly slug: string; // the partner country
  readonly label: string;
  readonly count: number; // stories the two share as a pair
  readonly url: string; // the pair's page
}

/** The first page of a country: the countries it is paired with. */
export interface CountryRelations {
  readonly label: string;
  readonly partners: readonly PartnerCount[]; // most shared stories first
}

export interface PairPage extends TagPage {
  readonly relations: PairRelations | null; // on page 1 only
}

export interface CountryPage extends TagPage {
  readonly relations: CountryRelations | null; // on page 1 only
}

export interface SearchFacet {
  readonly key: 'pair' | 'country' | 'topic' | 'digest' | 'year'; // a Pagefind filter (docs/search.md)
  readonly label: string;
}

export interface TextLink {
  readonly url: string;
  readonly label: string;
}

export interface SearchPage extends Page {
  readonly heading: string;
  readonly facets: readonly SearchFacet[];
  readonly browse: readonly TextLink[]; // for readers without JavaScript
}

/** A pair as the relations page lists it (not `pairs.json`'s `PairSummary`, src/output/export.ts). */
export interface PairLink {
  readonly slug: string;
  readonly url: string;
  readonly label: string; // `China and Russia: 12 stories`
  readonly count: number;
}

export interface RelationsPage extends Page {
  readonly heading: string;
  readonly matrix: Matrix;
  readonly network: Network;
  /** The drawing's text alternative: every pair, busiest first. */
  readonly pairs: readonly PairLink[];
}

export interface DataFile {
  readonly url: string;
  readonly name: string;
  readonly format: 'JSON' | 'CSV';
}

export interface AboutPage extends Page {
  readonly heading: string;
  readonly stories: number;
  readonly pairs: number;
  readonly files: readonly DataFile[];
  readonly csvColumns: readonly string[];
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
  /** Parallel to `locations`: `<lastmod>`, a calendar date (src/site/sitemap.ts). */
  readonly lastmods?: readonly (IsoDate | undefined)[];
}

export interface TextPage {
  readonly url: string;
  readonly lines: readonly string[];
}

export interface NotFoundPage extends Page {}

/** A type, not an interface, so it is also a `PageSet` (src/engine/incremental.ts) as it is. */
export type SitePages = {
  readonly home: readonly HomePage[];
  readonly story: readonly StoryPage[];
  readonly citation: readonly CitationFilePage[];
  readonly pair: readonly PairPage[];
  readonly topic: readonly TagPage[];
  readonly country: readonly CountryPage[];
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
  readonly search: readonly SearchPage[];
  readonly relations: readonly RelationsPage[];
  readonly about: readonly AboutPage[];
};

/** A story URL that moved (its date moved to another month) or a digest whose seed file was renamed: the old URL answers. */
export interface MovedPage {
  readonly url: string;
  readonly target: string; // site-relative
}

/** A published story no longer in its digest: its URL answers with a "withdrawn" page, never a 404. */
export interface WithdrawnPage {
  readonly url: string;
  readonly headline: string;
  readonly digest: string;
  readonly date: string;
}

/**
 * The page kinds made from the permalink registry (src/records/permalinks.ts), not from the
 * site data: the build adds them to `SitePages`. Together the two list every page kind, and
 * src/render/page-kinds.ts says how each is rendered.
 */
export type RegistryPages = {
  readonly withdrawn: readonly WithdrawnPage[];
  readonly storyRedirect: readonly MovedPage[];
  readonly digestRedirect: readonly MovedPage[];
};

export interface SiteData {
  readonly site: SiteGlobals;
  readonly pages: SitePages;
}

/**
 * What a page built on demand is made of: stories, by their place in
 * `SitePlan.stories` (null: no story in that place, as before the first one),
 * and any other text that decides what it shows. The stage says what a page
 * is made of; the engine turns that into the page's key (src/engine/incremental.ts).
 */
export interface MadeOf {
  readonly stories: readonly (number | null)[];
  readonly facts: readonly string[];
}

/** Pages of one kind that the build makes only when it renders them: every URL, what page i is made of, and page i. */
export interface OnDemand<T extends { readonly url: string }> {
  readonly urls: readonly string[];
  readonly madeOf: (index: number) => MadeOf;
  readonly build: (index: number) => T;
}

/** Kinds of pages the build makes on demand. */
export type LazyKind = 'story' | 'citation' | 'feedAtom' | 'feedJson';

/**
 * The stories every page shows, in the site's order: the record, the text its
 * pages show besides the record (its tags' labels, which come from the tagging
 * data and, for a pair, from the first story that has it) and the link that
 * listings share.
 */
export interface PlannedStories {
  readonly records: readonly StoryRecord[];
  readonly labels: readonly string[];
  readonly links: readonly StoryLink[];
}

/** Site data as the build plans it: story pages and feeds on demand. */
export interface SitePlan {
  readonly site: SiteGlobals;
  readonly pages: Omit<SitePages, LazyKind>;
  readonly stories: PlannedStories;
  readonly lazy: { readonly story: OnDemand<StoryPage>; readonly citation: OnDemand<CitationFilePage>; readonly feedAtom: OnDemand<FeedPage>; readonly feedJson: OnDemand<JsonFeedPage> };
  /** Social cards, output files but not pages (src/cards/); absent with `cards: false`. */
  readonly cards?: OnDemand<CardItem>;
}

/** The relations page's matrix and network, every coordinate computed at build time (src/site/relations-view.ts). */
export interface MatrixCell {
  readonly pair: string;
  readonly url: string;
  readonly count: number;
  readonly shade: number;
  readonly label: string; // `China and Russia: 12 stories`, for screen readers and tooltips
}

export interface Matrix {
  readonly countries: readonly (Count & { readonly label: string })[];
  /** `rows[i][j]`: null on the diagonal, count 0 where the two never share a story. */
  readonly rows: readonly (readonly (MatrixCell | null)[])[];
  readonly max: number;
}

export interface NetworkNode extends Count {
  readonly label: string;
  readonly url: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface NetworkEdge extends Count {
  readonly label: string;
  readonly url: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
}

export interface Network {
  readonly size: number;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
}
