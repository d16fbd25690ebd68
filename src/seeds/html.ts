/**
 * Story bodies → sanitized HTML. Plain-text paragraphs are escaped text; Markdown
 * paragraphs go through remark-html with a sanitize schema (src/seeds/markdown.ts, loaded
 * only for Markdown seeds). Raw HTML in a seed is shown as text, links keep only http(s)
 * and mailto targets, and images become their alt text (a seed must not load anything
 * from elsewhere).
 */
import type { PhrasingContent } from 'mdast';
import { escapeHtml } from '../escape.ts';

export interface HtmlParagraph {
  readonly text: string;
  readonly children: readonly PhrasingContent[];
}

/** Markdown paragraphs → sanitized HTML (src/seeds/markdown.ts). */
export type MarkdownHtml = (paragraphs: readonly HtmlParagraph[]) => string;

/** Paragraphs with no Markdown in them: plain-text ones (no children), or Markdown ones that are text alone. */
export function isPlain(paragraphs: readonly HtmlParagraph[]): boolean {
  return paragraphs.every((p) => p.children.length === 0 || p.children.every((child) => child.type === 'text'));
}

/**
 * One `<p>` a paragraph. Plain paragraphs are escaped here; any other needs `markdown`
 * (the Markdown kit's renderer), which only a Markdown seed has.
 */
export function paragraphsToHtml(paragraphs: readonly HtmlParagraph[], markdown?: MarkdownHtml): string {
  if (isPlain(paragraphs)) return paragraphs.map((p) => `<p>${escapeHtml(p.text)}</p>`).join('\n');
  if (!markdown) throw new TypeError('Expected the Markdown renderer (src/seeds/markdown.ts) for Markdown paragraphs');
  return markdown(paragraphs);
}
