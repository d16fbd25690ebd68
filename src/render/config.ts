/**
 * The Eleventy plugin for this site: the `link` filter (site-relative URL → URL under the path prefix) and the listings.
 * Templates need no other filters: everything they print is computed in
 * src/site/, including the serialised JSON-LD and JSON Feed documents.
 */
import { structuredDataJson } from '../site/structured-data.ts';
import { feedLinksHtml, storyListHtml, tagCountsHtml, tagListHtml, type Link } from './listings.ts';
import { chartHtml } from './pages.ts';
import type { Chart, FeedLink, StoryLink, TagCount, TagRef } from '../site/types.ts';

export interface EleventyUserConfig {
  addFilter<This, Args extends unknown[]>(name: string, filter: (this: This, ...args: Args) => string): void;
  /** Eleventy internals, used only to quieten benchmark warnings. */
  readonly benchmarkManager?: { getAll?(): Record<string, { setIsVerbose?(value: boolean): void }> };
}

/**
 * A site-relative URL (`/pairs/`) under the path prefix (`/news/pairs/`);
 * anything else (absolute URLs, `#p2`) unchanged.
 */
export function prefixUrl(url: string, pathPrefix: string): string {
  if (typeof url !== 'string') throw new TypeError(`Expected a URL string, got \`${typeof url}\``);
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  return `${pathPrefix.replace(/\/?$/, '/')}${url.slice(1)}`;
}

// One function per prefix, so listings can keep what they made with it (src/render/listings.ts).
const linkers = new Map<string, Link>();

/** The `link` function of a path prefix: the same function for the same prefix, in filters and in src/render/pages.ts alike. */
export function linkFor(pathPrefix: string): Link {
  let link = linkers.get(pathPrefix);
  if (!link) linkers.set(pathPrefix, (link = (url) => prefixUrl(url, pathPrefix)));
  return link;
}

/** The filters of the Nunjucks bodies. Assets are copied by src/render/write.ts. */
export function siteConfig(config: EleventyUserConfig, options: { readonly pathPrefix: string }): void {
  // `link`, not Eleventy's `url`: that one validates every argument with
  // `new URL()`, whose exceptions cost most of a story page's render time. The
  // prefix comes from the page's own data, not this closure, because Eleventy
  // caches compiled templates per process and a later build (tests, the
  // watcher) would otherwise render with an earlier build's prefix.
  type Context = { ctx?: { nd?: { site?: { pathPrefix?: string } } } };
  const linker = (context: Context): Link => linkFor(context.ctx?.nd?.site?.pathPrefix ?? options.pathPrefix);
  config.addFilter('link', function link(this: Context, url: string) {
    return linker(this)(url);
  });
  // Shared listings (src/render/listings.ts); their output is escaped HTML, printed with `| safe`.
  config.addFilter('tagList', function (this: Context, tags: readonly TagRef[], skipUrl: string = '', facet: boolean = false) {
    return tagListHtml(tags, linker(this), skipUrl, facet);
  });
  config.addFilter('storyList', function (this: Context, stories: readonly StoryLink[], skipUrl: string = '', showDigest: boolean = true, ordered: boolean = false) {
    return storyListHtml(stories, linker(this), skipUrl, showDigest, ordered);
  });
  config.addFilter('tagCounts', function (this: Context, tags: readonly TagCount[]) {
    return tagCountsHtml(tags, linker(this));
  });
  // JSON-LD, serialised and escaped at render time: a story's `image` is its card when the page has one (src/site/structured-data.ts).
  config.addFilter('structuredData', (meta: Parameters<typeof structuredDataJson>[0]) => structuredDataJson(meta));
  // The timeline's chart, the same as a pair page's (src/render/pages.ts).
  config.addFilter('chart', function (this: Context, chart: Chart) {
    return chartHtml(chart, linker(this));
  });
  config.addFilter('feedLinks', function (this: Context, feeds: readonly FeedLink[]) {
    return feedLinksHtml(feeds, linker(this));
  });
  // `quietMode` does not reach benchmark groups created before it is applied
  // (3.1.7), which then print "[11ty] Benchmark …" lines into the CLI output.
  for (const group of Object.values(config.benchmarkManager?.getAll?.() ?? {})) group.setIsVerbose?.(false);
}
