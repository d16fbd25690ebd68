/**
 * Whitespace collapsed: every run of white space (tabs, newlines, no-break
 * and other Unicode spaces) as one space, the ends trimmed. Most lines of a
 * digest have nothing to collapse; replacing each single space with a space
 * anyway made a new string of every line and paragraph, the biggest
 * allocation of parsing (docs/performance.md, "Seeds").
 */
const UNCOLLAPSED = /[^\S ]| {2}/;

export function collapseSpace(text: string): string {
  return UNCOLLAPSED.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
