/**
 * Story records → the data the templates render (`nd` in every template).
 * Every output file is one item of one `nd.pages.<kind>` array, carrying all
 * its page shows; everything is computed here, once, over the sorted records
 * (see docs/site.md). Templates only print their own item and `nd.site`.
 */
import { DEFAULT_NAV, type NavSection, type SiteSettings } from '../settings/site.ts';
import { computeRelations, type Relations } from './relations.ts';
import { cardList } from './cards.ts';
import { buildCatalog, createContext } from './catalog.ts';
import { digestPages, digestsIndexPage, sortedDigests } from './digests.ts';
import { aboutPage, countryRelations, pairRelations, relationsPage, searchPage } from './extras.ts';
import { feedPageLists } from './feeds.ts';
import { homePage } from './home.ts';
import { fallbackLabels, safeLabels } from './labels.ts';
import { pageMeta } from './meta.ts';
import { lastModified, robots, sitemaps } from './sitemap.ts';
import { citationFileList, storyPageList } from './stories.ts';
import { pairRedirects, tagIndexPage, tagPages } from './tags.ts';
import { monthGroups, monthPages, timelinePage, yearPages } from './timeline.ts';
import { tagIndexUrl, URLS } from './urls.ts';
import type { OnDemand, SiteData, SiteGlobals, SiteLabels, SitePlan, TagPage } from './types.ts';
import type { StoryRecord } from '../types.ts';

export type * from './types.ts';
export { fallbackLabels } from './labels.ts';

const NAV_URLS: Readonly<Record<NavSection, string>> = {
  home: URLS.home,
  timeline: URLS.timeline,
  pairs: tagIndexUrl('pair'),
  topics: tagIndexUrl('topic'),
  countries: tagIndexUrl('country'),
  digests: URLS.digests,
  relations: URLS.relations,
  search: URLS.search,
};

function globals(settings: SiteSettings): SiteGlobals {
  return {
    title: settings.title,
    description: settings.description,
    baseUrl: settings.baseUrl,
    pathPrefix: settings.pathPrefix,
    language: settings.language,
    // The labels and their order are the editors' (`nav` in data/site.yaml); the URLs are the site's.
    nav: (settings.nav ?? DEFAULT_NAV).map((entry) => ({ label: entry.label, url: NAV_URLS[entry.section], section: entry.section })),
    feeds: [
      { type: 'application/atom+xml', title: `${settings.title} (Atom)`, url: URLS.feedAtom },
      { type: 'application/feed+json', title: `${settings.title} (JSON Feed)`, url: URLS.feedJson },
    ],
    searchUrl: URLS.search,
  };
}

/**
 * `relations`: `computeRelations(records)`, when the caller needs it too
 * (build.ts writes `pairs.json` from it); computed here otherwise.
 */
export function buildSiteData(records: readonly StoryRecord[], settings: SiteSettings, labels: SiteLabels = fallbackLabels, relations: Relations = computeRelations(records)): SiteData {
  const { site, pages, lazy } = planSiteData(records, settings, labels, relations);
  const built = <T extends { readonly url: string }>(list: OnDemand<T>): T[] => list.urls.map((_, index) => list.build(index));
  return { site, pages: { ...pages, story: built(lazy.story), citation: built(lazy.citation), feedAtom: built(lazy.feedAtom), feedJson: built(lazy.feedJson) } };
}

/**
 * The site data with story pages and feeds on demand, for the build: it builds
 * only those it renders, each saying what it is made of (the engine keys them:
 * `keyPages`, src/engine/incremental.ts).
 */
export function planSiteData(records: readonly StoryRecord[], settings: SiteSettings, labels: SiteLabels = fallbackLabels, relations: Relations = computeRelations(records)): SitePlan {
  const context = createContext(settings, safeLabels(labels));
  const catalog = buildCatalog(records, context);
  const digests = sortedDigests(catalog);
  const months = monthGroups(catalog);
  const firstPage = (page: TagPage): boolean => page.pagination.archive === 0;
  const html = {
    home: [homePage(digests, catalog, relations, context)],
    pair: tagPages('pair', catalog, context).map((page) => ({ ...page, relations: firstPage(page) ? pairRelations(relations, page.slug, context.labels) : null })),
    topic: tagPages('topic', catalog, context),
    country: tagPages('country', catalog, context).map((page) => ({ ...page, relations: firstPage(page) ? countryRelations(relations, page.slug, context.labels) : null })),
    pairsIndex: [tagIndexPage('pair', catalog, context)],
    topicsIndex: [tagIndexPage('topic', catalog, context)],
    countriesIndex: [tagIndexPage('country', catalog, context)],
    timeline: [timelinePage(months, context)],
    year: yearPages(months, context),
    month: monthPages(months, context),
    digest: digestPages(digests, catalog, context),
    digestsIndex: [digestsIndexPage(digests, context)],
    search: [searchPage(context)],
    relations: [relationsPage(relations, context)],
    about: [aboutPage(catalog.records.length, relations, context)],
  };
  // A story is shown with its record and its tags' labels. The labels come from
  // the tagging data and, for a pair, from the first story that has it: part
  // of what a story is made of, so that no page can miss a label's change.
  const stories = { records: catalog.records, labels: catalog.storyTags.map((tags) => tags.map((tag) => tag.label).join('\u0000')), links: catalog.links };
  const story = storyPageList(catalog, context);
  const feeds = feedPageLists(catalog, context);
  const { home, ...rest } = html;
  // Sitemap order: home, stories, then the other kinds.
  const digestDates = new Map([...catalog.digests.values()].map((digest) => [digest.ref.id, digest.date]));
  const newest = digests.at(-1)?.date;
  const entry = (item: { url: string }) => ({ url: item.url, lastmod: lastModified(item, digestDates, newest) });
  const htmlUrls = [...home.map(entry), ...story.urls.map((url, index) => ({ url, lastmod: catalog.records[index]!.digest.date })), ...Object.values(rest).flatMap((items) => items.map(entry))];
  const pages: SitePlan['pages'] = {
    ...html,
    pairRedirect: pairRedirects(catalog, context),
    sitemap: sitemaps(htmlUrls, context),
    robots: [robots(context)],
    notFound: [{ url: URLS.notFound, meta: pageMeta(context, URLS.notFound, 'Page not found', { section: 'none', noindex: true }) }],
  };
  const cards = settings.cards === false ? {} : { cards: cardList(catalog, digests, context) };
  return { site: globals(settings), pages, stories, lazy: { story, citation: citationFileList(catalog, context), feedAtom: feeds.atom, feedJson: feeds.json }, ...cards };
}
