/**
 * Relations → what the relations templates draw: the matrix and the network,
 * with every coordinate computed here at build time (a pair's monthly chart is
 * the timeline's, `monthChart` in chart.ts). The
 * templates only print numbers and (auto-escaped) labels, so the pages need no
 * JavaScript and no inline style (the CSP forbids both).
 */
import { pairSlug } from '../pairs.ts';
import { tagUrl } from './urls.ts';
import { byCount, pairedCountries, type Count, type Relations } from './relations.ts';
import { fallbackLabels } from './labels.ts';
import type { Matrix, Network, NetworkNode, SiteLabels } from './types.ts';

export type Labels = Pick<SiteLabels, 'country' | 'topic'>;

export const DEFAULT_LABELS: Labels = fallbackLabels;

export const SHADES = 5;

/** 1 (one story) … 5 (the busiest pair), on a log scale so a few huge pairs do not wash out the rest. */
export function shade(count: number, max: number): number {
  if (count <= 0) return 0;
  if (max <= 1) return SHADES;
  return 1 + Math.round(((SHADES - 1) * Math.log(count)) / Math.log(max));
}

const round = (value: number): number => Math.round(value * 10) / 10;

export const stories = (count: number): string => `${count} ${count === 1 ? 'story' : 'stories'}`;

export function relationsMatrix(relations: Relations, labels: Labels = DEFAULT_LABELS, limit = Infinity): Matrix {
  const countries = pairedCountries(relations).slice(0, limit).map((c) => ({ ...c, label: labels.country(c.slug) }));
  let max = 0;
  for (const stats of relations.pairs.values()) max = Math.max(max, stats.stories);
  const rows = countries.map((row) =>
    countries.map((column) => {
      if (row.slug === column.slug) return null;
      const pair = pairSlug(row.slug, column.slug);
      const count = relations.countries.get(row.slug)?.partners.get(column.slug) ?? 0;
      return { pair, url: tagUrl('pair', pair), count, shade: shade(count, max), label: `${row.label} and ${column.label}: ${stories(count)}` };
    }),
  );
  return { countries, rows, max };
}

/**
 * Nodes on a circle, heaviest at twelve o'clock and then clockwise by weight:
 * deterministic (no randomness, no iterations), and the busiest countries
 * always sit in the same place from one build to the next.
 */
export function relationsNetwork(relations: Relations, labels: Labels = DEFAULT_LABELS, options: { size?: number; limit?: number } = {}): Network {
  const size = options.size ?? 600;
  const countries = pairedCountries(relations).slice(0, options.limit ?? Infinity);
  const centre = size / 2;
  const ring = size * 0.34;
  const maxNode = countries[0]?.count ?? 1;
  const placed = new Map<string, NetworkNode>();
  countries.forEach((country, index) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / countries.length;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const r = round(size * (0.008 + 0.03 * Math.sqrt(country.count / maxNode)));
    placed.set(country.slug, {
      ...country,
      label: labels.country(country.slug),
      url: tagUrl('country', country.slug),
      x: round(centre + ring * cos),
      y: round(centre + ring * sin),
      r,
      labelX: round(centre + (ring + r + 6) * cos),
      labelY: round(centre + (ring + r + 6) * sin + 4),
      anchor: Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end',
    });
  });
  const pairs = [...relations.pairs.values()].filter((p) => p.countries.length === 2 && placed.has(p.countries[0]) && placed.has(p.countries[1]));
  const maxEdge = Math.max(1, ...pairs.map((p) => p.stories));
  const edges = pairs
    .map((p) => ({ slug: p.slug, count: p.stories, a: placed.get(p.countries[0] as string) as NetworkNode, b: placed.get(p.countries[1] as string) as NetworkNode }))
    // Lightest first, so the heavy edges are drawn on top.
    .sort((x, y) => -byCount(x, y))
    .map(({ slug, count, a, b }) => ({
      slug,
      count,
      label: `${a.label} and ${b.label}: ${stories(count)}`,
      url: tagUrl('pair', slug),
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      width: round(1 + (size / 100) * (count / maxEdge)),
    }));
  return { size, nodes: [...placed.values()], edges };
}
