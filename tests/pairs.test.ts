/** src/pairs.ts: the one owner of a pair slug's order, split and label, used by the tagger, the site and the checks. */
import { describe, expect, it } from 'vitest';
import { pairLabel, pairSlug, splitPair } from '../src/pairs.ts';
import { buildCatalog, createContext } from '../src/site/catalog.ts';
import { computeRelations } from '../src/site/relations.ts';
import { fallbackLabels, safeLabels } from '../src/site/labels.ts';
import { record } from './helpers/site-build.ts';

describe('pairs', () => {
  it('should order, split and label a pair of hyphenated country slugs one way', () => {
    expect(pairSlug('russia', 'north-korea')).toBe('north-korea-russia');
    expect(splitPair('north-korea-russia', ['russia', 'iran', 'north-korea'])).toEqual(['north-korea', 'russia']);
    expect(splitPair('north-korea-south-korea', [], new Set(['north-korea', 'south-korea']))).toEqual(['north-korea', 'south-korea']);
    expect(splitPair('china-china', ['china', 'china'])).toBeUndefined();
    expect(pairLabel('North Korea', 'Russia')).toBe('North Korea–Russia');
  });

  it('should give the site\'s catalog and its relations the same two countries for every pair', () => {
    const settings = { title: 'T', description: 'D', baseUrl: 'https://example.org/', pathPrefix: '/', language: 'en' };
    const records = [
      record({ date: '2024-05-01', slug: 'a', countries: ['russia', 'north-korea'], pairs: ['north-korea-russia'] }),
      // A pair whose countries the record does not list: both fall back to the countries the site knows.
      record({ date: '2024-05-02', slug: 'b', countries: ['south-korea', 'north-korea'], pairs: ['north-korea-south-korea'] }),
    ];
    const catalog = buildCatalog(records, createContext(settings, safeLabels(fallbackLabels)));
    const relations = computeRelations(records);
    for (const [slug, group] of catalog.tags.pair) {
      expect(group.countries.map((country) => country.slug)).toEqual(relations.pairs.get(slug)!.countries);
    }
    expect([...catalog.tags.pair.values()].map((group) => group.ref.label)).toEqual(['North Korea–Russia', 'North Korea–South Korea']);
  });
});
