/**
 * `sitemap.xml` listing every HTML page (not redirects, feeds or the 404
 * page). Over 50,000 URLs it becomes a sitemap index pointing at
 * `/sitemaps/1.xml`, `/sitemaps/2.xml`, … of at most 50,000 each.
 * Also `robots.txt`, which names the sitemap.
 *
 * Every URL has its `<lastmod>`, from the data that changes the page, never
 * the clock, so it is the same in every rebuild of the same seeds: a story's
 * digest date (a story changes only with its issue), a listing's newest
 * digest date among the stories it lists (`lastModified`), the newest of
 * all for pages that count every story. A sitemap of an index names the
 * newest date of its part.
 */
import type { Context } from './catalog.ts';
import type { IsoDate } from '../types.ts';
import type { SitemapPage, StoryBrief, TextPage } from './types.ts';
import { sitemapPartUrl, URLS } from './urls.ts';

export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  readonly url: string; // site-relative
  readonly lastmod?: IsoDate | undefined;
}

const newestOf = (dates: readonly (string | undefined)[]): string | undefined => dates.reduce<string | undefined>((newest, date) => (date !== undefined && (newest === undefined || date > newest) ? date : newest), undefined);

export function sitemaps(urls: readonly (string | SitemapEntry)[], context: Context, limit = SITEMAP_LIMIT): SitemapPage[] {
  const entries = urls.map((entry) => (typeof entry === 'string' ? { url: entry } : entry));
  const locations = entries.map((entry) => context.absolute(entry.url));
  const lastmods = entries.map((entry) => entry.lastmod);
  if (locations.length <= limit) return [{ url: URLS.sitemap, kind: 'urlset', locations, lastmods }];
  const parts: SitemapPage[] = [];
  for (let start = 0; start < locations.length; start += limit) {
    parts.push({ url: sitemapPartUrl(parts.length + 1), kind: 'urlset', locations: locations.slice(start, start + limit), lastmods: lastmods.slice(start, start + limit) });
  }
  return [{ url: URLS.sitemap, kind: 'index', locations: parts.map((part) => context.absolute(part.url)), lastmods: parts.map((part) => newestOf(part.lastmods ?? [])) }, ...parts];
}

/**
 * When a page last changed, from what it lists: the newest digest date among
 * its stories (`stories`, a month's or a year's months' stories), `fallback`
 * (the newest digest of all) for a page that lists none. `digestDates`: digest id → date.
 */
export function lastModified(item: object, digestDates: ReadonlyMap<string, IsoDate>, fallback: IsoDate | undefined): IsoDate | undefined {
  const page = item as { stories?: unknown; month?: { stories?: unknown }; months?: unknown };
  const isList = (value: unknown): value is readonly StoryBrief[] => Array.isArray(value);
  const lists = isList(page.stories) ? [page.stories]
    : isList(page.month?.stories) ? [page.month.stories]
      : Array.isArray(page.months) ? (page.months as { stories?: unknown }[]).map((month) => (isList(month.stories) ? month.stories : []))
        : [];
  if (lists.length === 0) return fallback;
  let newest: string | undefined;
  for (const list of lists) {
    for (const story of list) {
      const date = digestDates.get(story.digest.id);
      if (date !== undefined && (newest === undefined || date > newest)) newest = date;
    }
  }
  return newest ?? fallback;
}

/** Crawlers read `robots.txt` only at a host's root: under a sub-path it is written but has no effect. */
export function robots(context: Context): TextPage {
  return { url: URLS.robots, lines: ['User-agent: *', 'Allow: /', '', `Sitemap: ${context.absolute(URLS.sitemap)}`] };
}
