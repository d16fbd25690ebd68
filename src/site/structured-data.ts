/**
 * Schema.org structured data (JSON-LD) for every indexable page: a
 * NewsArticle per story, a CollectionPage with its BreadcrumbList for every
 * listing (pair, topic, country, digest, year and month pages, the overviews
 * and the timeline), a WebPage with its breadcrumb for the other pages, and
 * on the home page the WebSite with its SearchAction. The 404 page has none.
 *
 * Page items keep the data as an object; the `structuredData` filter
 * serialises it when the page is rendered (`structuredDataJson`), because a
 * story's `image` is its social card (`meta.card`, added by the cards step)
 * when it has one, and the publisher's logo otherwise.
 */
import { siteIdentity } from './citation.ts';
import type { Context } from './catalog.ts';
import { scriptJson } from './format.ts';
import { URLS } from './urls.ts';
import type { PageMeta } from './types.ts';

const CONTEXT = 'https://schema.org';

export interface Crumb {
  readonly name: string;
  readonly url: string; // site-relative
}

export interface ImageObject {
  readonly '@type': 'ImageObject';
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** The publisher's logo (data/site.yaml `logo`) as an absolute ImageObject. */
export function logoImage(context: Context): ImageObject {
  const { logo } = siteIdentity(context.settings);
  return { '@type': 'ImageObject', url: /^https?:\/\//i.test(logo.url) ? logo.url : context.absolute(logo.url), width: logo.width, height: logo.height };
}

/** The site's publisher: an Organization with its logo. */
export function publisher(context: Context): object {
  return { '@type': 'Organization', name: siteIdentity(context.settings).publisher, url: context.settings.baseUrl, logo: logoImage(context) };
}

export function author(context: Context): object {
  return { '@type': 'Organization', name: siteIdentity(context.settings).author, url: context.settings.baseUrl };
}

/** Home › … › the page. `crumbs` from the home page down to the page itself. */
export function breadcrumbList(context: Context, crumbs: readonly Crumb[]): object {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({ '@type': 'ListItem', position: index + 1, name: crumb.name, item: context.absolute(crumb.url) })),
  };
}

/**
 * A listing (`CollectionPage`) or another page (`WebPage`) with its
 * breadcrumb, as a graph of the two nodes. `crumbs` start below Home.
 */
export function webPage(context: Context, type: 'CollectionPage' | 'WebPage', url: string, name: string, description: string, crumbs: readonly Crumb[], extra: object = {}): object {
  const id = context.absolute(url);
  const trail = [{ name: 'Home', url: '/' }, ...crumbs];
  return {
    '@context': CONTEXT,
    '@graph': [
      {
        '@type': type, '@id': id, url: id, name, description, inLanguage: context.settings.language,
        isPartOf: { '@type': 'WebSite', url: context.settings.baseUrl, name: context.settings.title },
        breadcrumb: { '@id': `${id}#breadcrumb` },
        ...extra,
      },
      { '@id': `${id}#breadcrumb`, ...breadcrumbList(context, trail) },
    ],
  };
}

/** The home page: the WebSite, searchable at `/search/?q=`, and its publisher. */
export function webSite(context: Context): object {
  const { settings } = context;
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    url: settings.baseUrl,
    name: settings.title,
    description: settings.description,
    inLanguage: settings.language,
    publisher: publisher(context),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${context.absolute(URLS.search)}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** What the cards step adds to a page's meta (its social card), as far as structured data needs it. */
interface Card {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * The page's JSON-LD for its `<script>` block, escaped (`scriptJson`). A
 * NewsArticle's `image` is the page's card when it has one; the logo it was
 * built with otherwise.
 */
export function structuredDataJson(meta: Pick<PageMeta, 'structuredData'> & { readonly card?: Card }): string {
  const data = meta.structuredData as Record<string, unknown> | undefined;
  if (data === undefined) return '';
  const card = meta.card;
  if (data['@type'] !== 'NewsArticle' || typeof card?.url !== 'string') return scriptJson(data);
  const image = { '@type': 'ImageObject', url: card.url, ...(card.width ? { width: card.width } : {}), ...(card.height ? { height: card.height } : {}) };
  return scriptJson({ ...data, image });
}
