/**
 * A long story read paragraph by paragraph (src/tag/model.ts `passageWords`): the series' lead
 * stories run 250–500 words over several threads, and a thread with a paragraph of its own is a
 * topic of the story even when the whole story's words are mostly about something else.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../../src/tag/tagger.ts';
import { loadTaggerData } from '../../src/tag/data.ts';
import { parseSeed } from '../../src/seeds/parse.ts';

const data = loadTaggerData();
const tag = createTagger(data);
const seedStory = (file: string, headline: RegExp) => {
  const digest = parseSeed(new VFile({ path: file, value: readFileSync(file) }), file);
  const story = digest?.stories.find((s) => headline.test(s.headline));
  if (!story) throw new Error(`no story ${headline} in ${file}`);
  return story;
};

describe('topics of long stories, paragraph by paragraph', () => {
  it('should ship a model that reads long stories by paragraph', () => {
    expect(data.topicModel?.passageWords).toBeGreaterThan(0);
  });

  it("should give a summit story its pipeline and technology threads beside the summit (seeds/2024-05.txt)", () => {
    const story = seedStory('seeds/2024-05.txt', /^Putin-Xi summit/);
    expect(new Set(tag(story).topics)).toEqual(new Set(['diplomacy', 'energy', 'technology']));
  });

  it("should not read a short story's passing mention as a thread: the same pipeline sentence in a short story", () => {
    const topics = tag({
      headline: 'Xi and Putin meet in Harbin',
      paragraphs: [
        'Vladimir Putin and Xi Jinping met in Harbin on Thursday and praised the state of relations between Russia and China, their foreign ministries said.',
        'The two leaders also mentioned the Power of Siberia 2 pipeline.',
      ],
    }).topics;
    expect(topics).toEqual(['diplomacy']);
  });
});
