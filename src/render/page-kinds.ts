/**
 * Every page kind, once: how its pages are made. Eleventy sees one virtual
 * template per kind (`addTemplate`), paginating over `nd.pages.<kind>` one item
 * at a time; there are no template stubs on disk. A kind is one of:
 *
 * - `page`: HTML built in TypeScript (src/render/pages.ts) inside the shared
 *   document (src/render/layout.ts): the kinds with the most pages, where
 *   Nunjucks cost most of the render time (docs/performance.md);
 * - `text`: a whole file built in TypeScript (the feeds, the redirects);
 * - `njk`: the body `templates/_includes/pages/<kind>.njk`, in the shared
 *   document (`layout: 'base'`, the virtual layout `layouts/base.11ty.js`) or
 *   in none, for pages where a template reads better and costs nothing (one
 *   page, or a handful);
 * - `file`: written as it is, no template (src/engine/shards.ts).
 *
 * The keys are the kinds of `SitePages` and `RegistryPages` (src/site/types.ts),
 * no more and no fewer: TypeScript checks both ways.
 */
import { atomFeed, digestBody, digestRedirect, jsonFeed, monthBody, pairRedirect, storyBody, storyRedirect, tagBody, yearBody } from './pages.ts';
import { documentHtml, layoutHtml, type DocumentPage, type LayoutData } from './layout.ts';
import type { Link } from './listings.ts';
import type { RegistryPages, SiteGlobals, SitePages } from '../site/types.ts';

type AllPages = SitePages & RegistryPages;
export type PageKindName = keyof AllPages;
type ItemOf<K extends PageKindName> = AllPages[K][number];

interface NunjucksKind {
  readonly engine: 'njk';
  readonly layout: 'base' | false;
  /** Front matter the stub had (the withdrawn page's title: its item has no `meta`). */
  readonly data?: Readonly<Record<string, string>>;
}

export type PageKind<Item> =
  | { readonly engine: 'page'; readonly body: (item: Item, link: Link) => string }
  | { readonly engine: 'text'; readonly render: (item: Item, site: SiteGlobals, link: Link) => string }
  | NunjucksKind
  | { readonly engine: 'file' };

const page = <Item>(body: (item: Item, link: Link) => string): PageKind<Item> => ({ engine: 'page', body });
const text = <Item>(render: (item: Item, site: SiteGlobals, link: Link) => string): PageKind<Item> => ({ engine: 'text', render });
const njk = (layout: 'base' | false, data?: Readonly<Record<string, string>>): NunjucksKind => ({ engine: 'njk', layout, ...(data ? { data } : {}) });

export const PAGE_KINDS: { readonly [K in PageKindName]: PageKind<ItemOf<K>> } = {
  home: njk('base'),
  story: page(storyBody),
  citation: { engine: 'file' },
  pair: page(tagBody),
  topic: page(tagBody),
  country: page(tagBody),
  pairRedirect: text(pairRedirect),
  pairsIndex: njk('base'),
  topicsIndex: njk('base'),
  countriesIndex: njk('base'),
  timeline: njk('base'),
  year: page(yearBody),
  month: page(monthBody),
  digest: page(digestBody),
  digestsIndex: njk('base'),
  feedAtom: text(atomFeed),
  feedJson: text(jsonFeed),
  sitemap: njk(false),
  robots: njk(false),
  notFound: njk('base'),
  search: njk('base'),
  relations: njk('base'),
  about: njk('base'),
  withdrawn: njk('base', { title: 'Story withdrawn', description: 'This story was withdrawn from the archive.', robots: 'noindex' }),
  storyRedirect: text(storyRedirect),
  digestRedirect: text(digestRedirect),
};

/** The part of Eleventy's configuration API the table needs. */
export interface TemplateRegistry {
  addTemplate(virtualPath: string, content: unknown, data: object): void;
}

interface RenderData {
  readonly item: DocumentPage;
  readonly nd: { readonly site: SiteGlobals };
}

/**
 * One virtual template per kind that has pages in `pages` (a shard renders only
 * the kinds it holds); `linkFor` gives the `link` function of a path prefix.
 */
export function addPageTemplates(config: TemplateRegistry, pages: Readonly<Record<string, readonly unknown[] | undefined>>, linkFor: (pathPrefix: string) => Link): void {
  // The one document of the kinds in Nunjucks: the same as the TypeScript kinds' (src/render/layout.ts).
  config.addTemplate('_includes/layouts/base.11ty.js', { render: (data: LayoutData) => layoutHtml(data, linkFor(data.nd.site.pathPrefix)) }, {});
  for (const [name, kind] of Object.entries(PAGE_KINDS) as [PageKindName, PageKind<unknown>][]) {
    if (kind.engine === 'file' || !pages[name]?.length) continue;
    const data = {
      pagination: { data: `nd.pages.${name}`, size: 1, alias: 'item', addAllPagesToCollections: false },
      eleventyExcludeFromCollections: true,
    };
    if (kind.engine === 'njk') {
      const layout = kind.layout === false ? false : `layouts/${kind.layout}.11ty.js`;
      // The line break after the include is the one the stubs had: pages keep their bytes.
      config.addTemplate(`${name}.njk`, `{% include "pages/${name}.njk" %}\n`, { ...data, ...kind.data, layout });
    } else if (kind.engine === 'text') {
      const render = kind.render;
      config.addTemplate(`${name}.11ty.js`, { render: (context: RenderData) => render(context.item, context.nd.site, linkFor(context.nd.site.pathPrefix)) }, { ...data, layout: false });
    } else {
      const body = kind.body;
      config.addTemplate(`${name}.11ty.js`, {
        render: (context: RenderData) => {
          const link = linkFor(context.nd.site.pathPrefix);
          return documentHtml(context.nd.site, context.item, body(context.item, link), link);
        },
      }, { ...data, layout: false });
    }
  }
}
