/**
 * Places in context. A name with several readings (`Georgia` the country or the US state,
 * `Korea` North or South, `Jordan` the country or a person) is decided once per story: every
 * cue phrase of every reading is counted over the whole story (headline and paragraphs), the
 * reading with the most cues wins; no cue at all, or a tie with the default, gives the default
 * (a tie between other readings goes to the one listed first).
 * The cues are data (`ambiguous:` in data/aliases.yaml); this module is the whole rule.
 * A reading that is not a country drops the name's mentions, so they weigh nothing.
 */

import type { AmbiguousName } from './types.ts';
import type { TokenBuffer } from './tokens.ts';
import type { Trie, TrieNode } from './trie.ts';

/** A compiled reading: the country it means (null: not a country). */
export interface Reading {
  readonly country: string | null;
}

/** A compiled ambiguous name; its readings are `readings[first .. first + count)`. */
export interface AmbiguousGroup {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  readonly fallback: number; // index into `readings`
  readonly person: number; // the `not-person` reading (person-shaped mentions count for it), or -1
}

export interface Places {
  readonly groups: readonly AmbiguousGroup[];
  readonly readings: readonly Reading[];
}

/** Reading names that are not a country start with this (`not-us-state`, `not-person`). */
export const NOT_A_COUNTRY = 'not-';
export const PERSON_READING = 'not-person';

export function compilePlaces(names: readonly AmbiguousName[]): Places & { cues: Array<readonly [string, number]> } {
  const groups: AmbiguousGroup[] = [];
  const readings: Reading[] = [];
  const cues: Array<readonly [string, number]> = [];
  for (const name of names) {
    const first = readings.length;
    let fallback = -1;
    let person = -1;
    for (const reading of name.readings) {
      const index = readings.length;
      readings.push({ country: reading.country });
      if (reading.name === name.default) fallback = index;
      if (reading.name === PERSON_READING) person = index;
      for (const cue of reading.cues) cues.push([cue, index]);
    }
    if (fallback < 0) throw new TypeError(`Expected \`${name.default}\` among the readings of \`${name.name}\``);
    groups.push({ name: name.name, first, count: name.readings.length, fallback, person });
  }
  return { groups, readings, cues };
}

/** What the entity trie holds for a phrase; `cues` are reading indexes it is evidence for. */
export interface Cued {
  readonly cues: readonly number[] | undefined;
}

function child<V>(node: TrieNode<V>, buffer: TokenBuffer, i: number): TrieNode<V> | undefined {
  const list = node.children?.get(buffer.hash[i] as number);
  if (!list) return undefined;
  for (const next of list) if (buffer.is(i, next.token, false)) return next;
  return undefined;
}

/**
 * One walk from token `start`: add every cue on the path to `counts` and return the node of
 * the longest value that is not only a cue (`isCue`) in `out`, so `Georgia's governor` counts
 * its cue and still yields the mention `Georgia`.
 */
export function walkAt<V extends Cued>(
  trie: Trie<V>,
  buffer: TokenBuffer,
  start: number,
  counts: Float64Array,
  isCue: (value: V) => boolean,
  out: { end: number; value: V | undefined },
): number {
  out.end = 0;
  out.value = undefined;
  if (trie.rootBits[(buffer.hash[start] as number) & (trie.rootBits.length - 1)] === 0) return 0;
  let node = child(trie.root, buffer, start);
  for (let i = start + 1; node; i++) {
    const value = node.value;
    if (value !== undefined) {
      if (value.cues) for (const r of value.cues) counts[r] = (counts[r] as number) + 1;
      if (!isCue(value)) {
        out.end = i;
        out.value = value;
      }
    }
    if (i >= buffer.count) break;
    node = node.children ? child(node, buffer, i) : undefined;
  }
  return out.end;
}

/** The winning reading of `group`: most cues; ties go to the default, then to the first listed. */
export function decide(group: AmbiguousGroup, counts: Float64Array): number {
  let best = group.fallback;
  for (let r = group.first; r < group.first + group.count; r++) {
    if ((counts[r] as number) > (counts[best] as number)) best = r;
  }
  return best;
}

export interface Resolvable {
  readonly slug: string;
  readonly group: number; // -1: not ambiguous
}

/** Give each ambiguous mention its story's reading; drop those whose reading is not a country. */
export function resolveMentions<M extends Resolvable>(places: Places, mentions: readonly M[], counts: Float64Array): M[] {
  if (!mentions.some((m) => m.group >= 0)) return mentions as M[];
  const chosen = new Map<number, string | null>();
  const resolved: M[] = [];
  for (const mention of mentions) {
    if (mention.group < 0) {
      resolved.push(mention);
      continue;
    }
    let country = chosen.get(mention.group);
    if (country === undefined) {
      country = (places.readings[decide(places.groups[mention.group] as AmbiguousGroup, counts)] as Reading).country;
      chosen.set(mention.group, country);
    }
    if (country !== null) resolved.push({ ...mention, slug: country, group: -1 });
  }
  return resolved;
}
