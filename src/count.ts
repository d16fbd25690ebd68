/**
 * `1 digest`, `2 digests`. Plain digits for the CLI's progress and summary
 * lines, which scripts read; `grouped` for pages, which people read
 * (`12,400 stories`).
 */
export function countOf(n: number, one: string, many = `${one}s`, digits: 'plain' | 'grouped' = 'plain'): string {
  return `${digits === 'grouped' ? n.toLocaleString('en-US') : n} ${n === 1 ? one : many}`;
}
