import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { tempDir } from '../helpers/cli.ts';
import { describe, expect, it } from 'vitest';
import { loadTaggerData } from '../../src/tag/data.ts';
import { agreement, pairUp, SECOND_LABELS } from '../../scripts/agreement.ts';
import { loadCorpus, type EvalStory } from '../../scripts/eval.ts';

const story = (headline: string, split: 'train' | 'test'): EvalStory => ({ headline, paragraphs: ['Text.'], pair: ['china-russia'], countries: ['china', 'russia'], absent: [], topics: ['trade'], split, file: 'eval/x.yaml' });

describe('second labelling (inter-labeller agreement)', () => {
  it('should refuse a headline the corpus lacks and a test-split story', () => {
    const corpus = [story('A train story', 'train'), story('A test story', 'test')];
    const label = (headline: string) => ({ headline, pair: 'china-russia', countries: ['china'], topics: ['trade'] });
    expect(pairUp(corpus, [label('A train story')])[0]?.second.pairs).toEqual(['china-russia']);
    expect(() => pairUp(corpus, [label('Not in the corpus')])).toThrow(/Unexpected headline `Not in the corpus`/);
    expect(() => pairUp(corpus, [label('A test story')])).toThrow(/Unexpected test-split story/);
  });

  it('should label train stories of the corpus once each, with known slugs only', () => {
    const data = loadTaggerData('data');
    const countries = new Set(data.countries.map((c) => c.slug));
    const topics = new Set(data.topics.map((t) => t.slug));
    const labels = (parse(readFileSync(SECOND_LABELS, 'utf8')) as { stories: { headline: string; pair: string | string[] | null; countries: string[]; topics: string[] }[] }).stories;
    expect(new Set(labels.map((l) => l.headline)).size).toBe(labels.length);
    for (const l of labels) {
      for (const c of l.countries) expect(countries, `${l.headline}: ${c}`).toContain(c);
      for (const t of l.topics) expect(topics, `${l.headline}: ${t}`).toContain(t);
      for (const p of l.pair === null ? [] : [l.pair].flat()) expect(p.split('-').length >= 2 && l.countries.some((c) => p.startsWith(`${c}-`) || p.endsWith(`-${c}`)), `${l.headline}: ${p}`).toBe(true);
    }
    expect(pairUp(loadCorpus(), labels)).toHaveLength(labels.length);
  });

  it('should score a labelling that repeats the corpus as perfect, and one that drops a topic as less', () => {
    const dir = tempDir('agree-');
    const sample = loadCorpus().filter((s) => s.split === 'train').slice(0, 20);
    const write = (drop: boolean) => {
      const file = join(dir, `${drop}.yaml`);
      const stories = sample.map((s, i) => ({ headline: s.headline, pair: s.pair, countries: s.countries, topics: drop && i === 0 ? s.topics.slice(1) : s.topics }));
      writeFileSync(file, stringify({ stories }));
      return file;
    };
    const same = agreement('eval', write(false));
    expect([same.stories, same.pairAccuracy, same.countryRecall, same.topicMicroF1]).toEqual([20, 1, 1, 1]);
    const dropped = agreement('eval', write(true));
    expect(dropped.topicRecall).toBeLessThan(1);
    expect(dropped.topicPrecision).toBe(1);
  });
});
