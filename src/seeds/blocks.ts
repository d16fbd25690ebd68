/**
 * Digest body → a flat list of positioned blocks (headings and paragraph
 * lines).
 *
 * Two forms, chosen per file:
 * - Markdown: the file has `#` headings. remark parses it; headings start
 *   stories, paragraphs are Markdown paragraphs (emphasis and links allowed).
 * - Plain text (the series' own form): one block per non-blank line, read
 *   literally: `*`, `[`, `<`, `#`, `1.` stay what the editor typed. This is
 *   what remark gives with every construct but paragraphs switched off (the
 *   first implementation, kept as the oracle of a differential test in
 *   tests/seeds/blocks.test.ts); a line scan does it without building a syntax tree,
 *   which was half of all parsing time (docs/performance.md, "Seeds").
 */
import type { PhrasingContent } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { collapseSpace, wordsIn } from '../space.ts';

export interface Block {
  readonly kind: 'heading' | 'text';
  readonly line: number;
  readonly text: string; // plain text, whitespace collapsed
  readonly children: readonly PhrasingContent[]; // Markdown form only; [] for plain text
  /** E-mail exports mark headlines with a leading `** `. */
  readonly marked: boolean;
}

export type BodyForm = 'markdown' | 'plain';


const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
/** A rule between stories: `---`, `===`, `___`, or three or more stars, bullets or tildes (`* * *`, `•••`). */
const RULE_LINE = /^[ \t]*(?:[-–—=_]{3,}|(?:[*•·~◆◇♦][ \t]*){3,})[ \t]*$/;
/** No leading `[ \t]*` here: unanchored, it is quadratic in a long run of spaces (ReDoS). */
const LINK_REMOVED = /\(?\[link removed\]\)?/i;
/** Longest Markdown paragraph parsed; micromark's emphasis matching is quadratic in it. */
export const MAX_MARKDOWN_BLOCK = 8_000;
/** Most emphasis, code and link marks in one Markdown block: matching them is quadratic in their number. */
export const MAX_MARKDOWN_MARKS = 500;
const MARKDOWN_MARK = /[*_`[\]<]/g;
/**
 * Deepest nesting of block quotes and lists. micromark re-checks every open
 * container on every line, so cost grows with depth × length: 500 quote
 * levels (132 KB) took 40 s and 775 MB; at 20 levels a 10 MB seed is linear.
 */
export const MAX_MARKDOWN_NESTING = 20;
/** One container opener at the start of what is left of a line: `>`, `-`, `*`, `+`, `1.`, `1)`. */
const CONTAINER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

export function detectForm(body: string): BodyForm {
  return ATX_HEADING.test(body) ? 'markdown' : 'plain';
}

/** Whether a seed's whole text (front matter included) may be Markdown: `detectForm` of its body can only say so then. */
export const mayBeMarkdown = (text: string): boolean => ATX_HEADING.test(text);

/**
 * Strip e-mail export markers line by line (line count unchanged). `bold`: a line bold
 * from end to end marks a headline too (plain text only: in Markdown it is a bold paragraph).
 */
export function cleanLines(lines: readonly string[], bold = false): { lines: string[]; marked: Set<number> } {
  const marked = new Set<number>();
  const cleaned = lines.map((raw, index) => {
    let line = LINK_REMOVED.test(raw) ? raw.split(LINK_REMOVED).map((part, i, all) => (i < all.length - 1 ? trimEndBlank(part) : part)).join('') : raw;
    const email = emailHeadline(line, bold);
    if (email !== undefined) {
      marked.add(index + 1);
      line = email;
    }
    return RULE_LINE.test(line) ? '' : line;
  });
  blankMailerBoilerplate(cleaned);
  return { lines: cleaned, marked };
}

/**
 * What mailing services wrap around an issue, in any newsletter: the "view this
 * e-mail in your browser" line above it and the footer below it (copyright,
 * "all rights reserved", unsubscribe and preferences links, "you are receiving
 * this e-mail", the mailing address, "subscribe to get it in your inbox", "follow us on"). None of it is a story: the lines above
 * are blanked, and so is everything from the footer's first line on, when that
 * line is among the last `FOOTER_LINES` lines (a story that quotes such words
 * earlier in the issue is left alone).
 */
const MAILER_HEADER = /\bview (?:this |the )?(?:e-?mail|message|newsletter|issue) (?:in|on) (?:your|a|the) (?:web )?browser\b|\bforward (?:this )?(?:e-?mail )?to a friend\b/i;
const MAILER_FOOTER = /\bcopyright\s*(?:©|\(c\))?\s*(?:\d{4}|©)|^\s*(?:©|\(c\))\s*\d{4}|\ball rights reserved\b|\bunsubscribe\b|\b(?:update|manage|change) (?:your )?(?:e-?mail )?(?:preferences|subscription)\b|\byou (?:are|'re|’re) receiving this\b|\bour mailing address is\b|^\s*(?:subscribe|sign up|register)\b[^.!?]{0,80}\b(?:inbox|newsletter|e-?mails?|updates|mailing list)\b|^\s*follow us (?:on|at)\b/i;
export const FOOTER_LINES = 20;
const HEADER_LINES = 5;

function blankMailerBoilerplate(lines: string[]): void {
  let seen = 0;
  for (let index = 0; index < lines.length && seen < HEADER_LINES; index++) {
    if (lines[index]!.trim() === '') continue;
    seen++;
    if (MAILER_HEADER.test(lines[index]!)) lines[index] = '';
  }
  let kept = 0;
  let footer = -1;
  for (let index = lines.length - 1; index >= 0 && kept < FOOTER_LINES; index--) {
    if (lines[index]!.trim() === '') continue;
    kept++;
    if (MAILER_FOOTER.test(lines[index]!)) footer = index;
  }
  if (footer >= 0) for (let index = footer; index < lines.length; index++) lines[index] = '';
}


const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/** `text` without trailing spaces and tabs (a loop: `/[ \t]+$/` is quadratic on long runs). */
function trimEndBlank(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * The headline of an e-mail export's `** Headline` line (a closing `**` dropped),
 * or of a line bold from end to end (`**Headline**`, `__Headline__`, as a web page
 * pasted as Markdown marks its headlines), or undefined. Written as a scan: the
 * equivalent regex backtracks quadratically.
 */
function emailHeadline(line: string, bold: boolean): string | undefined {
  let start = 0;
  while (isBlank(line[start])) start++;
  const whole = bold ? wholeLineBold(line.slice(start)) : undefined;
  if (whole !== undefined) return whole;
  if (line[start] !== '*' || line[start + 1] !== '*' || !isBlank(line[start + 2])) return undefined;
  let inner = trimEndBlank(line.slice(start + 3));
  if (inner.endsWith('**')) inner = trimEndBlank(inner.slice(0, -2));
  start = 0;
  while (isBlank(inner[start])) start++;
  return inner.slice(start);
}

/** `**Headline**` or `__Headline__` (after leading blanks): the text inside, when the marks open and close the line and nothing inside is marked so. */
function wholeLineBold(line: string): string | undefined {
  const mark = line.slice(0, 2);
  if (mark !== '**' && mark !== '__') return undefined;
  const inner = trimEndBlank(line);
  if (inner.length < 5 || !inner.endsWith(mark) || isBlank(inner[2]) || isBlank(inner[inner.length - 3])) return undefined;
  const text = inner.slice(2, -2);
  return text.includes(mark) ? undefined : text;
}

/** Blocks of a plain-text body: each non-blank line is one block. */
export function plainBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'), true);
  const blocks: Block[] = [];
  lines.forEach((raw, index) => {
    const text = collapseSpace(raw);
    if (text !== '') blocks.push({ kind: 'text', line: index + 1, text, children: [], marked: marked.has(index + 1) });
  });
  return blocks;
}

/** `&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`: an HTML character reference, as text copied from a page's source or some e-mail exports carries. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * Plain text with its HTML character references decoded, as remark decodes them in a
 * Markdown digest (`Russia &amp; China` reads `Russia & China`, not `&amp;` on the page).
 * An `&` that starts no known reference stays as typed (`AT&T;`, `R&D`).
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return decodeNumericCharacterReference(decimal, 10);
    if (hex !== undefined) return decodeNumericCharacterReference(hex, 16);
    const decoded = decodeNamedCharacterReference(name!);
    return decoded === false ? whole : decoded;
  });
}

/** Plain blocks with their character references decoded (`decodeReferences`); white space collapsed again, as `&nbsp;` is some. */
export function decodedBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => (block.text.includes('&') ? { ...block, text: collapseSpace(decodeReferences(block.text)) } : block));
}

/** A line that opens with a bold phrase and runs on: `**Russia and Iran sign a deal.** Moscow will lend …`. */
const RUN_IN = /^(\*\*|__)([^*_]+?)\1[ \t]+(\S.*)$/;
/** Fewest words in a run-in headline (`**Update:** …` is a lead-in, not a headline), and fewest run-in lines in a file. */
const RUN_IN_WORDS = 3;
const RUN_IN_LINES = 2;

/**
 * Run-in headlines: stories written as one paragraph each, the headline in bold at its
 * start, as newsletters set short items. When at least two lines of a plain-text body
 * open so, each is cut into a marked headline (its final `.` or `:` dropped) and a
 * paragraph on the same line. A single bold lead-in is left as it is.
 */
export function runInHeadlines(blocks: readonly Block[]): readonly Block[] {
  const matches = blocks.map((block) => {
    const match = block.marked ? null : RUN_IN.exec(block.text);
    return match && wordsIn(match[2]!.trim()) >= RUN_IN_WORDS ? match : null;
  });
  if (matches.filter((match) => match !== null).length < RUN_IN_LINES) return blocks;
  return blocks.flatMap((block, index): Block[] => {
    const match = matches[index];
    if (!match) return [block];
    const headline = match[2]!.trim().replace(/[.:]$/, '').trim();
    return [
      { ...block, text: headline, marked: true },
      { ...block, text: match[3]!, marked: false },
    ];
  });
}

/**
 * The first run of non-blank lines (a Markdown block) over either cap, if any;
 * checked before parsing. Length alone is not enough: 8,000 characters of
 * `*a_` cost micromark over a second, 500 marks in the same space a few ms.
 */
export function oversizedMarkdownBlock(body: string): { line: number; length: number; marks: number } | undefined {
  let start = 1;
  let length = 0;
  let marks = 0;
  const lines = body.split('\n');
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') {
      if (length > MAX_MARKDOWN_BLOCK || marks > MAX_MARKDOWN_MARKS) return { line: start, length, marks };
      start = i + 2;
      length = 0;
      marks = 0;
    } else {
      length += line.length + 1;
      marks += line.match(MARKDOWN_MARK)?.length ?? 0;
    }
  }
  return undefined;
}

/**
 * The first line whose quotes and lists nest deeper than `MAX_MARKDOWN_NESTING`,
 * if any: a line scan, run before remark. Depth is over-estimated, never under:
 * each opener on the line counts, and so does every two columns of indentation
 * before one (the least a nested list item needs).
 */
export function deepMarkdownNesting(body: string): { line: number; depth: number } | undefined {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let rest = lines[i]!;
    let columns = 0;
    while (rest[columns] === ' ' || rest[columns] === '\t') columns++;
    const indent = [...rest.slice(0, columns)].reduce((sum, c) => sum + (c === '\t' ? 4 : 1), 0);
    rest = rest.slice(columns);
    let openers = 0;
    for (let match = CONTAINER.exec(rest); match; match = CONTAINER.exec(rest)) {
      openers++;
      rest = rest.slice(match[0].length);
    }
    const depth = openers === 0 ? 0 : openers + Math.floor(indent / 2);
    if (depth > MAX_MARKDOWN_NESTING) return { line: i + 1, depth };
  }
  return undefined;
}

/** Most characters in one part of a Markdown body (`markdownParts`): a story is a few kilobytes. */
export const MAX_MARKDOWN_PART = 1_000_000;

/**
 * The first part longer than `MAX_MARKDOWN_PART`, if any: parsed whole, a part
 * costs up to 200 times its size in memory (micromark keeps all its events).
 */
export function oversizedMarkdownPart(body: string, starts: readonly number[]): { line: number; length: number } | undefined {
  const lines = body.split('\n');
  let offset = 0;
  const ends = lines.map((line) => (offset += line.length + 1));
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const stop = (starts[i + 1] ?? lines.length) - 1;
    const length = ends[stop]! - (start === 0 ? 0 : ends[start - 1]!);
    if (length > MAX_MARKDOWN_PART) return { line: start + 1, length };
  }
  return undefined;
}
