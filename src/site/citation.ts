/**
 * "Cite this story": one reference per story, written four ways from the same
 * fields: a formatted line on the page, BibTeX (`cite.bib`), RIS (`cite.ris`)
 * and CSL-JSON (`cite.json`) next to the story page, and the `citation_*` and
 * Dublin Core meta tags that Zotero and other reference managers read.
 *
 * Written by hand, to the formats' specs, rather than with @citation-js, whose
 * start-up alone costs more than formatting every story of a large site three
 * ways here (docs/performance.md, "Site data"). Every field is
 * seed text, so each format escapes it for itself: BibTeX's special characters
 * become commands, RIS values never hold a line break, CSL-JSON is JSON.
 */
import type { SiteSettings } from '../settings/site.ts';
import type { DatePrecision, IsoDate } from '../types.ts';

/** What a reference names, the same in every format. */
export interface Reference {
  /** A BibTeX key and CSL id: ASCII, from the story's id. */
  readonly key: string;
  readonly title: string;
  readonly author: string; // an organisation, kept whole
  readonly publisher: string;
  /** The series: the site's title. */
  readonly series: string;
  /** The digest issue the story appeared in. */
  readonly issue: string;
  readonly date: IsoDate; // `2025-05-12` or `2025-05`
  readonly datePrecision: DatePrecision;
  readonly dateLabel: string; // `12 May 2025`
  readonly url: string; // absolute, permanent
  readonly language: string;
}

export type CitationFormat = 'bib' | 'ris' | 'json';

export const CITATION_FORMATS: readonly { readonly format: CitationFormat; readonly label: string; readonly type: string }[] = [
  { format: 'bib', label: 'BibTeX', type: 'application/x-bibtex' },
  { format: 'ris', label: 'RIS', type: 'application/x-research-info-systems' },
  { format: 'json', label: 'CSL-JSON', type: 'application/vnd.citationstyles.csl+json' },
];

/** `<story>/cite.bib`, next to the story page. */
export const citationUrl = (storyUrl: string, format: CitationFormat): string => `${storyUrl}cite.${format}`;

/** Any run of whitespace, line breaks of every kind included (CR, LF, NEL, U+2028/9, VT, FF), as one space. */
const oneLine = (text: string): string => text.replace(/[\s\u0085]+/g, ' ').trim();

/** The reference as one line of text, for the page: `Author. “Title.” Series, Issue, 12 May 2025. URL`. */
export function formatReference(reference: Reference): string {
  const title = oneLine(reference.title).replace(/[.!?]$/, '');
  return `${oneLine(reference.author)}. “${title}.” ${oneLine(reference.series)}, ${oneLine(reference.issue)}, ${reference.dateLabel}. ${reference.url}`;
}

const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not `\{`: BibTeX counts braces whatever stands before them, so `\}` still closes the value.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '#': '\\#',
  '&': '\\&',
  $: '\\$',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * A BibTeX field's text: every character TeX or BibTeX treats specially becomes
 * its command, so braces always balance and nothing ends the value or starts a
 * comment (`%`); a brace becomes `\textbraceleft{}` / `\textbraceright{}`, since BibTeX's
 * own reader counts `\{` as a brace and a headline's `}` would end the field and start an
 * entry of its own; line breaks become spaces. Other characters, non-ASCII
 * included, stay as UTF-8 (biblatex with biber reads it; so does Zotero).
 */
