import { describe, expect, it } from 'vitest';
import { capitalWords, isInCapitals, titleCased } from '../../src/tag/case.ts';
import { loadTaggerData } from '../../src/tag/data.ts';
import { createTagger } from '../../src/tag/tagger.ts';
import { loadCorpus } from '../../scripts/eval.ts';

const data = loadTaggerData('data');

describe('zones set in capitals', () => {
  it('should tell a headline in capitals from one with acronyms in it', () => {
    expect(isInCapitals('RUSSIA AND CHINA SIGN ARCTIC SHIPPING PACT')).toBe(true);
    expect(isInCapitals('IRAN TESTS A NEW SPACE LAUNCHER!')).toBe(true);
    expect(isInCapitals('US and DPRK envoys meet at the UN')).toBe(false);
    expect(isInCapitals('UN, EU')).toBe(false); // too few letters to say
  });

  it('should read it in Title Case, keeping the words names are known in capitals, at the same offsets', () => {
    const keep = capitalWords(data);
    for (const word of ['US', 'UN', 'DPRK', 'NATO']) expect(keep).toContain(word);
    const text = 'US SANCTIONS DPRK FIRMS OVER NATO TALKS IN SEOUL’S NAME';
    const read = titleCased(text, keep);
    expect(read).toBe('US Sanctions DPRK Firms Over NATO Talks In Seoul’s Name');
    expect(read.length).toBe(text.length);
  });

  it('should tag a headline in capitals as the same headline in its own case (every train story)', () => {
    const tag = createTagger(data);
    const stories = loadCorpus().filter((s) => s.split === 'train');
    const differ = stories.filter((story) => {
      const own = tag(story);
      const capitals = tag({ ...story, headline: story.headline.toUpperCase() });
      return own.pairs[0] !== capitals.pairs[0] || own.topics.join() !== capitals.topics.join();
    });
    expect(stories.length).toBeGreaterThan(900);
    expect(differ.map((s) => s.headline)).toEqual([]);
  });

  it('should keep a phrase that is no country none in capitals, where every word is read capitalised', () => {
    const tag = createTagger(data);
    for (const headline of ['Villagers say they are not guinea pigs for the Kazakh reactor', 'Oil spill in the Gulf of Guinea reaches Nigerian beaches']) {
      const capitals = tag({ headline: headline.toUpperCase(), paragraphs: [] }).countries;
      expect(capitals).not.toContain('guinea');
      expect(capitals).toEqual(tag({ headline, paragraphs: [] }).countries);
    }
  });
});

