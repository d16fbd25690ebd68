/**
 * Every URL of the site, site-relative (`/pairs/china-russia/`): the one place
 * that knows where a page lives. Templates print them through the `link`
 * filter, which puts them under the path prefix (src/render/config.ts); story
 * URLs are the records' own (src/records/records.ts) and never change.
 */
import type { TagKind } from './types.ts';

/** The folder of each tag kind's pages, and the section its pages belong to. */
export const TAG_SECTIONS = { pair: 'pairs', topic: 'topics', country: 'countries' } as const satisfies Record<TagKind, string>;

export const URLS = {
  home: '/',
  timeline: '/timeline/',
  digests: '/digests/',
  search: '/search/',
  relations: '/relations/',
  about: '/about/',
  notFound: '/404.html',
  feedAtom: '/feed.xml',
  feedJson: '/feed.json',
  sitemap: '/sitemap.xml',
  robots: '/robots.txt',
  storiesJson: '/stories.json',
  storiesCsv: '/stories.csv',
  pairsJson: '/pairs.json',
} as const;

/** The n-th part of a sitemap too large for one file (1, 2, …). */
export const sitemapPartUrl = (n: number): string => `/sitemaps/${n}.xml`;

/** `/pairs/`, `/topics/`, `/countries/`. */
export const tagIndexUrl = (kind: TagKind): string => `/${TAG_SECTIONS[kind]}/`;
export const tagUrl = (kind: TagKind, slug: string): string => `/${TAG_SECTIONS[kind]}/${slug}/`;
export const monthUrl = (key: string): string => `/timeline/${key.slice(0, 4)}/${key.slice(5, 7)}/`;
export const yearUrl = (year: number | string): string => `/timeline/${year}/`;
export const digestUrl = (id: string): string => `/digests/${id}/`;
