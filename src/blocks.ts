/**
 * Digest body → a flat list of positioned blocks (headings and paragraph
 * lines), parsed with remark in every input form.
 *
 * Two forms, chosen per file:
 * - Markdown: the file has `#` headings. Headings start stories; paragraphs are
 *   Markdown paragraphs (emphasis and links allowed).
 * - Plain text (the series' own form): one block per line. Every ASCII
 *   punctuation mark is backslash-escaped before parsing, so remark reads the
 *   text literally: `*`, `[`, `<`, `#`, `1.` stay what the editor typed, and the
 *   Markdown inline parser's quadratic cases (100 KB of `*a`) cannot occur.
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
const EMAIL_HEADLINE = /^[ \t]*\*\*[ \t]+(.*?)(?:[ \t]*\*\*)?[ \t]*$/;
const DASH_RULE = /^[ \t]*[-–—=_]{3,}[ \t]*$/;
const LINK_REMOVED = /[ \t]*\(?\[link removed\]\)?/gi;
/** Longest Markdown paragraph parsed; micromark's emphasis matching is quadratic in it. */
export const MAX_MARKDOWN_BLOCK = 8_000;

export function detectForm(body: string): BodyForm {
  return ATX_HEADING.test(body) ? 'markdown' : 'plain';
}

/** Strip e-mail export markers line by line (line count unchanged). */
function cleanLines(lines: readonly string[]): { lines: string[]; marked: Set<number> } {
  const marked = new Set<number>();
  const cleaned = lines.map((raw, index) => {
    let line = raw.replace(LINK_REMOVED, '');
    const email = EMAIL_HEADLINE.exec(line);
    if (email) {
      marked.add(index + 1);
      line = email[1] ?? '';
    }
    return DASH_RULE.test(line) ? '' : line;
  });
  return { lines: cleaned, marked };
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Blocks of a plain-text body: each non-empty line is one block. */
export function plainBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'));
  const escaped = lines.map((line) => line.trim().replace(/[!-/:-@[-`{-~]/g, '\\$&')).join('\n');
  const tree = parser.parse(escaped) as Root;
  const blocks: Block[] = [];
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    const first = node.position.start.line;
    toString(node).split('\n').forEach((text, offset) => {
      const line = first + offset;
      if (text.trim() !== '') blocks.push({ kind: 'text', line, text: collapse(text), children: [], marked: marked.has(line) });
    });
  }
  return blocks;
}

/** A run of non-blank lines longer than the cap, if any (checked before parsing). */
export function oversizedMarkdownBlock(body: string): { line: number; length: number } | undefined {
  let start = 1;
  let length = 0;
  const lines = body.split('\n');
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') {
      if (length > MAX_MARKDOWN_BLOCK) return { line: start, length };
      start = i + 2;
      length = 0;
    } else {
      length += line.length + 1;
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
