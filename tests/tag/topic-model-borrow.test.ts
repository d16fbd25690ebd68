import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/eval.ts';
import { loadTaggerData } from '../../src/tag/data.ts';
import { LemmaBuffer, Lemmatiser, Vocabulary } from '../../src/tag/lemmas.ts';
import { createTagger } from '../../src/tag/tagger.ts';
import { TokenBuffer } from '../../src/tag/tokens.ts';
import type { TopicModelData } from '../../src/tag/types.ts';

// Borrowed weights (docs/tagging.md, round 6): a word no train story uses gets the weights of
// its nearest trained words by word vector, so new wording still carries evidence. Only the
// train split is read here.
const trainLemmas = (): Set<string> => {
  const lemmatiser = new Lemmatiser(new Vocabulary(true));
  const tokens = new TokenBuffer();
  const lemmas = new LemmaBuffer();
  for (const story of loadCorpus('eval', 'data').filter((s) => s.split === 'train')) {
    for (const zone of [story.headline, ...story.paragraphs]) lemmatiser.lemmatise(tokens.load(zone), lemmas);
  }
  return new Set(lemmatiser.vocabulary.lemmas);
};

describe('words the train split never uses', () => {
  const model = JSON.parse(readFileSync('data/topic-model.json', 'utf8')) as TopicModelData;
  const seen = trainLemmas();

  it.each([
    ['propane', 'energy'],
    ['spacewalk', 'space'],
    ['soprano', 'culture'], // `choir` was one until round 11's stories used it
    ['opera', 'culture'],
    ['symphony', 'culture'],
    ['sculpture', 'culture'],
  ])('should give %s a weight, strongest for %s', (word, topic) => {
    expect(seen.has(word)).toBe(false);
    const row = model.features[word] as readonly number[];
    expect(row).toBeDefined();
    expect(model.topics[row.indexOf(Math.max(...row))]).toBe(topic);
  });

  it('should tag a story told in them', () => {
    const tag = createTagger(loadTaggerData('data'));
    const story = { headline: 'Beijing symphony brings opera and sculpture to Moscow', paragraphs: ['Audiences in Moscow will see the Chinese company in May.'] };
    expect(tag(story).topics).toContain('culture');
  });
});
