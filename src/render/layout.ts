/**
 * The one HTML document of the site, byte for byte what the Nunjucks layout
 * `layouts/base.njk` printed before it moved here. A page kind in TypeScript
 * returns the whole document (Eleventy resolves no layout for it); the kinds
 * in Nunjucks get it as the virtual layout `layouts/base.11ty.js`
 * (`layoutHtml`). The redirects have their own small document. Every value
 * from the site data is escaped once, by `escapeHtml` (src/escape.ts, as `esc`); `body` and the JSON-LD are
 * HTML already.
 */
import { escapeHtml as esc } from '../escape.ts';
import type { Link } from './listings.ts';
import { structuredDataJson } from '../site/structured-data.ts';
import type { PageMeta, SiteGlobals } from '../site/types.ts';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">`;

/** What a page gives its document: its URL (the nav marks it; none, no entry is the page's own) and meta, and for a story its citation meta tags. */
export interface DocumentPage {
  readonly url?: string;
  readonly meta: PageMeta;
  readonly citation?: { readonly meta: readonly { readonly name: string; readonly content: string }[] };
}

/** The `<link rel="alternate">` of a feed. */
const alternate = (feed: { readonly type: string; readonly title: string; readonly url: string }, link: Link): string =>
  `\n<link rel="alternate" type="${esc(feed.type)}" title="${esc(feed.title)}" href="${esc(link(feed.url))}">`;

function head(site: SiteGlobals, page: DocumentPage, link: Link): string {
  const meta = page.meta;
  let html = `<!doctype html>\n<html lang="${esc(site.language)}">\n<head>\n<meta charset="utf-8">\n${CSP}\n\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(meta.title)}</title>\n<meta name="description" content="${esc(meta.description)}">`;
  // A page kept out of search engines names no canonical URL.
  if (!meta.robots) html += `\n<link rel="canonical" href="${esc(meta.canonical)}">`;
  if (page.citation) {
    html += '\n<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">';
    for (const tag of page.citation.meta) html += `\n<meta name="${esc(tag.name)}" content="${esc(tag.content)}">`;
  }
  if (meta.robots) html += `\n<meta name="robots" content="${esc(meta.robots)}">`;
  html += `\n\n<link rel="icon" href="${esc(link('/favicon.svg'))}" type="image/svg+xml">\n<link rel="stylesheet" href="${esc(link('/assets/style.css'))}">`;
  for (const href of meta.styles ?? []) html += `\n<link rel="stylesheet" href="${esc(link(href))}">`;
  for (const src of meta.scripts ?? []) html += `\n<script type="module" src="${esc(link(src))}"></script>`;
  for (const feed of site.feeds) html += alternate(feed, link);
  for (const feed of meta.feeds) html += alternate(feed, link);
  html += `\n${socialMeta(site, meta)}`;
  // Serialised and escaped by structuredDataJson (`scriptJson`): no `<`, `>` or `&` in it.
  if (meta.structuredData) html += `<script type="application/ld+json">${structuredDataJson(meta)}</script>`;
  return `${html}\n</head>`;
}

/** Open Graph and Twitter tags; without a card (`--no-cards`) a plain summary. */
function socialMeta(site: SiteGlobals, meta: PageMeta): string {
  const card = meta.card;
  let html = `<meta property="og:site_name" content="${esc(site.title)}">\n<meta property="og:type" content="${esc(meta.ogType)}">\n<meta property="og:title" content="${esc(meta.title)}">\n<meta property="og:description" content="${esc(meta.description)}">\n<meta property="og:url" content="${esc(meta.canonical)}">`;
  html += card
    ? `\n<meta property="og:image" content="${esc(card.url)}">\n<meta property="og:image:type" content="${esc(card.type)}">\n<meta property="og:image:width" content="${esc(card.width)}">\n<meta property="og:image:height" content="${esc(card.height)}">\n<meta property="og:image:alt" content="${esc(card.alt)}">\n<meta name="twitter:card" content="summary_large_image">`
    : '\n<meta name="twitter:card" content="summary">';
  html += `\n<meta name="twitter:title" content="${esc(meta.title)}">\n<meta name="twitter:description" content="${esc(meta.description)}">`;
  if (card) html += `\n<meta name="twitter:image" content="${esc(card.url)}">\n<meta name="twitter:image:alt" content="${esc(card.alt)}">`;
  return `${html}\n`;
}

