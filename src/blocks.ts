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
 *   tests/blocks.test.ts); a line scan does it without building a syntax tree,
 *   which was half of all parsing time (1.8 s of 3.7 s for 10,000 stories).
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface Block {
  readonly kind: 'heading' | 'text';
  readonly line: number;
  readonly text: string; // plain text, whitespace collapsed
  readonly children: readonly PhrasingContent[]; // Markdown form only; [] for plain text
  /** E-mail exports mark headlines with a leading `** `. */
  readonly marked: boolean;
}

export type BodyForm = 'markdown' | 'plain';

const parser = unified().use(remarkParse);

const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
const DASH_RULE = /^[ \t]*[-–—=_]{3,}[ \t]*$/;
/** No leading `[ \t]*` here: unanchored, it is quadratic in a long run of spaces (ReDoS). */
const LINK_REMOVED = /\(?\[link removed\]\)?/i;
/** Longest Markdown paragraph parsed; micromark's emphasis matching is quadratic in it. */
export const MAX_MARKDOWN_BLOCK = 8_000;
/** Most emphasis, code and link marks in one Markdown block: matching them is quadratic in their number. */
export const MAX_MARKDOWN_MARKS = 500;
const MARKDOWN_MARK = /[*_`[\]<]/g;

export function detectForm(body: string): BodyForm {
  return ATX_HEADING.test(body) ? 'markdown' : 'plain';
}

/** Strip e-mail export markers line by line (line count unchanged). */
export function cleanLines(lines: readonly string[]): { lines: string[]; marked: Set<number> } {
  const marked = new Set<number>();
  const cleaned = lines.map((raw, index) => {
    let line = LINK_REMOVED.test(raw) ? raw.split(LINK_REMOVED).map((part, i, all) => (i < all.length - 1 ? trimEndBlank(part) : part)).join('') : raw;
    const email = emailHeadline(line);
    if (email !== undefined) {
      marked.add(index + 1);
      line = email;
    }
    return DASH_RULE.test(line) ? '' : line;
  });
  return { lines: cleaned, marked };
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/** `text` without trailing spaces and tabs (a loop: `/[ \t]+$/` is quadratic on long runs). */
function trimEndBlank(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * The headline of an e-mail export's `** Headline` line (a closing `**` dropped),
 * or undefined. Written as a scan: the equivalent regex backtracks quadratically.
 */
function emailHeadline(line: string): string | undefined {
  let start = 0;
  while (isBlank(line[start])) start++;
  if (line[start] !== '*' || line[start + 1] !== '*' || !isBlank(line[start + 2])) return undefined;
  let inner = trimEndBlank(line.slice(start + 3));
  if (inner.endsWith('**')) inner = trimEndBlank(inner.slice(0, -2));
  start = 0;
  while (isBlank(inner[start])) start++;
  return inner.slice(start);
}

/** Blocks of a plain-text body: each non-blank line is one block. */
export function plainBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'));
  const blocks: Block[] = [];
  lines.forEach((raw, index) => {
    const text = collapse(raw);
    if (text !== '') blocks.push({ kind: 'text', line: index + 1, text, children: [], marked: marked.has(index + 1) });
  });
  return blocks;
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

/** Blocks of a Markdown body: headings, and paragraphs (list items and quotes count as paragraphs). */
export function markdownBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'));
  const tree = parser.parse(lines.join('\n')) as Root;
  const blocks: Block[] = [];
  const visit = (node: RootContent): void => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'heading') {
      blocks.push({ kind: 'heading', line, text: collapse(toString(node)), children: node.children, marked: true });
    } else if (node.type === 'paragraph') {
      blocks.push({ kind: 'text', line, text: collapse(toString(node)), children: node.children, marked: marked.has(line) });
    } else if (node.type === 'code' || node.type === 'html') {
      // Raw HTML and code are shown as the text the editor wrote, never as markup.
      const children: PhrasingContent[] = [{ type: 'text', value: node.value }];
      blocks.push({ kind: 'text', line, text: collapse(node.value), children, marked: false });
    } else if ('children' in node) {
      for (const child of node.children as RootContent[]) visit(child);
    }
  };
  for (const node of tree.children) visit(node);
  return blocks.filter((block) => block.text !== '');
}

export type { Paragraph };
