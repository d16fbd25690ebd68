import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/tag.ts';
import { loadTaggerData } from '../src/tag-data.ts';
import { evaluate, loadEvalStories } from '../scripts/eval.ts';

describe('tagger evaluation (eval/stories.yaml)', () => {
  const stories = loadEvalStories();
  const result = evaluate(createTagger(loadTaggerData()), stories);

  it('should have at least 30 labelled stories', () => {
    expect(stories.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['primary-pair accuracy', 'pairAccuracy', 0.9],
    ['country recall', 'countryRecall', 0.95],
    ['topic precision', 'topicPrecision', 0.8],
    ['topic recall', 'topicRecall', 0.8],
  ] as const)('should keep %s at or above %s', (_name, key, floor) => {
    expect(result[key]).toBeGreaterThanOrEqual(floor);
  });

  it('should compute micro-averaged figures', () => {
    const tag = () => ({ countries: ['china'], pairs: [], topics: ['trade', 'energy'], organizations: [] });
    const metrics = evaluate(tag, [
      { headline: 'a', paragraphs: [], pair: null, countries: ['china', 'russia'], topics: ['trade'] },
      { headline: 'b', paragraphs: [], pair: ['china-russia'], countries: ['china'], topics: ['energy', 'space'] },
    ]);
    expect(metrics).toMatchObject({ stories: 2, pairAccuracy: 0.5, countryRecall: 2 / 3, topicPrecision: 2 / 4, topicRecall: 2 / 3 });
  });
});
