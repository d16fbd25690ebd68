/** `<head>` metadata for a page: title, description, canonical URL, feeds, JSON-LD, its own stylesheets and scripts. */
import { pageCard } from './cards.ts';
import type { CardRef } from './card-types.ts';
import type { Context } from './catalog.ts';
import { webPage, type Crumb } from './structured-data.ts';
import type { FeedLink, PageMeta, Section } from './types.ts';

export interface MetaOptions {
  readonly section: Section;
  readonly description?: string;
  readonly ogType?: PageMeta['ogType'];
  readonly feeds?: readonly FeedLink[];
  /** Schema.org JSON-LD (src/site/structured-data.ts), serialised when the page is rendered. */
  readonly structuredData?: object;
  /**
   * A page without its own structured data gets a `CollectionPage` (a listing)
   * or `WebPage` with this breadcrumb: the crumbs below Home, ending with the page.
   */
  readonly schema?: { readonly type: 'CollectionPage' | 'WebPage'; readonly crumbs: readonly Crumb[] };
  /** Keep the page out of search engines: `noindex`, and no canonical link. */
  readonly noindex?: boolean;
  /** The `<title>` is the heading alone (the home page). */
  readonly bare?: boolean;
  /** The page's own stylesheets and scripts, linked in `<head>` (site-relative URLs). */
  readonly styles?: readonly string[];
  readonly scripts?: readonly string[];
  /** The page's own social card; the site's card when absent. */
  readonly card?: CardRef;
}

export function pageMeta(context: Context, url: string, heading: string, options: MetaOptions): PageMeta {
  const { title, description } = context.settings;
  const card = pageCard(context, options.card);
  const structuredData = options.structuredData ?? (options.schema && webPage(context, options.schema.type, url, heading, options.description ?? description, options.schema.crumbs));
  return {
    title: options.bare ? heading : `${heading} · ${title}`,
    description: options.description ?? description,
    canonical: context.absolute(url),
    ogType: options.ogType ?? 'website',
    section: options.section,
    feeds: options.feeds ?? [],
    ...(structuredData === undefined ? {} : { structuredData }),
    ...(options.noindex ? { robots: 'noindex' as const } : {}),
    ...(options.styles === undefined ? {} : { styles: options.styles }),
    ...(options.scripts === undefined ? {} : { scripts: options.scripts }),
    ...(card === undefined ? {} : { card }),
  };
}

/** A tag's own feeds, next to its pages: `/pairs/china-russia/feed.xml` and `feed.json`. */
export function tagFeeds(tagUrl: string, label: string, siteTitle: string): FeedLink[] {
  return [
    { type: 'application/atom+xml', title: `${label} · ${siteTitle} (Atom)`, url: `${tagUrl}feed.xml` },
    { type: 'application/feed+json', title: `${label} · ${siteTitle} (JSON Feed)`, url: `${tagUrl}feed.json` },
  ];
}
