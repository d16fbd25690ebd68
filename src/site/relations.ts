/**
 * Story records → who relates to whom, and how that evolves. Everything is
 * gathered in ONE pass over the records (`computeRelations`); the accessors
 * below only read the result, so a 100,000-story archive costs one loop plus
 * sorting the (few hundred) pairs and countries, never records × pairs.
 */
import { pairSlug, splitPair } from '../pairs.ts';
import type { IsoDate, StoryRecord } from '../types.ts';

export interface PairStats {
  readonly slug: string;
  /** The two country slugs, sorted; empty when the slug could not be split (see `splitPair`, src/pairs.ts). */
  readonly countries: readonly [string, string] | readonly [];
  stories: number;
  first: IsoDate;
  last: IsoDate;
  /** `YYYY-MM` → stories that month. */
  readonly months: Map<string, number>;
  /** topic slug → stories of this pair with that topic. */
  readonly topics: Map<string, number>;
}

export interface CountryStats {
  readonly slug: string;
  /** Stories tagged with this country, paired or not. */
  stories: number;
  /** partner country slug → stories the two share as a pair. */
  readonly partners: Map<string, number>;
}

export interface Relations {
  readonly pairs: ReadonlyMap<string, PairStats>;
  readonly countries: ReadonlyMap<string, CountryStats>;
}

export interface Count {
  readonly slug: string;
  readonly count: number;
}

export interface Partner extends Count {
  readonly pair: string;
}

/** Most first, then by slug, so equal counts never reorder between builds. */
export const byCount = <T extends Count>(a: T, b: T): number => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

export function computeRelations(records: readonly StoryRecord[]): Relations {
  const pairs = new Map<string, PairStats>();
  const countries = new Map<string, CountryStats>();
  const unsplit: PairStats[] = [];
  const country = (slug: string): CountryStats => {
    let stats = countries.get(slug);
    if (!stats) countries.set(slug, (stats = { slug, stories: 0, partners: new Map() }));
    return stats;
  };
  for (const record of records) {
    for (const slug of new Set(record.countries)) country(slug).stories += 1;
    const month = record.date.slice(0, 7);
    for (const slug of new Set(record.pairs)) {
      let stats = pairs.get(slug);
      if (!stats) {
        const split = splitPair(slug, record.countries);
        stats = { slug, countries: split ?? [], stories: 0, first: record.date, last: record.date, months: new Map(), topics: new Map() };
        pairs.set(slug, stats);
        if (!split) unsplit.push(stats);
      }
      stats.stories += 1;
      // Records are sorted by date, but compare anyway: a caller may pass any order.
      if (record.date < stats.first) stats.first = record.date;
      if (record.date > stats.last) stats.last = record.date;
      bump(stats.months, month);
      for (const topic of new Set(record.topics)) bump(stats.topics, topic);
    }
  }
  const known = new Set(countries.keys());
  for (const stats of unsplit) {
    const split = splitPair(stats.slug, [], known);
    if (split) pairs.set(stats.slug, { ...stats, countries: split });
  }
  for (const stats of pairs.values()) {
    if (stats.countries.length !== 2) continue;
    const [a, b] = stats.countries;
    bump(country(a).partners, b, stats.stories);
    bump(country(b).partners, a, stats.stories);
  }
  return { pairs, countries };
}

/** `YYYY-MM` after `month`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  return next > 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${month.slice(0, 5)}${String(next).padStart(2, '0')}`;
}

export function pairTopicBreakdown(relations: Relations, pair: string): Count[] {
  const stats = relations.pairs.get(pair);
  return stats ? [...stats.topics].map(([slug, count]) => ({ slug, count })).sort(byCount) : [];
}

export function countryPartners(relations: Relations, country: string): Partner[] {
  const stats = relations.countries.get(country);
  if (!stats) return [];
  return [...stats.partners].map(([slug, count]) => ({ slug, count, pair: pairSlug(country, slug) })).sort(byCount);
}

/** Countries with at least one partner, most stories first: the rows and columns of the map. */
export function pairedCountries(relations: Relations): Count[] {
  return [...relations.countries.values()]
    .filter((stats) => stats.partners.size > 0)
    .map((stats) => ({ slug: stats.slug, count: stats.stories }))
    .sort(byCount);
}
