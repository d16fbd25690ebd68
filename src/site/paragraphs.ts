/**
 * A story's paragraphs with stable anchors (`#p2`). The body comes as
 * `record.html`, sanitized, one `<p>` per paragraph with no attributes and no
 * nesting (a `<p>` typed in a seed is escaped text), so it splits cleanly; if
 * it ever does not, the escaped plain-text paragraphs are used instead.
 */
import { escapeHtml } from '../escape.ts';
import type { Paragraph } from './types.ts';

const PARAGRAPH = /<p>([\s\S]*?)<\/p>/g;

export function storyParagraphs(html: string, paragraphs: readonly string[]): Paragraph[] {
  const parts = [...html.matchAll(PARAGRAPH)].map((match) => match[1] ?? '');
  const rest = html.replace(PARAGRAPH, '').trim();
  const chunks = parts.length === paragraphs.length && rest === '' ? parts : paragraphs.map(escapeHtml);
  return chunks.map((chunk, index) => ({ id: `p${index + 1}`, number: index + 1, html: chunk }));
}