export function escapeBibtex(text: string): string {
  return oneLine(text).replace(/[\\{}%#&$_~^]/g, (c) => BIBTEX_ESCAPES[c]!);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `@online`, biblatex's type for web pages (BibTeX without biblatex reads an
 * unknown type as `@misc`): the title in double braces keeps its case, the
 * author in double braces is an organisation, not a "Last, First" name.
 * `year` and `month` for BibTeX styles, `date` for biblatex.
 */
export function toBibtex(reference: Reference): string {
  const [year, month] = reference.date.split('-');
  const fields: [string, string][] = [
    ['title', `{${escapeBibtex(reference.title)}}`],
    ['author', `{${escapeBibtex(reference.author)}}`],
    ['organization', escapeBibtex(reference.series)],
    ['publisher', escapeBibtex(reference.publisher)],
    ['note', escapeBibtex(reference.issue)],
    ['date', reference.date],
    ['year', year!],
    ['month', MONTHS[Number(month) - 1] ?? ''],
    // A verbatim field: kept as it is, but a URL made by `new URL` never holds a brace, backslash or space anyway.
    ['url', reference.url.replace(/[{}\\\s]/g, encodeURIComponent)],
    ['langid', escapeBibtex(reference.language)],
  ];
  const body = fields.map(([name, value]) => (name === 'month' ? `  ${name} = ${value}` : `  ${name} = {${value}}`)).join(',\n');
  return `@online{${reference.key},\n${body}\n}\n`;
}

/**
 * RIS: one `TAG  - value` line per field, CRLF line ends, `TY  - ELEC` first and
 * `ER  - ` last. A value is one line (every line break a space), so no text can
 * start a tag, not even `ER  - ` inside a headline.
 */
export function toRis(reference: Reference): string {
  const [year = '', month = '', day = ''] = reference.date.split('-');
  const lines: [string, string][] = [
    ['TY', 'ELEC'],
    ['ID', reference.key],
    ['TI', reference.title],
    ['AU', reference.author],
    ['T2', reference.series],
    ['T3', reference.issue],
    ['PB', reference.publisher],
    ['PY', year],
    // RIS dates are `YYYY/MM/DD/other`, empty parts kept.
    ['DA', `${year}/${month}/${day}/`],
    ['UR', reference.url],
    ['LA', reference.language],
  ];
  return `${lines.map(([tag, value]) => `${tag}  - ${oneLine(value)}`).join('\r\n')}\r\nER  - \r\n`;
}

/** CSL-JSON (the Citation Style Language's data format): an array of one item; JSON.stringify escapes everything. */
export function toCslJson(reference: Reference): string {
  const parts = reference.date.split('-').map(Number);
  const item = {
    id: reference.key,
    type: 'article-newspaper',
    title: reference.title,
    author: [{ literal: reference.author }],
    publisher: reference.publisher,
    'container-title': reference.series,
    'collection-title': reference.issue,
    issued: { 'date-parts': [parts] },
    URL: reference.url,
    language: reference.language,
  };
  return `${JSON.stringify([item], null, 2)}\n`;
}

export function citationFile(reference: Reference, format: CitationFormat): string {
  return format === 'bib' ? toBibtex(reference) : format === 'ris' ? toRis(reference) : toCslJson(reference);
}

export interface MetaTag {
  readonly name: string;
  readonly content: string;
}

/**
 * Meta tags for reference managers: Highwire Press `citation_*` (Google
 * Scholar's and Zotero's first choice; dates `YYYY/MM/DD` or `YYYY/MM`) and
 * Dublin Core (`DC.*`, ISO dates). Printed as attributes, escaped by the template.
 */
export function citationMeta(reference: Reference): MetaTag[] {
  const one = (text: string): string => oneLine(text);
  return [
    { name: 'citation_title', content: one(reference.title) },
    { name: 'citation_author', content: one(reference.author) },
    { name: 'citation_publication_date', content: reference.date.replaceAll('-', '/') },
    { name: 'citation_journal_title', content: one(reference.series) },
    { name: 'citation_publisher', content: one(reference.publisher) },
    { name: 'citation_public_url', content: reference.url },
    { name: 'citation_language', content: reference.language },
    { name: 'DC.title', content: one(reference.title) },
    { name: 'DC.creator', content: one(reference.author) },
    { name: 'DC.date', content: reference.date },
    { name: 'DC.publisher', content: one(reference.publisher) },
    { name: 'DC.identifier', content: reference.url },
    { name: 'DC.type', content: 'Text' },
    { name: 'DC.language', content: reference.language },
    { name: 'DC.isPartOf', content: one(reference.issue) },
  ];
}

/** The author, publisher and logo of `data/site.yaml`, with the fallbacks settings made by hand get. */
export function siteIdentity(settings: SiteSettings): { author: string; publisher: string; logo: { url: string; width: number; height: number } } {
  return {
    author: settings.author ?? `${settings.title} editors`,
    publisher: settings.publisher ?? settings.title,
    logo: settings.logo ?? { url: '/assets/logo.png', width: 112, height: 112 },
  };
}
