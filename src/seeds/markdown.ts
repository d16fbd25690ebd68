/**
 * The Markdown form of a digest, by remark: blocks of a body with `#` headings, and Markdown
 * paragraphs as sanitized HTML. Apart from src/seeds/blocks.ts and html.ts because remark,
 * micromark and the HTML sanitizer are a large module graph (about 0.15 s to load) that a
 * plain-text seed never needs: the engine loads this module only for a seed whose text has a
 * `#` heading line (`mayBeMarkdown`) and hands it to the parser as a `MarkdownKit`.
 */
import type { Link, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { cleanLines, type Block } from './blocks.ts';
import type { HtmlParagraph, MarkdownHtml } from './html.ts';
import { collapseSpace } from '../space.ts';

const parser = unified().use(remarkParse);

/** Inline constructs off: block structure alone, which CommonMark settles before any inline parsing. */
const blockParser = unified().use(remarkParse).data('micromarkExtensions', [{
  disable: { null: ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink'] },
}]);

/** Bodies up to this size are parsed whole, as one part: memory is no concern there. */
export const SPLIT_MARKDOWN_FROM = 256 * 1024;

/**
 * Where a Markdown body is cut into parts parsed one at a time: before each
 * top-level `#` heading, as a first pass without inline constructs finds them
 * (a fraction of a full parse's memory). A top-level heading closes every list,
 * quote, code and HTML block, so each part parses alone as it parses in the
 * whole; only a link reference definition stays within its part (its story).
 * Returns the 0-based indexes of the lines that start a part.
 */
export function markdownParts(body: string, options: { readonly splitFrom?: number } = {}): number[] {
  // Small, or no second heading to cut at: one part, and no first pass.
  if (body.length <= (options.splitFrom ?? SPLIT_MARKDOWN_FROM) || !/\n {0,3}#{1,6}(?:[ \t]|$)/m.test(body)) return [0];
  const { lines } = cleanLines(body.split('\n'));
  const tree = blockParser.parse(lines.join('\n')) as Root;
  const starts = [0];
  for (const node of tree.children) {
    const index = (node.position?.start.line ?? 1) - 1;
    // ATX only: a setext heading's text line could be read as part of what precedes it.
    if (node.type === 'heading' && index > 0 && /^ {0,3}#/.test(lines[index] ?? '')) starts.push(index);
  }
  return starts;
}

/** Positions are only read at block level: inline nodes drop theirs (four objects a node) before records keep them. */
function withoutPositions(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node) => {
    const { position: _position, ...rest } = node;
    return ('children' in rest ? { ...rest, children: withoutPositions(rest.children as PhrasingContent[]) } : rest) as PhrasingContent;
  });
}

/**
 * Blocks of a Markdown body: headings, and paragraphs (list items and quotes count as paragraphs).
 * A large body is parsed part by part (`markdownParts`): micromark keeps every event of a
 * document until it ends, so a 9.8 MB body parsed whole peaked at 2.1 GB.
 */
export function markdownBlocks(body: string, starts: readonly number[] = markdownParts(body)): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'));
  const blocks: Block[] = [];
  starts.forEach((start, i) => {
    const tree = parser.parse(lines.slice(start, starts[i + 1] ?? lines.length).join('\n')) as Root;
    for (const node of tree.children) visitBlock(node, start, marked, blocks);
  });
  return blocks.filter((block) => block.text !== '');
}

function visitBlock(node: RootContent, offset: number, marked: ReadonlySet<number>, blocks: Block[]): void {
  const visit = (node: RootContent): void => {
    const line = (node.position?.start.line ?? 1) + offset;
    if (node.type === 'heading') {
      blocks.push({ kind: 'heading', line, text: collapseSpace(toString(node)), children: withoutPositions(node.children), marked: true, depth: node.depth });
    } else if (node.type === 'paragraph') {
      blocks.push({ kind: 'text', line, text: collapseSpace(toString(node)), children: withoutPositions(node.children), marked: marked.has(line) });
    } else if (node.type === 'code' || node.type === 'html') {
      // Raw HTML and code are shown as the text the editor wrote, never as markup.
      const children: PhrasingContent[] = [{ type: 'text', value: node.value }];
      blocks.push({ kind: 'text', line, text: collapseSpace(node.value), children, marked: false });
    } else if ('children' in node) {
      for (const child of node.children as RootContent[]) visit(child);
    }
  };
  visit(node);
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

const schema: Schema = {
  ...defaultSchema,
  tagNames: ['a', 'em', 'strong', 'code', 'del', 'br', 'p', 'sub', 'sup'],
  protocols: { href: ['http', 'https', 'mailto'] },
  attributes: { a: ['href', 'title'] },
  clobberPrefix: 'user-content-',
};

const compiler = unified().use(remarkHtml, { sanitize: schema });

function inertChildren(children: readonly PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((node): PhrasingContent[] => {
    switch (node.type) {
      case 'html':
        return [{ type: 'text', value: node.value }];
      case 'image':
      case 'imageReference':
        return node.alt ? [{ type: 'text', value: node.alt }] : [];
      case 'link':
        return SAFE_URL.test(node.url.trim())
          ? [{ ...node, url: node.url.trim(), children: inertChildren(node.children) } as Link]
          : inertChildren(node.children);
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete':
        return node.type === 'linkReference' ? inertChildren(node.children) : [{ ...node, children: inertChildren(node.children) } as PhrasingContent];
      default:
        return [node];
    }
  });
}

/** Markdown paragraphs → sanitized HTML: links and emphasis kept, raw HTML as text, pictures as their alt text. */
export function markdownToHtml(paragraphs: readonly HtmlParagraph[]): string {
  const root: Root = {
    type: 'root',
    children: paragraphs.map((p): Paragraph => ({
      type: 'paragraph',
      children: p.children.length === 0 ? [{ type: 'text', value: p.text }] : inertChildren(p.children),
    })),
  };
  return String(compiler.stringify(root)).trim();
}

/** What the parser needs for a Markdown seed: its blocks, and its paragraphs as HTML. */
export interface MarkdownKit {
  readonly parts: typeof markdownParts;
  readonly blocks: typeof markdownBlocks;
  readonly toHtml: MarkdownHtml;
}

export const markdown: MarkdownKit = { parts: markdownParts, blocks: markdownBlocks, toHtml: markdownToHtml };
