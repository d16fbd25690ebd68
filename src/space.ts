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

/** Words of text whose white space is collapsed (`collapseSpace`): counted by its spaces, without splitting. */
export function wordsIn(text: string): number {
  let words = text === '' ? 0 : 1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) words++;
  return words;
}
