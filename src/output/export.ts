/**
 * Story records → the downloadable data beside `stories.json`: `stories.csv`
 * for spreadsheets and `pairs.json` for the relations at a glance. Pure
 * functions; src/commands/build.ts writes their output. Both are documented on /about/.
 */
import { byCount, computeRelations, type Relations } from '../site/relations.ts';
import { CSV_COLUMNS, type IsoDate, type StoryRecord } from '../types.ts';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula
 * (`=HYPERLINK(…)`), so such a cell gets a leading `'`, which spreadsheets
 * show as text and other readers see as a harmless quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted only when it must be, quotes doubled. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `stories.csv`: a header, then one CRLF-terminated row per story; list fields joined with `;`. */
export function toCsv(records: readonly StoryRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const record of records) {
    const cells = [
      record.id,
      record.url,
      record.date,
      record.datePrecision,
      record.digest.id,
      record.headline,
      record.countries.join(';'),
      record.pairs.join(';'),
      record.topics.join(';'),
    ];
    rows.push(cells.map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export interface PairSummary {
  readonly countries: readonly string[];
  readonly stories: number;
  readonly first: IsoDate;
  readonly last: IsoDate;
  /** topic slug → stories, most first. */
  readonly topics: Readonly<Record<string, number>>;
}

export interface PairsJson {
  /** pair slug → summary, busiest pair first. */
  readonly pairs: Readonly<Record<string, PairSummary>>;
}

/** `relations`: `computeRelations(records)`, when the caller already has it. */
export function toPairsJson(records: readonly StoryRecord[], relations: Relations = computeRelations(records)): PairsJson {
  const ordered = [...relations.pairs.values()].map((stats) => ({ stats, slug: stats.slug, count: stats.stories })).sort(byCount);
  // `Object.fromEntries`, not `obj[slug] =`: a slug such as `__proto__` stays an ordinary key.
  const pairs = Object.fromEntries(
    ordered.map(({ stats }): [string, PairSummary] => {
      const topics = [...stats.topics].map(([slug, count]) => ({ slug, count })).sort(byCount);
      const summary = { countries: stats.countries, stories: stats.stories, first: stats.first, last: stats.last, topics: Object.fromEntries(topics.map((t) => [t.slug, t.count])) };
      return [stats.slug, summary];
    }),
  );
  return { pairs };
}
