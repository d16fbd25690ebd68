/**
 * Country pairs, the one owner of a pair slug's form: the tagger makes slugs
 * (`pairSlug`), the site and the checks split them (`splitPair`) and label
 * them (`pairLabel`). A pair slug is its two country slugs sorted and joined
 * by `-`, so `china-russia` and `russia-china` can never both exist.
 */

export function pairSlug(a: string, b: string): string {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '') {
    throw new TypeError(`Expected two country slugs, got \`${String(a)}\` and \`${String(b)}\``);
  }
  if (a === b) throw new TypeError(`Expected two different country slugs, got \`${a}\` twice`);
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/**
 * The two country slugs of a pair slug, sorted. Country slugs contain hyphens
 * (`north-korea`), so a pair slug cannot be split on `-` alone
 * (`north-korea-russia`): the story's own countries say which two it joins;
 * `known` (every country the site knows) is the fallback for a pair whose
 * countries the record does not list. Undefined when neither tells.
 */
export function splitPair(slug: string, countries: readonly string[], known: ReadonlySet<string> = new Set()): [string, string] | undefined {
  for (let i = 0; i < countries.length; i++) {
    for (let j = i + 1; j < countries.length; j++) {
      const a = countries[i]!;
      const b = countries[j]!;
      if (a !== b && (a < b ? `${a}-${b}` : `${b}-${a}`) === slug) return a < b ? [a, b] : [b, a];
    }
  }
  for (let at = slug.indexOf('-'); at > 0; at = slug.indexOf('-', at + 1)) {
    const a = slug.slice(0, at);
    const b = slug.slice(at + 1);
    if (a < b && known.has(a) && known.has(b)) return [a, b];
  }
  return undefined;
}

/** A pair's label: its two countries' names in slug order, joined by an en dash (`China–Russia`). */
export const pairLabel = (first: string, second: string): string => `${first}–${second}`;
