/**
 * Story records → the page items of /search/, /relations/ and /about/, and the
 * relations data other pages embed (pair chart and topics, country partners,
 * the home page's small map). Each page template paginates over its array in
 * `nd.pages.<kind>` and reads only its own item, so everything it prints is
 * here. Relations are computed once (`computeRelations`) and passed in.
 */
import { computeRelations, countryPartners, pairTimeline, pairTopicBreakdown, type Relations } from '../relations.ts';
import type { StoryRecord } from '../types.ts';
import { CSV_COLUMNS } from '../export.ts';
import { DEFAULT_LABELS, monthChart, relationsMatrix, relationsNetwork, stories, type Labels, type Matrix, type MonthChart, type Network } from './relations-view.ts';

/** The Pagefind filters /search/ offers as facets, in this order; docs/search.md lists the attributes behind them. */
export const SEARCH_FACETS = [
  { key: 'pair', label: 'Country pair' },
  { key: 'country', label: 'Country' },
  { key: 'topic', label: 'Topic' },
  { key: 'digest', label: 'Digest' },
  { key: 'year', label: 'Year' },
] as const;

/** Where a reader without JavaScript can browse instead (the site's tag indexes). */
export const BROWSE_LINKS = [
  { url: '/pairs/', label: 'Country pairs' },
  { url: '/countries/', label: 'Countries' },
  { url: '/topics/', label: 'Topics' },
  { url: '/timeline/', label: 'Timeline' },
] as const;

export const DATA_FILES = [
  { url: '/stories.json', name: 'stories.json', format: 'JSON' },
  { url: '/stories.csv', name: 'stories.csv', format: 'CSV' },
  { url: '/pairs.json', name: 'pairs.json', format: 'JSON' },
] as const;

interface PageItem {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  /** The layout's `<head>` data, when the caller's `meta` option makes it (src/site/meta.ts). */
  readonly meta?: object;
}

export interface ExtraOptions {
  readonly labels?: Labels;
  /** Makes `item.meta` for the layout; without it the templates fall back to `title`/`description`. */
  readonly meta?: (url: string, heading: string, description: string) => object;
  /** Pass it when the caller already computed it for the pair and country pages. */
  readonly relations?: Relations;
}

export interface SearchPage extends PageItem {
  readonly facets: typeof SEARCH_FACETS;
  readonly browse: typeof BROWSE_LINKS;
}

export interface RelationsPage extends PageItem {
  readonly matrix: Matrix;
  readonly network: Network;
  /** The drawing's text alternative: every pair, busiest first. */
  readonly pairs: readonly { readonly slug: string; readonly url: string; readonly label: string; readonly count: number }[];
}

export interface AboutPage extends PageItem {
  readonly stories: number;
  readonly pairs: number;
  readonly files: typeof DATA_FILES;
  readonly csvColumns: typeof CSV_COLUMNS;
}

export interface ExtraPages {
  readonly search: readonly [SearchPage];
  readonly relations: readonly [RelationsPage];
  readonly about: readonly [AboutPage];
}

/** The drawing stays legible up to about this many countries; the matrix and the list show them all. */
export const NETWORK_LIMIT = 30;

export function extraPages(records: readonly StoryRecord[], options: ExtraOptions = {}): ExtraPages {
  const labels = options.labels ?? DEFAULT_LABELS;
  const relations = options.relations ?? computeRelations(records);
  const page = <T extends PageItem>(item: T): T => (options.meta ? { ...item, meta: options.meta(item.url, item.title, item.description) } : item);
  const network = relationsNetwork(relations, labels, { limit: NETWORK_LIMIT });
  const pairs = [...network.edges].reverse().map(({ slug, url, label, count }) => ({ slug, url, label, count }));
  const listed = new Set(pairs.map((p) => p.slug));
  // Pairs between countries left out of the drawing still belong in its text alternative.
  for (const stats of relations.pairs.values()) {
    if (listed.has(stats.slug) || stats.countries.length !== 2) continue;
    const label = `${labels.country(stats.countries[0])} and ${labels.country(stats.countries[1])}: ${stories(stats.stories)}`;
    pairs.push({ slug: stats.slug, url: `/pairs/${stats.slug}/`, label, count: stats.stories });
  }
  return {
    search: [page({ url: '/search/', title: 'Search', description: 'Search every story by word, country pair, country, topic, digest and year.', facets: SEARCH_FACETS, browse: BROWSE_LINKS })],
    relations: [
      page({
        url: '/relations/',
        title: 'Relations map',
        description: 'Which country pairs the archive covers, and how many stories each has.',
        matrix: relationsMatrix(relations, labels),
        network,
        pairs: pairs.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1)),
      }),
    ],
    about: [
      page({
        url: '/about/',
        title: 'About the data',
        description: 'Download every story and every country pair as JSON or CSV, and what each field means.',
        stories: records.length,
        pairs: relations.pairs.size,
        files: DATA_FILES,
        csvColumns: CSV_COLUMNS,
      }),
    ],
  };
}

export interface PairRelations {
  readonly label: string; // `China and Russia`
  readonly chart: MonthChart;
  readonly topics: readonly { readonly slug: string; readonly label: string; readonly count: number; readonly url: string }[];
}

/** For the pair page: set `rel` to this and include `relations/pair-chart.njk` and `relations/topic-breakdown.njk`. */
export function pairRelations(relations: Relations, pair: string, labels: Labels = DEFAULT_LABELS): PairRelations {
  const countries = relations.pairs.get(pair)?.countries ?? [];
  const label = countries.length === 2 ? `${labels.country(countries[0])} and ${labels.country(countries[1])}` : pair;
  const topics = pairTopicBreakdown(relations, pair).map((t) => ({ ...t, label: labels.topic(t.slug), url: `/topics/${t.slug}/` }));
  return { label, chart: monthChart(pairTimeline(relations, pair)), topics };
}

export interface CountryRelations {
  readonly label: string;
  readonly partners: readonly { readonly slug: string; readonly label: string; readonly count: number; readonly url: string }[];
}

/** For the country page: set `rel` to this and include `relations/partners.njk`. */
export function countryRelations(relations: Relations, country: string, labels: Labels = DEFAULT_LABELS): CountryRelations {
  const partners = countryPartners(relations, country).map((p) => ({ slug: p.slug, count: p.count, label: labels.country(p.slug), url: `/pairs/${p.pair}/` }));
  return { label: labels.country(country), partners };
}

/** For the home page: set `rel` to this and include `relations/home-map.njk`. */
export function homeRelations(relations: Relations, labels: Labels = DEFAULT_LABELS): { readonly network: Network; readonly url: string } {
  return { network: relationsNetwork(relations, labels, { size: 320, limit: 8 }), url: '/relations/' };
}
