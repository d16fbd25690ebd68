/**
 * Relations → the page items of /search/, /relations/ and /about/, and the
 * relations data other pages carry: a pair's chart and topics, a country's
 * partners, the home page's small map. `computeRelations` runs once per build
 * (src/commands/build.ts, or `buildSiteData` when called alone) and is passed in here.
 */
import { countOf } from '../count.ts';
import { countryPartners, pairTopicBreakdown, type Relations } from './relations.ts';
import type { Context } from './catalog.ts';
import { tagIndexUrl, tagUrl, URLS } from './urls.ts';
import { monthChart } from './chart.ts';
import { pageMeta } from './meta.ts';
import { DEFAULT_LABELS, relationsMatrix, relationsNetwork, stories, type Labels } from './relations-view.ts';
import { CSV_COLUMNS } from '../types.ts';
import { DEFAULT_FACET_LABELS, type FacetKey } from '../settings/site.ts';
import type { AboutPage, CountryRelations, DataFile, HomeRelations, PairLink, PairRelations, RelationsPage, SearchFacet, SearchPage, TextLink } from './types.ts';

/** The Pagefind filters /search/ offers as facets, in this order, with their labels (`facets` in data/site.yaml); docs/search.md lists the attributes behind them. */
export const searchFacets = (labels: Readonly<Record<FacetKey, string>> = DEFAULT_FACET_LABELS): readonly SearchFacet[] =>
  (Object.keys(DEFAULT_FACET_LABELS) as FacetKey[]).map((key) => ({ key, label: labels[key] }));

/** Where a reader without JavaScript can browse instead (the site's tag indexes). */
export const BROWSE_LINKS: readonly TextLink[] = [
  { url: tagIndexUrl('pair'), label: 'Country pairs' },
  { url: tagIndexUrl('country'), label: 'Countries' },
  { url: tagIndexUrl('topic'), label: 'Topics' },
  { url: URLS.timeline, label: 'Timeline' },
];

export const DATA_FILES: readonly DataFile[] = [
  { url: URLS.storiesJson, name: 'stories.json', format: 'JSON' },
  { url: URLS.storiesCsv, name: 'stories.csv', format: 'CSV' },
  { url: URLS.pairsJson, name: 'pairs.json', format: 'JSON' },
];

/** The drawing stays legible up to about this many countries; the matrix and the list show them all. */
export const NETWORK_LIMIT = 30;

/** Countries on the home page's small map. */
export const HOME_MAP_LIMIT = 8;

export function searchPage(context: Context): SearchPage {
  const url = URLS.search;
  const heading = 'Search';
  const description = 'Search every story by word, country pair, country, topic, digest and year.';
  return {
    url,
    meta: pageMeta(context, url, heading, { section: 'search', description, schema: { type: 'WebPage', crumbs: [{ name: heading, url }] }, styles: ['/assets/search.css'], scripts: ['/assets/search.js'] }),
    heading,
    facets: searchFacets(context.settings.facetLabels),
    browse: BROWSE_LINKS,
  };
}

export function relationsPage(relations: Relations, context: Context): RelationsPage {
  const { labels } = context;
  const url = URLS.relations;
  const heading = 'Relations map';
  const description = 'Which country pairs the archive covers, and how many stories each has.';
  const network = relationsNetwork(relations, labels, { limit: NETWORK_LIMIT });
  const pairs: PairLink[] = [...network.edges].reverse().map(({ slug, url, label, count }) => ({ slug, url, label, count }));
  const listed = new Set(pairs.map((p) => p.slug));
  // Pairs between countries left out of the drawing still belong in its text alternative.
  for (const stats of relations.pairs.values()) {
    if (listed.has(stats.slug) || stats.countries.length !== 2) continue;
    const label = `${labels.country(stats.countries[0])} and ${labels.country(stats.countries[1])}: ${stories(stats.stories)}`;
    pairs.push({ slug: stats.slug, url: tagUrl('pair', stats.slug), label, count: stats.stories });
  }
  return {
    url,
    meta: pageMeta(context, url, heading, { section: 'relations', description, schema: { type: 'WebPage', crumbs: [{ name: heading, url }] }, styles: ['/assets/relations.css'] }),
    heading,
    matrix: relationsMatrix(relations, labels),
    network,
    pairs: pairs.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1)),
  };
}

export function aboutPage(storyCount: number, relations: Relations, context: Context): AboutPage {
  const url = URLS.about;
  const heading = 'About the data';
  const description = `Download all ${countOf(storyCount, 'story', 'stories', 'grouped')} and every country pair as JSON or CSV, and what each field means.`;
  return {
    url,
    meta: pageMeta(context, url, heading, { section: 'about', description, schema: { type: 'WebPage', crumbs: [{ name: heading, url }] } }),
    heading,
    stories: storyCount,
    pairs: relations.pairs.size,
    files: DATA_FILES,
    csvColumns: CSV_COLUMNS,
  };
}

/** For a pair's first page (`pairRelationsHtml`, src/render/pages.ts). */
export function pairRelations(relations: Relations, pair: string, labels: Labels = DEFAULT_LABELS): PairRelations {
  const stats = relations.pairs.get(pair);
  const countries = stats?.countries ?? [];
  const label = countries.length === 2 ? `${labels.country(countries[0])} and ${labels.country(countries[1])}` : pair;
  const topics = pairTopicBreakdown(relations, pair).map(({ slug, count }) => ({ kind: 'topic' as const, slug, label: labels.topic(slug), url: tagUrl('topic', slug), count }));
  return { label, chart: monthChart(stats?.months ?? new Map(), { subject: label, linked: false }), topics };
}

/** For a country's first page (`partnersHtml`, src/render/pages.ts). */
export function countryRelations(relations: Relations, country: string, labels: Labels = DEFAULT_LABELS): CountryRelations {
  const partners = countryPartners(relations, country).map((p) => ({ slug: p.slug, label: labels.country(p.slug), count: p.count, url: tagUrl('pair', p.pair) }));
  return { label: labels.country(country), partners };
}

/** For the home page (`relations/home-map.njk`). */
export function homeRelations(relations: Relations, labels: Labels = DEFAULT_LABELS): HomeRelations {
  return { network: relationsNetwork(relations, labels, { size: 320, limit: HOME_MAP_LIMIT }), url: URLS.relations };
}
