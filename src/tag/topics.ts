/**
 * Topics from weighted evidence phrases (data/topics.yaml). Phrases are lowercase token
 * sequences matched ignoring case; a trailing `*` makes the last word a prefix
 * (`sanction*` → sanctions, sanctioned). Evidence in the headline counts more than in the
 * body; a topic needs both an absolute score and a share of the best topic's score, so one
 * weak word never makes a topic.
 */

import type { TaggerData, TopicScoring } from './types.ts';
import { phraseTokens, type TokenBuffer } from './tokens.ts';
import { createTrie, insert, insertPrefix, matchAt, WildcardMemo, type MatchResult, type Trie } from './trie.ts';

interface Evidence {
  readonly topic: number; // index into the taxonomy
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
  data.topics.forEach((topic, index) => {
    for (const phrase of topic.phrases) {
      const wildcard = phrase.text.endsWith('*');
      const tokens = phraseTokens((wildcard ? phrase.text.slice(0, -1) : phrase.text).toLowerCase());
      const last = tokens.pop();
      if (last === undefined) continue;
      const evidence: Evidence = { topic: index, weight: phrase.weight };
      if (wildcard) insertPrefix(trie, tokens, last, evidence);
      else if (!insert(trie, [...tokens, last], evidence)) {
        throw new TypeError(`Expected each topic phrase once, got \`${phrase.text}\` twice (in \`${topic.slug}\`)`);
      }
    }
  });
  return { slugs: data.topics.map((t) => t.slug), trie, memo: new WildcardMemo(), scoring: data.topicScoring };
}

const out: MatchResult<Evidence> = { end: 0, value: undefined };

/** Add the evidence in the zone held by `buffer` to `scores` (one slot per topic). */
export function scoreZone(matcher: TopicMatcher, buffer: TokenBuffer, zone: number, scores: Float64Array): void {
  const { trie, memo, scoring } = matcher;
  const multiplier = zone === 0 ? scoring.headline : zone === 1 ? scoring.lead : scoring.body;
  for (let i = 0; i < buffer.count; ) {
    const end = matchAt(trie, buffer, i, out, memo);
    if (end === 0 || out.value === undefined) {
      i++;
      continue;
    }
    scores[out.value.topic] = (scores[out.value.topic] ?? 0) + out.value.weight * multiplier;
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
