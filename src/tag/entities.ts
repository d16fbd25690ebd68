/**
 * Compile every country form, organisation form and not-a-country phrase into one token trie,
 * and find their mentions in a zone of a story (longest match wins, left to right).
 */

import type { TaggerData } from './types.ts';
import { TaggerDataProblem } from './validate.ts';
import { phraseTokens, type TokenBuffer } from './tokens.ts';
import { createTrie, insert, matchAt, type MatchResult, type Trie } from './trie.ts';
import { isTitleCase, looksLikePerson, roleFactor } from './roles.ts';

export type EntityKind = 'country' | 'organization' | 'none';

export interface Entity {
  readonly kind: EntityKind;
  readonly slug: string;
  readonly nameLike: boolean;
}

/** A mention in one zone (0 = headline, 1 = first paragraph, …), weighted by its role. */
export interface Mention {
  readonly kind: 'country' | 'organization';
  readonly slug: string;
  readonly zone: number;
  readonly start: number; // token index within the zone
  readonly end: number; // exclusive
  readonly factor: number; // 1 for an actor, less for a source or a place (roles.ts)
}

function add(trie: Trie<Entity>, form: string, entity: Entity, overwrite: boolean): void {
  const tokens = phraseTokens(form);
  if (tokens.length === 0) return;
  if (!insert(trie, tokens, entity, overwrite) && !overwrite) {
    // Data, not misuse: two organisations in data/aliases.yaml share a name (up to case and punctuation).
    const key = entity.kind === 'organization' ? `organizations.${entity.slug}.aliases` : `countries.${entity.slug}`;
    throw new TaggerDataProblem(`Unexpected \`${form}\` twice (last for \`${entity.slug}\`), expected each name once`, key);
  }
}

export function compileEntities(data: TaggerData): Trie<Entity> {
  const trie = createTrie<Entity>(false);
  const nameLike = new Set(data.nameLike);
  for (const country of data.countries) {
    for (const form of new Set(country.forms)) {
      add(trie, form, { kind: 'country', slug: country.slug, nameLike: nameLike.has(form) }, false);
    }
  }
  for (const org of data.organizations) {
    for (const form of new Set(org.forms)) add(trie, form, { kind: 'organization', slug: org.slug, nameLike: false }, false);
  }
  // Not-a-country phrases overwrite on purpose, and also match at a sentence start.
  const none: Entity = { kind: 'none', slug: '', nameLike: false };
  for (const phrase of data.notCountries) {
    add(trie, phrase, none, true);
    add(trie, phrase.charAt(0).toUpperCase() + phrase.slice(1), none, true);
  }
  return trie;
}

/** At most two words apart, with only words between (`Chinese President Xi`, not `Kremlin. Putin`). */
function sameReference(buffer: TokenBuffer, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let i = from; i < to; i++) if (!buffer.isWord(i)) return false;
  return true;
}

const out: MatchResult<Entity> = { end: 0, value: undefined };

interface Draft {
  kind: 'country' | 'organization';
  slug: string;
  zone: number;
  start: number;
  end: number;
  factor: number;
}

/** Append the mentions in the zone held by `buffer` to `into`, merging adjacent ones of one country. */
export function findMentions(trie: Trie<Entity>, buffer: TokenBuffer, zone: number, into: Mention[]): void {
  const first = into.length;
  for (let i = 0; i < buffer.count; ) {
    const end = matchAt(trie, buffer, i, out);
    const value = out.value;
    if (end === 0 || value === undefined) {
      i++;
      continue;
    }
    const start = i;
    i = end;
    if (value.kind === 'none') continue;
    if (value.nameLike && !isTitleCase(buffer) && looksLikePerson(trie, buffer, start, end)) continue;
    const last = into.length > first ? (into[into.length - 1] as Draft) : undefined;
    // `Russian President Vladimir Putin` is one reference to Russia, not two.
    if (last && last.slug === value.slug && last.kind === value.kind && sameReference(buffer, last.end, start)) last.end = end;
    else into.push({ kind: value.kind, slug: value.slug, zone, start, end, factor: 1 });
  }
  for (let k = first; k < into.length; k++) {
    const mention = into[k] as Draft;
    const nextStart = k + 1 < into.length ? (into[k + 1] as Draft).start : buffer.count;
    if (mention.kind === 'country') mention.factor = roleFactor(buffer, mention.start, mention.end, nextStart);
  }
}