/** The site header (title, search box, nav: the page's own entry is `page`, its section's `true`). */
function header(site: SiteGlobals, page: DocumentPage, link: Link): string {
  let nav = '';
  for (const entry of site.nav) {
    const current = page.url === entry.url ? ' aria-current="page"' : entry.section === page.meta.section ? ' aria-current="true"' : '';
    nav += `\n      <li><a href="${esc(link(entry.url))}"${current}>${esc(entry.label)}</a></li>`;
  }
  return `<body>\n<a class="skip-link" href="#main">Skip to content</a>\n<header class="site-header">\n  <div class="wrap header-inner">\n    <a class="site-title" href="${esc(link('/'))}">${esc(site.title)}</a>\n    <form class="search" role="search" action="${esc(link(site.searchUrl))}">\n      <label for="site-search-q">Search stories</label>\n      <input id="site-search-q" type="search" name="q">\n      <button type="submit">Search</button>\n    </form>\n  </div>\n  <nav class="site-nav" aria-label="Site">\n    <ul class="wrap">${nav}\n    </ul>\n  </nav>\n</header>`;
}

function footer(site: SiteGlobals, page: DocumentPage, link: Link): string {
  const about = page.url === '/about/' ? ' aria-current="page"' : '';
  return `<footer class="site-footer">\n  <div class="wrap">\n    <p>${esc(site.title)}: ${esc(site.description)}</p>\n    <p>Follow: <a href="${esc(link('/feed.xml'))}">Atom feed</a> · <a href="${esc(link('/feed.json'))}">JSON Feed</a> · <a href="${esc(link('/sitemap.xml'))}">Sitemap</a></p>\n    <p><a href="${esc(link('/about/'))}"${about}>About the data</a>: download every story as JSON or CSV</p>\n  </div>\n</footer>\n</body>\n</html>\n`;
}

/**
 * What the pages rendered by Nunjucks give the layout: their item (with its
 * `meta`, or, the withdrawn page, without: then the stub's `title`,
 * `description` and `robots`), and their rendered body.
 */
export interface LayoutData {
  readonly nd: { readonly site: SiteGlobals };
  readonly page: { readonly url: string };
  readonly item?: { readonly url: string; readonly meta?: PageMeta; readonly citation?: DocumentPage['citation'] };
  readonly content: string;
  readonly title?: string;
  readonly description?: string;
  readonly section?: PageMeta['section'];
  readonly robots?: 'noindex';
}

/** The layout `layouts/base.11ty.js` of the kinds rendered by Nunjucks (src/render/page-kinds.ts). */
export function layoutHtml(data: LayoutData, link: Link): string {
  const site = data.nd.site;
  const item = data.item;
  const meta: PageMeta = item?.meta ?? {
    title: data.title ? `${data.title} · ${site.title}` : site.title,
    description: data.description || site.description,
    canonical: site.baseUrl + data.page.url.slice(1),
    ogType: 'website',
    section: data.section || 'none',
    feeds: [],
    ...(data.robots ? { robots: data.robots } : {}),
  };
  const page: DocumentPage = { ...(item ? { url: item.url } : {}), meta, ...(item?.citation ? { citation: item.citation } : {}) };
  return documentHtml(site, page, data.content, link);
}

/** A page that moved: a refresh to `target`, with a link to it for those who do not follow refreshes. `heading` and `message` are HTML. */
export interface Moved {
  readonly target: string;
  readonly canonical: string;
  readonly title: string;
  readonly heading: string;
  readonly message: string;
}

export function redirectHtml(site: SiteGlobals, moved: Moved, link: Link): string {
  return `<!doctype html>\n<html lang="${esc(site.language)}">\n<head>\n<meta charset="utf-8">\n${CSP}\n\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="refresh" content="0; url=${esc(link(moved.target))}">\n<meta name="robots" content="noindex">\n<link rel="canonical" href="${esc(moved.canonical)}">\n<link rel="icon" href="${esc(link('/favicon.svg'))}" type="image/svg+xml">\n<link rel="stylesheet" href="${esc(link('/assets/style.css'))}">\n<title>${esc(moved.title)} · ${esc(site.title)}</title>\n</head>\n<body>\n<main id="main" class="wrap">\n<h1>${moved.heading}</h1>\n<p>${moved.message}</p>\n</main>\n</body>\n</html>\n\n`;
}

/** The whole document of `page` with `body` (HTML) in its `<main>`. */
export function documentHtml(site: SiteGlobals, page: DocumentPage, body: string, link: Link): string {
  return `${head(site, page, link)}\n${header(site, page, link)}\n<main id="main" class="wrap" tabindex="-1">\n${body}\n</main>\n${footer(site, page, link)}`;
}
