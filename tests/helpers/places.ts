/**
 * One labelled place case for the default tagger: a story, the countries it must find and
 * must not, and its primary pair. Shared by tests/tag/places.test.ts and pairs-partners.test.ts.
 */
import { expect } from 'vitest';
import { loadTaggerData } from '../../src/tag/data.ts';
import { createTagger } from '../../src/tag/tagger.ts';

export const tagStory = createTagger(loadTaggerData());

export type PlaceCase = [name: string, headline: string, paragraphs: string[], has: string[], lacks: string[], pair: string | null];

export function checkPlaces([, headline, paragraphs, has, lacks, pair]: PlaceCase): void {
  const tags = tagStory({ headline, paragraphs });
  for (const slug of has) expect(tags.countries).toContain(slug);
  for (const slug of lacks) expect(tags.countries).not.toContain(slug);
  expect(tags.pairs[0] ?? null).toBe(pair);
}
