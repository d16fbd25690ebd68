/** src/tag/salience.ts: a mention's link makes a partner only with the very mention it names. */
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../src/tag/entities.ts';
import { rankCountries } from '../../src/tag/salience.ts';

const at = (slug: string, start: number, link = -1): Mention => ({ kind: 'country', slug, group: -1, zone: 0, start, end: start + 1, factor: 1, link, adjective: true, weapon: false });

describe('salience: links', () => {
  const partnerOf = (mentions: Mention[], slug: string) => rankCountries(mentions).find((c) => c.slug === slug)?.partner ?? null;

  it('should make partners of a mention and the one its link names, adjacent or not', () => {
    // `Ukraine publishes list of Iranian parts in Russian cruise missiles`: Russian links to Iranian (entities.ts goodsPair).
    const mentions = [at('ukraine', 0), at('iran', 4), at('russia', 7, 4)];
    expect(partnerOf(mentions, 'russia')).toBe('iran');
    expect(partnerOf(mentions, 'iran')).toBe('russia');
    expect(partnerOf(mentions, 'ukraine')).toBeNull();
  });

  it('should break the link when the mention it names was dropped (an ambiguous name read as no country)', () => {
    // The mention at token 4 was read as a person and resolved away: Russia has no partner, least of all Ukraine.
    const mentions = [at('ukraine', 0), at('russia', 7, 4)];
    expect(partnerOf(mentions, 'russia')).toBeNull();
    expect(partnerOf(mentions, 'ukraine')).toBeNull();
  });
});
