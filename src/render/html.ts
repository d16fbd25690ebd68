/**
 * The one escaper of the page kinds written in TypeScript (src/render/pages.ts,
 * src/render/layout.ts). It escapes what Nunjucks' autoescape escapes, the
 * backslash included (`&#92;`), so that a page moved from a `.njk` template to
 * TypeScript keeps its bytes; the shared listings (src/render/listings.ts) keep
 * `escapeHtml`, as they did under Nunjucks. Either is safe in text and in
 * quoted attributes.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
const SPECIAL = /[&"'<>\\]/g;
const ANY_SPECIAL = /[&"'<>\\]/;

/** A value printed into HTML or XML: absent → nothing, anything else as text, escaped once. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Most values (URLs, dates, labels) need nothing: testing first halved the time a 10,000-story build spent here (docs/performance.md).
  return ANY_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]!) : text;
}

/** The noun after a story count, as the templates print it: the count itself unformatted (`1234 stories`, not `plural`'s `1,234`). */
export const storyNoun = (count: number): string => (count === 1 ? 'story' : 'stories');
