/**
 * The Eleventy plugin for this site: static assets and the `url` filter.
 * Templates need no other filters: everything they print is computed in
 * src/site/, including the serialised JSON-LD and JSON Feed documents.
 */
import { join } from 'node:path';

export interface EleventyUserConfig {
  addPassthroughCopy(paths: Record<string, string>): void;
  addFilter(name: string, filter: (value: string) => string): void;
  setUseTemplateCache(value: boolean): void;
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

/** `templatesDir/assets/` → `/assets/`, and the favicon at the root, where browsers look for it. */
export function siteConfig(config: EleventyUserConfig, options: { readonly templatesDir: string; readonly pathPrefix: string; readonly passthrough?: boolean }): void {
  if (options.passthrough !== false) {
    config.addPassthroughCopy({
      [join(options.templatesDir, 'assets')]: 'assets',
      [join(options.templatesDir, 'assets', 'favicon.svg')]: 'favicon.svg',
    });
  }
  // Eleventy caches compiled layouts per process, not per build (3.1.7): a
  // second build in the same process (tests, a watcher, another base URL)
  // would reuse the first build's layouts and their path prefix.
  config.setUseTemplateCache(false);
  config.addFilter('url', (url) => prefixUrl(url, options.pathPrefix));
  // `quietMode` does not reach benchmark groups created before it is applied
  // (3.1.7), which then print "[11ty] Benchmark …" lines into the CLI output.
  for (const group of Object.values(config.benchmarkManager?.getAll?.() ?? {})) group.setIsVerbose?.(false);
}
