/**
 * Topics from weighted evidence phrases (data/topics.yaml). Phrases are lowercase token
 * sequences matched ignoring case; a trailing `*` makes the last word a prefix
 * (`sanction*` → sanctions, sanctioned). Evidence in the headline counts more than in the
 * body; a topic needs both an absolute score and a share of the best topic's score, so one
 * weak word never makes a topic. Negative phrases (`brothers in arms`, `nuclear option`) are
 * in the same trie with no topic: longest match wins, so they swallow the words that would
 * otherwise count, and mark them muted for the topic model too.
 */

import type { TaggerData, TopicScoring } from './types.ts';
import { phraseTokens, type TokenBuffer } from './tokens.ts';
import { phraseLemmas } from './lemmas.ts';
import { createTrie, insert, insertPrefix, matchAt, WildcardMemo, type MatchResult, type Trie } from './trie.ts';

interface Evidence {
  readonly topic: number; // index into the taxonomy; -1 for a negative phrase
  readonly weight: number;
}

export interface TopicMatcher {
  readonly slugs: readonly string[];
  readonly trie: Trie<Evidence>;
  readonly memo: WildcardMemo<Evidence>;
  readonly scoring: TopicScoring;
}

export function compileTopics(data: TaggerData): TopicMatcher {
  const trie = createTrie<Evidence>(true);
  const owner = new Map<string, { slug: string; evidence: Evidence }>();
  const add = (text: string, evidence: Evidence, slug: string) => {
    const wildcard = text.endsWith('*');
    const tokens = phraseTokens((wildcard ? text.slice(0, -1) : text).toLowerCase());
    const last = tokens.pop();
    if (last === undefined) return;
    // Matched on lemmas: `held talks` finds holds talks, holding talks. A wildcard's last
    // word is a prefix and stays as written (`sanction*`).
    const path = [...phraseLemmas(tokens), wildcard ? last : (phraseLemmas([last])[0] as string)];
    if (wildcard) {
      for (const variant of hyphenVariants(path.slice(0, -1))) insertPrefix(trie, variant, last, evidence);
      return;
    }
    // `meet` and `meets` are one lemma: within a topic the stronger weight stands.
    const key = path.join(' ');
    const before = owner.get(key);
    if (before && (before.slug !== slug || before.evidence.topic !== evidence.topic)) {
      throw new TypeError(`Expected each topic phrase once, got \`${text}\` (as \`${key}\`) in \`${before.slug}\` and \`${slug}\``);
    }
    if (before && before.evidence.weight >= evidence.weight) return;
    owner.set(key, { slug, evidence });
    for (const variant of hyphenVariants(path)) insert(trie, variant, evidence, true);
  };
  data.topics.forEach((topic, index) => {
    for (const phrase of topic.phrases) add(phrase.text, { topic: index, weight: phrase.weight }, topic.slug);
    for (const text of topic.negative) add(text, NEGATIVE, topic.slug);
  });
  return { slugs: data.topics.map((t) => t.slug), trie, memo: new WildcardMemo(), scoring: data.topicScoring };
}

const NEGATIVE: Evidence = { topic: -1, weight: 0 };

const WORD_TOKEN = /^[\p{L}\p{N}]/u;

/**
 * A phrase's token path as written and with each gap between two words also hyphenated:
 * English joins a compound modifier with hyphens (`air-defense systems`, `arms-export
 * controls`, `nuclear-power plant`), and the tokenizer makes `-` a token of its own, so
 * `air defense systems` in data/topics.yaml found only the spaced spelling. A path with a
 * wildcard's prefix is given without its last word; phrases have a few words, so at most a
 * few variants each.
 */
export function hyphenVariants(path: readonly string[]): string[][] {
  let variants: string[][] = [[]];
  path.forEach((token, i) => {
    const gap = i > 0 && WORD_TOKEN.test(path[i - 1]!) && WORD_TOKEN.test(token);
    variants = variants.flatMap((v) => (gap ? [[...v, token], [...v, '-', token]] : [[...v, token]]));
  });
  return variants;
}

const out: MatchResult<Evidence> = { end: 0, value: undefined };

/**
 * Add the evidence in the zone held by `buffer` (lemma tokens, see lemmas.ts) to `scores` (one slot per topic) and set
 * `muted[i]` to 1 for every token inside a negative phrase (0 elsewhere). `muted` must hold
 * at least `buffer.count` slots.
 */
export function scoreZone(matcher: TopicMatcher, buffer: TokenBuffer, zone: number, scores: Float64Array, muted?: Uint8Array): void {
  const { trie, memo, scoring } = matcher;
  const multiplier = zone === 0 ? scoring.headline : zone === 1 ? scoring.lead : scoring.body;
  muted?.fill(0, 0, buffer.count);
  for (let i = 0; i < buffer.count; ) {
    const end = matchAt(trie, buffer, i, out, memo);
    if (end === 0 || out.value === undefined) {
      i++;
      continue;
    }
    const { topic, weight } = out.value;
    if (topic < 0) muted?.fill(1, i, end);
    else scores[topic] = (scores[topic] ?? 0) + weight * multiplier;
    i = end;
  }
}

/** The topics whose score clears both thresholds, best first (taxonomy order breaks ties). */
export function pickTopics(matcher: TopicMatcher, scores: Float64Array): string[] {
  const { scoring, slugs } = matcher;
  const floor = Math.max(scoring.threshold, scoring.relative * Math.max(0, ...scores));
  return slugs
    .map((slug, index) => ({ slug, index, score: scores[index] ?? 0 }))
    .filter((t) => t.score >= floor && t.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, scoring.max)
    .map((t) => t.slug);
}
