/**
 * Relations → what the relations templates draw: the matrix, the network and
 * the monthly chart, with every coordinate computed here at build time. The
 * templates only print numbers and (auto-escaped) labels, so the pages need no
 * JavaScript and no inline style (the CSP forbids both).
 */
import { byCount, pairedCountries, type Count, type MonthCount, type Relations } from '../relations.ts';

export interface Labels {
  readonly country: (slug: string) => string;
  readonly topic: (slug: string) => string;
}

/** `north-korea` → `North Korea`: good enough until the tagger's names are passed in. */
export const titleCase = (slug: string): string => slug.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');

export const DEFAULT_LABELS: Labels = { country: titleCase, topic: titleCase };

export const SHADES = 5;

/** 1 (one story) … 5 (the busiest pair), on a log scale so a few huge pairs do not wash out the rest. */
export function shade(count: number, max: number): number {
  if (count <= 0) return 0;
  if (max <= 1) return SHADES;
  return 1 + Math.round(((SHADES - 1) * Math.log(count)) / Math.log(max));
}

const round = (value: number): number => Math.round(value * 10) / 10;

export interface MatrixCell {
  readonly pair: string;
  readonly url: string;
  readonly count: number;
  readonly shade: number;
  readonly label: string; // `China and Russia: 12 stories`, for screen readers and tooltips
}

export interface Matrix {
  readonly countries: readonly (Count & { readonly label: string })[];
  /** `rows[i][j]`: null on the diagonal, count 0 where the two never share a story. */
  readonly rows: readonly (readonly (MatrixCell | null)[])[];
  readonly max: number;
}

export const stories = (count: number): string => `${count} ${count === 1 ? 'story' : 'stories'}`;

export function relationsMatrix(relations: Relations, labels: Labels = DEFAULT_LABELS, limit = Infinity): Matrix {
  const countries = pairedCountries(relations).slice(0, limit).map((c) => ({ ...c, label: labels.country(c.slug) }));
  let max = 0;
  for (const stats of relations.pairs.values()) max = Math.max(max, stats.stories);
  const rows = countries.map((row) =>
    countries.map((column) => {
      if (row.slug === column.slug) return null;
      const pair = row.slug < column.slug ? `${row.slug}-${column.slug}` : `${column.slug}-${row.slug}`;
      const count = relations.countries.get(row.slug)?.partners.get(column.slug) ?? 0;
      return { pair, url: `/pairs/${pair}/`, count, shade: shade(count, max), label: `${row.label} and ${column.label}: ${stories(count)}` };
    }),
  );
  return { countries, rows, max };
}

export interface NetworkNode extends Count {
  readonly label: string;
  readonly url: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface NetworkEdge extends Count {
  readonly label: string;
  readonly url: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
}

export interface Network {
  readonly size: number;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
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
      url: `/countries/${country.slug}/`,
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
      url: `/pairs/${slug}/`,
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      width: round(1 + (size / 100) * (count / maxEdge)),
    }));
  return { size, nodes: [...placed.values()], edges };
}

export interface MonthChart {
  readonly width: number;
  readonly height: number;
  readonly max: number;
  readonly bars: readonly (MonthCount & { readonly x: number; readonly y: number; readonly w: number; readonly h: number })[];
  /** One tick per January (and at the first month), labelled with the year. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
}

export function monthChart(timeline: readonly MonthCount[], width = 600, height = 120): MonthChart {
  const plot = height - 20; // room for the year labels
  const max = Math.max(1, ...timeline.map((m) => m.count));
  const step = timeline.length === 0 ? width : width / timeline.length;
  const bars = timeline.map((m, i) => {
    const h = round((plot * m.count) / max);
    return { ...m, x: round(i * step), y: round(plot - h), w: round(Math.max(1, step * 0.85)), h };
  });
  const ticks = timeline.flatMap((m, i) => (i === 0 || m.month.endsWith('-01') ? [{ x: round(i * step), label: m.month.slice(0, 4) }] : []));
  return { width, height, max, bars, ticks };
}
