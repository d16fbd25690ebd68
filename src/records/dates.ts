/**
 * Calendar dates without clocks. Every date in this project is a `CalendarDate`
 * (year, month, optional day), never a JS `Date`, so the machine's time zone can
 * never shift a story by a day. `chrono-node` reads dates out of prose; we keep
 * only the components it reports, never its `Date`.
 */
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node/en';
import type { CalendarDate, DatePrecision, IsoDate } from '../types.ts';

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/**
 * chrono-node, loaded on the first story dated: every command imports this
 * module (`new` formats dates), few date stories. Its English build only (the
 * package's own `parse` is the English casual parser), and through `require`,
 * which loads it fastest (docs/performance.md, "Start-up").
 */
let chronoModule: typeof Chrono | undefined;
const chrono = (): typeof Chrono => (chronoModule ??= createRequire(import.meta.url)('chrono-node/en') as typeof Chrono);

/**
 * Parsers run only on snippets holding a word their pattern cannot match
 * without. chrono's "3 days ago" and "2 weeks later" patterns repeat a large
 * group up to ten times, and V8 compiles them on their first use, in every
 * process and worker that dates a story: most of the cost of dating the first
 * texts (docs/performance.md, "Dating"). A parser that
 * cannot match adds no result and chrono's refiners see only results, so
 * leaving it out for such a snippet gives exactly the full parser's answer.
 * Each word list is the parser's own required alternatives (chrono-node 2.x,
 * `locales/en/parsers/`), matched as substrings, case-insensitively as the
 * patterns are; a parser not found by name (another chrono version) always runs.
 */
const NEEDS_WORD: Readonly<Record<string, RegExp>> = {
  ENTimeUnitAgoFormatParser: /ago|before|earlier/i,
  ENTimeUnitLaterFormatParser: /later|after|from now|henceforth|forward|out/i,
};

/** chrono without the parsers whose words `snippet` lacks; one instance per such set, made once. */
const parsersFor = (() => {
  const instances = new Map<string, Chrono.Chrono>();
  return (snippet: string): Chrono.Chrono => {
    const { casual, Chrono: ChronoClass } = chrono();
    const skipped = casual.parsers.filter((parser) => NEEDS_WORD[parser.constructor.name]?.test(snippet) === false);
    if (skipped.length === 0) return casual;
    const key = skipped.map((parser) => parser.constructor.name).join(' ');
    let instance = instances.get(key);
    if (!instance) {
      instance = new ChronoClass({ parsers: casual.parsers.filter((parser) => !skipped.includes(parser)), refiners: casual.refiners });
      instances.set(key, instance);
    }
    return instance;
  };
})();

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether the components name a real calendar day (rejects 2025-02-30, month 13, …). */
export function isValidCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (day === undefined) return true;
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parse `YYYY-MM-DD` or `YYYY-MM` strictly. Returns `undefined` for anything
 * else, including impossible days: YAML and `Date` parsers roll 2025-02-30 over
 * to March silently, which would publish a story under the wrong date.
 */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const date: CalendarDate = match[3] === undefined
    ? { year: Number(match[1]), month: Number(match[2]) }
    : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidCalendarDate(date) ? date : undefined;
}

export function formatIsoDate(date: CalendarDate): IsoDate {
  const ym = `${pad(date.year, 4)}-${pad(date.month)}`;
  return date.day === undefined ? ym : `${ym}-${pad(date.day)}`;
}

export function precisionOf(date: CalendarDate): DatePrecision {
  return date.day === undefined ? 'month' : 'day';
}

/**
 * Days since 1970-01-01 of a calendar date; a month counts as its first day
 * (a story dated "May 2024" sorts and measures from 1 May).
 */
export function dayNumber(date: CalendarDate | IsoDate): number {
  const calendar = typeof date === 'string' ? parseIsoDate(date) : date;
  if (!calendar) throw new TypeError(`Expected an ISO date, got \`${String(date)}\``);
  return Date.UTC(calendar.year, calendar.month - 1, calendar.day ?? 1) / 86_400_000;
}

/** The last day the digest covers: the day itself, or a month's last day. */
export function endOfPeriod(date: CalendarDate): CalendarDate {
  return { year: date.year, month: date.month, day: date.day ?? daysInMonth(date.year, date.month) };
}

/** How far before the digest a story's own date may lie and still be believed. */
const MAX_STORY_AGE_DAYS = 366;

/** A month's name or its abbreviation, as dates are printed (`Jan.`, `Sept`, `September`). */
export const MONTH_WORD = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/**
 * Cheap pre-filter: a month word next to a day number, or a numeric date.
 * chrono is only asked about these snippets, which keeps dating 100,000
 * stories to well under a second of work instead of parsing every paragraph.
 */
const CANDIDATE = new RegExp(
  `\\b(?:${MONTH_WORD}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD}|\\d{4}-\\d{2}-\\d{2}\\b)`,
  'g',
);

/**
 * The first day-precision date in `text` that falls inside the digest's window
 * (on or before its last day, at most about a year earlier), read relative to
 * the digest: `on May 12` in a May 2024 digest is 2024-05-12.
 */
export function findStoryDate(text: string, digestDate: CalendarDate): CalendarDate | undefined {
  return searchStoryDate(text, digestDate, parsersFor);
}

/** `findStoryDate` with every chrono parser on every snippet: the answer the gated parsers must give (tests/records/dates-gating.test.ts). */
export function findStoryDateWithEveryParser(text: string, digestDate: CalendarDate): CalendarDate | undefined {
  return searchStoryDate(text, digestDate, () => chrono().casual);
}

function searchStoryDate(text: string, digestDate: CalendarDate, parsers: (snippet: string) => Chrono.Chrono): CalendarDate | undefined {
  const end = endOfPeriod(digestDate);
  // Local noon of the digest's last day: chrono reads the reference's local
  // components, and noon keeps every time zone on the same calendar day.
  const reference = new Date(end.year, end.month - 1, end.day, 12);
  for (const match of text.matchAll(CANDIDATE)) {
    const start = Math.max(0, match.index - 12);
    const snippet = text.slice(start, match.index + match[0].length + 12);
    for (const result of parsers(snippet).parse(snippet, reference, { forwardDate: false })) {
      const c = result.start;
      if (!c.isCertain('day') || !c.isCertain('month')) continue;
      const candidate: CalendarDate = { year: c.get('year') ?? end.year, month: c.get('month') ?? 0, day: c.get('day') ?? 0 };
      if (!isValidCalendarDate(candidate)) continue;
      const age = dayNumber(end) - dayNumber(candidate);
      if (age >= 0 && age <= MAX_STORY_AGE_DAYS) return candidate;
    }
  }
  return undefined;
}

/** `May 2024` / `12 May 2024` in English, for headers and page text. */
export function formatHumanDate(date: CalendarDate): string {
  const month = MONTH_NAMES[date.month - 1] ?? '';
  return date.day === undefined ? `${month} ${date.year}` : `${date.day} ${month} ${date.year}`;
}

const MONTH_YEAR = new RegExp(`\\b(${MONTH_NAMES.join('|')})\\s+(\\d{4})\\b`, 'i');

/** A month named as `October 2024` in a line of text. */
export function findMonthYear(line: string): CalendarDate | undefined {
  const match = MONTH_YEAR.exec(line);
  if (!match?.[1] || !match[2]) return undefined;
  const month = MONTH_NAMES.findIndex((name) => name.toLowerCase() === match[1]!.toLowerCase()) + 1;
  const date: CalendarDate = { year: Number(match[2]), month };
  return isValidCalendarDate(date) ? date : undefined;
}
