/**
 * `sitemap.xml` listing every HTML page (not redirects, feeds or the 404
 * page). Over 50,000 URLs it becomes a sitemap index pointing at
 * `/sitemaps/1.xml`, `/sitemaps/2.xml`, … of at most 50,000 each.
 * Also `robots.txt`, which names the sitemap.
 */
import type { Context } from './catalog.ts';
import type { SitemapPage, TextPage } from './types.ts';

export const SITEMAP_LIMIT = 50_000;

export function sitemaps(urls: readonly string[], context: Context, limit = SITEMAP_LIMIT): SitemapPage[] {
  const locations = urls.map(context.absolute);
  if (locations.length <= limit) return [{ url: '/sitemap.xml', kind: 'urlset', locations }];
  const parts: SitemapPage[] = [];
  for (let start = 0; start < locations.length; start += limit) {
    parts.push({ url: `/sitemaps/${parts.length + 1}.xml`, kind: 'urlset', locations: locations.slice(start, start + limit) });
  }
  return [{ url: '/sitemap.xml', kind: 'index', locations: parts.map((part) => context.absolute(part.url)) }, ...parts];
}

/** Crawlers read `robots.txt` only at a host's root: under a sub-path it is written but has no effect. */
export function robots(context: Context): TextPage {
  return { url: '/robots.txt', lines: ['User-agent: *', 'Allow: /', '', `Sitemap: ${context.absolute('/sitemap.xml')}`] };
}
