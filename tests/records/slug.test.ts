/**
 * Slugs: plain-ASCII headlines skip the transliterator (src/records/slug.ts);
 * these hold the two ways equal, so no published URL can change with it.
 */
import { slugify as transliterate } from 'transliteration';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/records/slug.ts';
import { join } from 'node:path';
import { parsePath, ROOT } from '../helpers/seeds.ts';

/** The slug as every headline got it before the ASCII path, uncut: the cut after it is shared. */
const throughTransliteration = (text: string): string =>
  transliterate(text.normalize('NFC').replace(/['’ʼ`]/g, ''), { lowercase: true, separator: '-', trim: true }).replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');

/** A deterministic stream of printable-ASCII strings, every character class well mixed. */
function* asciiStrings(count: number): Generator<string> {
  let state = 0x2545f491;
  const next = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8);
  for (let n = 0; n < count; n++) {
    const length = next() % 120;
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(0x20 + (next() % 95));
    yield text;
  }
}

describe('slugify', () => {
  it('should give a plain-ASCII text the slug the transliterator gives it', () => {
    for (const text of asciiStrings(5000)) expect(slugify(text, Infinity), JSON.stringify(text)).toBe(throughTransliteration(text));
  });

  it('should give every headline of the seeds the same slug as before', () => {
    const headlines = ['2024-05.txt', '2025-05.txt'].flatMap((name) => parsePath(join(ROOT, 'seeds', name)).digest!.stories.map((story) => story.headline));
    expect(headlines.length).toBeGreaterThan(5);
    for (const headline of headlines) expect(slugify(headline, Infinity)).toBe(throughTransliteration(headline));
  });

  it.each([
    ['普京访华', 'pu-jing-fang-hua'],
    ['Kim’s visit to Vladivostok', 'kims-visit-to-vladivostok'],
    ['Ли Цян в Москве', 'li-cyan-v-moskve'],
    ['Café crème in Tehran', 'cafe-creme-in-tehran'],
    ['🚀🚀', ''],
  ])('should transliterate %j to %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(slugify(text, Infinity)).toBe(throughTransliteration(text));
  });
});
