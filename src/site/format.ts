/** Small formatting helpers shared by the page builders. No clocks: dates are calendar strings. */
import { formatHumanDate, MONTH_NAMES, parseIsoDate } from '../records/dates.ts';
import { collapseSpace } from '../space.ts';
import type { IsoDate } from '../types.ts';

/**
 * Labels of recent dates. Bounded: the preview server (`serve`) builds again
 * and again in one process, and a memo that only grows would keep every date
 * any build ever saw. A site's dates are a few thousand (100,000 stories share
 * them), so the bound is never reached within one build of a real site.
 */
const labels = new Map<IsoDate, string>();
export const DATE_LABELS_KEPT = 8192;

/** `12 May 2024` for a day, `May 2024` for a month. */
export function dateLabel(date: IsoDate): string {
  let label = labels.get(date);
  if (label === undefined) {
    const parsed = parseIsoDate(date);
    if (labels.size >= DATE_LABELS_KEPT) labels.clear();
    labels.set(date, (label = parsed ? formatHumanDate(parsed) : date));
  }
  return label;
}

/** How many date labels are kept now (for the test that the memo stays bounded). */
export const dateLabelsKept = (): number => labels.size;

/** `2025-05` of `2025-05-07` or `2025-05`. */
export const monthKey = (date: IsoDate): string => date.slice(0, 7);

export function monthLabel(key: string): string {
  const month = Number(key.slice(5, 7));
  return `${MONTH_NAMES[month - 1] ?? key} ${key.slice(0, 4)}`;
}


/** RFC 3339 at midnight UTC: `2025-05-07T00:00:00Z` (`2025-05` → the 1st). */
export function rfc3339(date: IsoDate): string {
  return `${date.length === 7 ? `${date}-01` : date}T00:00:00Z`;
}

/** A site-relative URL (`/pairs/`) made absolute under the base URL (`https://example.org/news/`). */
export function absoluteUrl(baseUrl: string, url: string): string {
  const base = plainBase(baseUrl);
  // A plain path (no dot segments, query, fragment or escapes) under a plain
  // base joins as text, as `new URL` would join it: a build makes some 100,000
  // absolute URLs, and the parser was a tenth of the site data's time.
  if (base !== undefined && PLAIN_PATH.test(url)) return base + url.slice(1);
  return new URL(url.replace(/^\//, ''), baseUrl).href;
}

/** `/a/b-c/d.xml`: segments of unreserved characters, none starting with a dot. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/?)*$/;
const plainBases = new Map<string, string | undefined>();

/** The base URL as `new URL` writes it, when it ends in `/` and has no query or fragment. */
function plainBase(baseUrl: string): string | undefined {
  if (plainBases.has(baseUrl)) return plainBases.get(baseUrl);
  let href: string | undefined;
  try {
    const parsed = new URL(baseUrl);
    href = parsed.search === '' && parsed.hash === '' && parsed.href.endsWith('/') && !parsed.href.endsWith('//') ? parsed.href : undefined;
  } catch {
    href = undefined;
  }
  // A handful of base URLs a process: the settings' and the tests'.
  if (plainBases.size > 64) plainBases.clear();
  plainBases.set(baseUrl, href);
  return href;
}


const JSON_SCRIPT_ESCAPES = /[<>&\u2028\u2029]/g;

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&`, U+2028
 * and U+2029 become `\u003c` etc., so no text can close the block or start a
 * comment, and the parsed value is unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_SCRIPT_ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A line of plain text from the start of a story, for descriptions and summaries. */
export function excerpt(text: string, max = 200): string {
  const clean = collapseSpace(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
