/** Which country pairs a story is about, from its countries' salience; slugs made by src/pairs.ts. */

import { pairSlug } from '../pairs.ts';
import type { CountrySalience } from './salience.ts';

/** The second country must carry this share of the first's score to form a pair at all. */
export const SECOND_SHARE = 0.2;
/**
 * … and at least this score: a headline mention, or more than one mention in the text, one of
 * them in the first paragraph or as an actor (2 + 0.5: a lead mention and a place or source).
 * 3 (round 3) left out partners named in the lead and again as where or who said; on the train
 * split 2.5 won 2 stories and lost none, 2 won 9 and lost 6 one-country stories.
 */
export const SECOND_MIN = 2.5;
/**
 * … or this, when the story speaks of two parties as one (`the two countries`, `both sides`,
 * `the two navies`; entities.ts `twoParties`): then a second country named once in the lead is
 * the other party.
 */
export const TWO_PARTIES_MIN = 2;
/** A third country is a party when it is a headline actor with this many body actor mentions. */
export const THIRD_BODY_MENTIONS = 2;

/**
 * `pairs[0]` joins the two most salient countries; a third country that is clearly a party
 * (an actor in the headline and again in the body) adds its pairs with both. One country: none.
 * Two countries coordinated in the headline (`Chinese and Russian bombers`, `U.S.–Iran talks`)
 * are the relationship the headline names: their pair comes first, whoever else is more salient.
 */
export function choosePairs(ranked: readonly CountrySalience[], twoParties = false): string[] {
  const [a, b] = ranked;
  if (!a || !b) return [];
  const linked = headlinePair(ranked);
  const min = twoParties ? TWO_PARTIES_MIN : SECOND_MIN;
  if (b.score < min || b.score < SECOND_SHARE * a.score) return linked ? [linked] : [];
  const pairs = linked ? [linked, pairSlug(a.slug, b.slug)] : [pairSlug(a.slug, b.slug)];
  for (const c of ranked.slice(2, 4)) {
    if (c.headlineActor && c.bodyActorMentions >= THIRD_BODY_MENTIONS) {
      pairs.push(pairSlug(a.slug, c.slug), pairSlug(b.slug, c.slug));
    }
  }
  return [...new Set(pairs)];
}

/** The pair of the most salient country coordinated with another in the headline, if both are real parties. */
function headlinePair(ranked: readonly CountrySalience[]): string | undefined {
  for (const c of ranked) {
    if (c.partner === null || c.score < SECOND_MIN) continue;
    const other = ranked.find((r) => r.slug === c.partner);
    if (other && other.score >= SECOND_MIN) return pairSlug(c.slug, other.slug);
  }
  return undefined;
}
