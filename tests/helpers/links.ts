/**
 * The link check shared by tests/links.test.ts and tests/browser/links.test.ts:
 * every internal reference of every HTML page (href, src, srcset, form action,
 * meta refresh, SVG href) must name a file of the site, inside the path prefix,
 * and a `#fragment` must name an id on the target page.
 */
import type { CheerioAPI } from 'cheerio';

export interface CrawlSite {
  /** Served paths of the HTML pages to check: `/`, `/pairs/china-russia/`, `/404.html`. */
  readonly pages: Iterable<string>;
  /** Whether the site has this file (relative to its root: `pairs/index.html`). */
  hasFile(file: string): boolean;
  /** The parsed page at a served path, when it is an HTML page of the site. */
  document(path: string): CheerioAPI | undefined;
}

export interface LinkCheckOptions {
  /** References to leave alone (e.g. `/search/` when the search page was not built). */
  readonly ignore?: (value: string, tag: string) => boolean;
}

const REFERENCES = 'a[href], area[href], link[href], script[src], img[src], img[srcset], source[src], source[srcset], video[src], audio[src], track[src], iframe[src], embed[src], object[data], form[action], use[href], image[href], meta[http-equiv="refresh" i]';

/** The URLs an element refers to (a `srcset` has several; a meta refresh has its `url=`). */
function referencesOf($: CheerioAPI, element: Parameters<CheerioAPI>[0]): string[] {
  const node = $(element);
  const values: string[] = [];
  for (const attribute of ['href', 'src', 'data', 'action']) {
    const value = node.attr(attribute);
    if (value !== undefined) values.push(value);
  }
  const srcset = node.attr('srcset');
  if (srcset !== undefined) for (const candidate of srcset.split(',')) values.push(candidate.trim().split(/\s+/)[0] ?? '');
  if (node.is('meta')) {
    const target = /url\s*=\s*['"]?([^'"]+)/i.exec(node.attr('content') ?? '')?.[1];
    if (target) values.push(target.trim());
  }
  return values.filter((value) => value !== '');
}

/** `x/` → `x/index.html`; decoded. */
export function fileOf(pathInSite: string): string {
  const served = decodeURIComponent(pathInSite);
  return served.endsWith('/') || served === '' ? `${served}index.html` : served;
}

/** Every broken internal reference, as `page: value → why`. */
export function brokenLinks(site: CrawlSite, baseUrl: string, options: LinkCheckOptions = {}): string[] {
  const base = new URL(baseUrl);
  const broken: string[] = [];
  for (const path of site.pages) {
    const $ = site.document(path);
    if (!$) continue;
    const pageUrl = new URL(path.slice(1), base);
    $(REFERENCES).each((_, element) => {
      const tag = 'tagName' in element ? element.tagName : '';
      for (const value of referencesOf($, element)) {
        if (options.ignore?.(value, tag)) continue;
        let target: URL;
        try {
          target = new URL(value, pageUrl);
        } catch {
          broken.push(`${path}: ${value} is not a URL`);
          continue;
        }
        if (target.origin !== base.origin) continue;
        if (!target.pathname.startsWith(base.pathname)) {
          broken.push(`${path}: ${value} is outside ${base.pathname}`);
          continue;
        }
        const file = fileOf(target.pathname.slice(base.pathname.length));
        if (!site.hasFile(file)) {
          broken.push(`${path}: ${value} → missing ${file}`);
          continue;
        }
        const id = decodeURIComponent(target.hash.slice(1));
        if (id !== '' && file.endsWith('.html')) {
          const doc = site.document(`/${file}`.replace(/(^|\/)index\.html$/, '$1'));
          if (!doc || doc(`[id="${id.replace(/["\\]/g, '\\$&')}"]`).length === 0) broken.push(`${path}: ${value} → no #${id}`);
        }
      }
    });
  }
  return broken;
}
