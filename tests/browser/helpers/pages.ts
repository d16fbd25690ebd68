/**
 * Which pages to visit: the site's HTML files grouped by page type, and a
 * sample of each type (the largest page first, then pages spread evenly over
 * the rest), so a 1,000-story site is checked in the time the seeds take.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { StoryRecord } from '../../../src/types.ts';
import type { TestSite } from './site.ts';

export interface SitePage {
  /** Page type: `home`, `story`, `pair`, `pairsIndex`, `year`, … */
  readonly type: string;
  /** Site-relative path, as links are written without the prefix: `/pairs/china-russia/`. */
  readonly path: string;
  /** The file in the built site: `pairs/china-russia/index.html`. */
  readonly file: string;
}

/** Every file of the site, relative to its root, `/`-separated, sorted. */
export async function siteFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

export async function records(site: TestSite): Promise<StoryRecord[]> {
  return (JSON.parse(await readFile(join(site.dir, 'stories.json'), 'utf8')) as { stories: StoryRecord[] }).stories;
}

/** `x/index.html` → `/x/`. */
export function pathOf(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

const TYPES: readonly (readonly [RegExp, string])[] = [
  [/^\/$/, 'home'],
  [/^\/stories\//, 'story'],
  [/^\/pairs\/$/, 'pairsIndex'],
  [/^\/topics\/$/, 'topicsIndex'],
  [/^\/countries\/$/, 'countriesIndex'],
  [/^\/pairs\/[^/]+\/$/, 'pair'],
  [/^\/topics\/[^/]+\/$/, 'topic'],
  [/^\/countries\/[^/]+\/$/, 'country'],
  [/^\/pairs\/[^/]+\/page\/\d+\/$/, 'pairPage'],
  [/^\/topics\/[^/]+\/page\/\d+\/$/, 'topicPage'],
  [/^\/countries\/[^/]+\/page\/\d+\/$/, 'countryPage'],
  [/^\/timeline\/$/, 'timeline'],
  [/^\/timeline\/\d{4}\/$/, 'year'],
  [/^\/timeline\/\d{4}\/\d{2}\/$/, 'month'],
  [/^\/timeline\/\d{4}\/\d{2}\/page\/\d+\/$/, 'monthPage'],
  [/^\/digests\/$/, 'digestsIndex'],
  [/^\/digests\/[^/]+\/$/, 'digest'],
  [/^\/search\/$/, 'search'],
  [/^\/relations\/$/, 'relations'],
  [/^\/about\/$/, 'about'],
  [/^\/404\.html$/, 'notFound'],
];

/** The page type of a site-relative path; `other` for a page this list does not know yet (still checked). */
export function typeOf(path: string): string {
  return TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

const isRedirect = (html: string): boolean => /<meta http-equiv="refresh"/i.test(html);

/** Every HTML page of the site but Pagefind's, with its type; redirects are type `redirect`, withdrawn stories `withdrawn`. */
export async function sitePages(site: TestSite): Promise<SitePage[]> {
  const stories = new Set((await records(site)).map((record) => record.url));
  const pages: SitePage[] = [];
  for (const file of await siteFiles(site.dir)) {
    if (!file.endsWith('.html') || file.startsWith('pagefind/')) continue;
    const path = pathOf(file);
    let type = typeOf(path);
    if (type === 'story' || type === 'pair' || type === 'other') {
      const html = await readFile(join(site.dir, file), 'utf8');
      if (isRedirect(html)) type = 'redirect';
      else if (type === 'story' && !stories.has(path)) type = 'withdrawn';
    }
    pages.push({ type, path, file });
  }
  return pages;
}

/** Up to `n` pages of each type (redirects only when asked): the largest file, then evenly spaced others. */
export async function samplePages(site: TestSite, n = site.sample, options: { redirects?: boolean } = {}): Promise<SitePage[]> {
  const byType = new Map<string, SitePage[]>();
  for (const page of await sitePages(site)) {
    if (page.type === 'redirect' && !options.redirects) continue;
    byType.set(page.type, [...(byType.get(page.type) ?? []), page]);
  }
  const sample: SitePage[] = [];
  for (const [, pages] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const sizes = await Promise.all(pages.map(async (page) => (await stat(join(site.dir, page.file))).size));
    const largest = sizes.indexOf(Math.max(...sizes));
    const chosen = new Set([largest]);
    for (let i = 0; chosen.size < Math.min(n, pages.length); i++) chosen.add(Math.floor((i * pages.length) / n) % pages.length);
    sample.push(...[...chosen].map((index) => pages[index]!));
  }
  return sample;
}

/** The URL the local server answers `path` at. */
export function served(site: TestSite, path: string): string {
  return new URL(path.slice(1), site.serverUrl).href;
}

/** A word of the first story's headline: the search page is visited with it, so its results, facets and excerpts are checked too. */
export async function sampleQuery(site: TestSite): Promise<string> {
  return (await records(site))[0]?.headline.split(/\s+/).find((word) => /^[A-Za-z]{5,}$/.test(word)) ?? 'digest';
}

/** Where to visit a sampled page: the search page with `query`, any other page as it is. */
export function visitUrl(site: TestSite, page: Pick<SitePage, 'type' | 'path'>, query: string): string {
  return served(site, page.path) + (page.type === 'search' ? `?q=${encodeURIComponent(query)}` : '');
}
