/**
 * `npx tsx scripts/agreement.ts`: how far two labellers agree. eval/agreement/second-labels.yaml
 * holds a second, blind labelling of some train-split stories; this scores it against the
 * corpus's labels with the very figures `npm run eval` gives the tagger (`evaluate`), as if the
 * second labeller were a tagger: its first pair is its primary pair. Two careful readers'
 * agreement is the ceiling the tagger's figures are read against (docs/tagging.md).
 */

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { StoryTags } from '../src/types.ts';
import { evaluate, loadCorpus, type EvalMetrics, type EvalStory } from './eval.ts';

export const SECOND_LABELS = 'eval/agreement/second-labels.yaml';

interface SecondLabel {
  readonly headline: string;
  readonly pair: string | readonly string[] | null;
  readonly countries: readonly string[];
  readonly topics: readonly string[];
}

/** The second labels with the corpus stories they label; throws on a headline the corpus lacks or a test-split story. */
export function pairUp(corpus: readonly EvalStory[], labels: readonly SecondLabel[]): { story: EvalStory; second: StoryTags }[] {
  const byHeadline = new Map(corpus.map((s) => [s.headline, s]));
  return labels.map((label) => {
    const story = byHeadline.get(label.headline);
    if (!story) throw new Error(`Unexpected headline \`${label.headline}\` in ${SECOND_LABELS}, expected one of eval/*.yaml`);
    if (story.split !== 'train') throw new Error(`Unexpected test-split story \`${label.headline}\` in ${SECOND_LABELS}, expected train stories only`);
    const pairs = label.pair === null ? [] : typeof label.pair === 'string' ? [label.pair] : [...label.pair];
    return { story, second: { countries: [...label.countries], pairs, topics: [...label.topics], organizations: [] } };
  });
}

/** The corpus's labels scored against the second labeller's, as `npm run eval` scores the tagger. */
export function agreement(evalDir = 'eval', file = SECOND_LABELS): EvalMetrics {
  const labels = (parse(readFileSync(file, 'utf8')) as { stories: SecondLabel[] }).stories;
  const matched = pairUp(loadCorpus(evalDir), labels);
  const second = new Map(matched.map(({ story, second }) => [story.headline, second]));
  return evaluate((story) => second.get(story.headline)!, matched.map(({ story }) => story));
}

function main(): void {
  const r = agreement();
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`agreement: ${r.stories} train stories labelled twice (the second labelling scored as a tagger)`);
  console.log(`  primary pair ${pct(r.pairAccuracy)}, country recall ${pct(r.countryRecall)}`);
  console.log(`  topic micro-F1 ${pct(r.topicMicroF1)} (precision ${pct(r.topicPrecision)}, recall ${pct(r.topicRecall)})`);
  for (const t of r.perTopic) console.log(`  ${t.topic.padEnd(16)} F1 ${pct(t.f1).padStart(6)}  (${t.hits} of ${t.wanted} wanted, ${t.given} given)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
