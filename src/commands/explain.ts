/**
 * `news-digest check --explain`: per story, the countries, pairs and topics it
 * got and the cues and scores that gave them, so an editor sees why a tag is
 * there (and what to put in seeds/corrections.yaml when it should not be).
 */
import { describeCorrection, type Correction } from '../records/corrections.ts';
import type { TagExplanation } from '../tag/tagger.ts';
import type { StoryRecord } from '../types.ts';

/** Printed once before the stories: how to read the figures. */
export const EXPLANATION_LEGEND = 'Why each story has its tags. countries: salience (a headline mention ×6, the first paragraph ×2, later ×1; sources and places count less) and the words that named it. pairs: primary first, with the rule that chose it (docs/tagging.md). topics: the model\'s probability against the topic\'s calibrated threshold, and the score of its data/topics.yaml phrases.';

/** What each rule of pairs.ts `pairRule` means, in the editor's words (docs/tagging.md has the rules). */
const PAIR_RULES: Readonly<Record<TagExplanation['pairRule'], string>> = {
  salience: 'primary first: the two most salient countries',
  headline: 'primary first: the two the headline joins as one relationship',
  mediated: 'primary first: the two parties a broker or mediator goes between',
  'watched-goods': 'primary first: the goods a watcher penalises and the buyer the first paragraph names',
  'at-war': 'primary first: the weapons’ maker and the adversary at war that fired them',
  'own-test': 'one country’s own weapons test: the others only track it or lie in range',
  none: 'one country, or a second named too little to be a party',
};

const round = (n: number): string => (Math.round(n * 100) / 100).toString();

export function formatExplanation(record: StoryRecord, why: TagExplanation, correction?: Correction): string[] {
  const countries = why.countries.map((c) => `${c.slug} ${round(c.score)}${c.named.length ? ` (${c.named.join(', ')})` : ''}`);
  const topics = why.topics.map((t) => {
    const given = why.tags.topics.includes(t.slug) ? 'given' : 'not given';
    const model = t.probability === undefined ? 'phrases only' : `p ${round(t.probability)} ${t.probability >= (t.threshold ?? 1) ? '≥' : '<'} ${round(t.threshold ?? 1)}`;
    return `${t.slug} ${model}, phrases ${round(t.phrases)}: ${given}`;
  });
  return [
    `${record.source.file}:${record.source.line}: ${record.id}`,
    `  countries: ${countries.join('; ') || 'none found'}`,
    `  pairs: ${why.tags.pairs.join(', ') || 'none'} (${PAIR_RULES[why.pairRule]})`,
    `  topics: ${topics.join('; ') || 'no evidence'}`,
    ...(correction ? [`  corrected: ${describeCorrection(correction)} → countries ${record.countries.join(', ') || 'none'}; pairs ${record.pairs.join(', ') || 'none'}; topics ${record.topics.join(', ') || 'none'}`] : []),
  ];
}
