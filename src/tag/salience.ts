/**
 * Country salience: a headline mention weighs most, then the first paragraph, then the rest;
 * sources and places weigh less (see roles.ts). Ties go to the earlier first mention, then the
 * slug, so the order is deterministic.
 */

import type { Mention } from './entities.ts';

export const ZONE_WEIGHTS = { headline: 6, lead: 2, body: 1 } as const;

const zoneWeight = (zone: number): number =>
  zone === 0 ? ZONE_WEIGHTS.headline : zone === 1 ? ZONE_WEIGHTS.lead : ZONE_WEIGHTS.body;

export interface CountrySalience {
  readonly slug: string;
  readonly score: number;
  /** Named as an actor (not a source or place) in the headline. */
  readonly headlineActor: boolean;
  /** Actor mentions outside the headline. */
  readonly bodyActorMentions: number;
  /** The first country it is coordinated with in the headline (`Chinese and Russian`), or null. */
  readonly partner: string | null;
  /** In how many zones (headline, paragraphs) it is named. */
  readonly zones: number;
  /** Named as the helper of the news at least once (`with Russian assistance`, roles.ts HELPER_FACTOR). */
  readonly helper: boolean;
}

interface Tally {
  slug: string;
  score: number;
  first: number;
  headlineActor: boolean;
  bodyActorMentions: number;
  partner: string | null;
  zones: number;
  lastZone: number;
  helper: boolean;
}

/** Score a story's mentions (in zone and text order); most salient country first. */
export function rankCountries(mentions: readonly Mention[]): CountrySalience[] {
  const tallies = new Map<string, Tally>();
  let order = 0;
  let previous: Mention | undefined;
  for (const mention of mentions) {
    order++;
    if (mention.kind !== 'country') continue;
    const before = previous;
    previous = mention;
    const { zone, factor } = mention;
    let tally = tallies.get(mention.slug);
    if (!tally) {
      tally = { slug: mention.slug, score: 0, first: order, headlineActor: false, bodyActorMentions: 0, partner: null, zones: 0, lastZone: -1, helper: false };
      tallies.set(mention.slug, tally);
    }
    // A factor above 1 is a helper's (roles.ts): it scores at least that much, whatever its zone,
    // so `aided by Russian engineers` in the body counts and `Chinese engineers` in a headline is not tripled.
    if (tally.lastZone !== zone) {
      tally.zones++;
      tally.lastZone = zone;
    }
    tally.score += factor > 1 ? Math.max(zoneWeight(zone), factor) : zoneWeight(zone) * factor;
    if (factor > 1) tally.helper = true;
    if (factor >= 1 && zone === 0) tally.headlineActor = true;
    if (factor >= 1 && zone > 0) tally.bodyActorMentions++;
    // Only with the very mention it was joined to: when that one was dropped (an ambiguous name
    // read as no country), the link breaks.
    if (mention.link >= 0 && before && before.zone === zone && before.start === mention.link && before.slug !== mention.slug) {
      const other = tallies.get(before.slug) as Tally;
      tally.partner ??= other.slug;
      other.partner ??= tally.slug;
    }
  }
  return [...tallies.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map(({ slug, score, headlineActor, bodyActorMentions, partner, zones, helper }) => ({ slug, score, headlineActor, bodyActorMentions, partner, zones, helper }));
}
