/** Which country pairs a story is about, from its countries' salience; slugs made by src/pairs.ts. */

import { pairSlug } from '../pairs.ts';
import type { Mention, Watcher } from './entities.ts';
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
 * … or these, when the second country is plainly the other party: the story speaks of two
 * parties as one (`the two countries`, `both sides`, `the two navies`; entities.ts `twoParties`),
 * or the country recurs, named in two zones (the lead and a later paragraph, or two paragraphs),
 * so a lead mention alone (2) or two body mentions make the pair. On the train split: 164 stories
 * speak of two parties, none labelled one-country (+2, none lost); of the 55 whose second country
 * scores 1 to 2.5, 6 name it in two zones, 5 of them labelled with its pair and one one-country
 * story at 1.5; the 4 at 2 or more are won at share 0.15 (0.2 wins 2). Minimum 1.5 wins one
 * more, from two place mentions, and with share 0.1 loses the one-country story: 2 is kept, what
 * one lead mention as an actor scores.
 */
export const RELATED_MIN = 2;
export const RELATED_SHARE = 0.15;
/** A headline about one country's own weapons test: a second country must carry this share of its score. */
export const TEST_SHARE = 0.5;
/** A third country is a party when it is a headline actor with this many body actor mentions. */
export const THIRD_BODY_MENTIONS = 2;

/**
 * `pairs[0]` joins the two most salient countries (the second needs SECOND_MIN, or RELATED_MIN
 * when it is plainly the other party); a third country that is clearly a party
 * (an actor in the headline and again in the body) adds its pairs with both. One country: none.
 * Two countries coordinated in the headline (`Chinese and Russian bombers`, `U.S.–Iran talks`)
 * are the relationship the headline names: their pair comes first, whoever else is more salient.
 */
export function choosePairs(ranked: readonly CountrySalience[], twoParties = false, ownTest = false): string[] {
  const [a, b] = ranked;
  if (!a || !b) return [];
  const linked = headlinePair(ranked);
  const related = twoParties || b.zones >= 2;
  const min = related ? RELATED_MIN : SECOND_MIN;
  const share = ownTest && !b.helper ? TEST_SHARE : related ? RELATED_SHARE : SECOND_SHARE;
  if (b.score < min || b.score < share * a.score) return linked ? [linked] : [];
  const pairs = linked ? [linked, pairSlug(a.slug, b.slug)] : [pairSlug(a.slug, b.slug)];
  for (const c of ranked.slice(2, 4)) {
    if (c.headlineActor && c.bodyActorMentions >= THIRD_BODY_MENTIONS) {
      pairs.push(pairSlug(a.slug, c.slug), pairSlug(b.slug, c.slug));
    }
  }
  return [...new Set(pairs)];
}

/**
 * A country that brokers or mediates (entities.ts `openingMediator`) is the go-between of two
 * others' dealings (`Abu Dhabi brokers the year's first exchange of prisoners` between Russia and
 * Ukraine), so the pairs are chosen without it when two other countries are parties (RELATED_MIN
 * each); brokering between a government and its rebels leaves one, and the broker stays a party.
 */
export function withoutMediator(ranked: readonly CountrySalience[], mediator: string | undefined): readonly CountrySalience[] {
  if (mediator === undefined) return ranked;
  const others = ranked.filter((c) => c.slug !== mediator);
  return others.length >= 2 && (others[1] as CountrySalience).score >= RELATED_MIN ? others : ranked;
}

/** The pair of the most salient country coordinated with another in the headline, if both are real parties. */
export function headlinePair(ranked: readonly CountrySalience[]): string | undefined {
  for (const c of ranked) {
    if (c.partner === null || c.score < SECOND_MIN) continue;
    const other = ranked.find((r) => r.slug === c.partner);
    if (other && other.score >= SECOND_MIN) return pairSlug(c.slug, other.slug);
  }
  return undefined;
}

/**
 * Weapons at war (data/aliases.yaml `at_war`): when the primary pair joins the maker of a
 * headline's weapons (entities.ts `armsMakers`) with a country at war (`North Korean missiles hit
 * Kyiv, Ukrainian investigators say`), and the story names that country's adversary outside the headline, the
 * weapons were the adversary's to fire: the pair is maker and adversary (north-korea-russia).
 * Not when the headline names firms of the country at war (`Ukrainian drone makers run short of
 * Chinese parts`: its own supplies; `owners`, entities.ts `armsMakers`), nor when it names the
 * adversary (`American rockets hit Russian command post in Ukraine`: what the weapons hit). The
 * other pairs stay.
 */
export function armsAtWar(
  pairs: string[],
  ranked: readonly CountrySalience[],
  arms: { readonly makers: readonly string[]; readonly owners: readonly string[] },
  mentions: readonly Mention[],
  atWar: Readonly<Record<string, string>>,
): string[] {
  const { makers, owners } = arms;
  const [primary, ...rest] = pairs;
  if (primary === undefined || makers.length === 0) return pairs; // most stories: nothing to read
  const inHeadline = (slug: string): boolean => mentions.some((m) => m.zone === 0 && m.slug === slug);
  for (const { slug: country } of ranked) {
    const adversary = atWar[country];
    if (adversary === undefined || owners.includes(country) || inHeadline(adversary) || !ranked.some((c) => c.slug === adversary)) continue;
    for (const maker of makers) {
      if (maker !== adversary && maker !== country && primary === pairSlug(maker, country)) return [...new Set([pairSlug(maker, adversary), ...rest])];
    }
  }
  return [...pairs];
}

/**
 * Goods a watcher penalises on their way to a buyer (`EU adds Chinese firms to its sanctions
 * package`, the first paragraph saying they supplied drone engines to Russian arms makers): the
 * story is about the goods' country and the buyer, as when the headline names both (entities.ts
 * goodsPair). The goods' country is the most salient one whose firms or goods the headline names
 * (`owners`, entities.ts openingWatcher), neither the watcher nor the buyer; the other pairs stay.
 * With no buyer in the lead, the goods' other party is the story's `counterpart`, if it has one.
 */
export function watchedGoods(
  pairs: string[],
  ranked: readonly CountrySalience[],
  watched: Watcher | undefined,
  buyer: string | undefined,
  atWar: Readonly<Record<string, string>> = {},
): string[] {
  if (watched === undefined || buyer === watched.watcher) return pairs;
  const owner = ranked.find((c) => c.slug !== watched.watcher && c.slug !== buyer && watched.owners.includes(c.slug) && c.score >= SECOND_MIN);
  if (!owner) return pairs;
  const other = buyer ?? counterpart(ranked, watched, owner, atWar[owner.slug] ?? Object.keys(atWar).find((country) => atWar[country] === owner.slug));
  if (other === undefined || !ranked.some((c) => c.slug === other)) return pairs;
  return [...new Set([pairSlug(owner.slug, other), ...pairs])];
}

/**
 * The goods' other party when the first paragraph names no buyer (`watchedGoods`): the most
 * salient country that is neither the watcher, nor the goods' country, nor its enemy at war, named
 * as an actor outside the headline (not only as a place or a source), a party by score (RELATED_MIN,
 * and SECOND_SHARE of the watcher's). Only when the headline names one country's goods, that
 * country is the most salient but the watcher, and no country the headline names ranks above the
 * counterpart: a headline that names the other party already says who it is.
 */
function counterpart(ranked: readonly CountrySalience[], watched: Watcher, owner: CountrySalience, enemy: string | undefined): string | undefined {
  if (watched.owners.length !== 1 || ranked.find((c) => c.slug !== watched.watcher) !== owner) return undefined;
  const watcherScore = ranked.find((c) => c.slug === watched.watcher)?.score ?? 0;
  for (const c of ranked) {
    if (c.slug === watched.watcher || c === owner || c.slug === enemy) continue;
    if (c.headlineActor) return undefined;
    if (c.bodyActorMentions > 0 && c.score >= RELATED_MIN && c.score >= SECOND_SHARE * watcherScore) return c.slug;
  }
  return undefined;
}

/** Which rule gave a story its primary pair, or none (`news-digest check --explain`). */
export type PairRule = 'salience' | 'headline' | 'mediated' | 'watched-goods' | 'at-war' | 'own-test' | 'none';

/**
 * The rule behind the primary pair, from each step's answer in the order the tagger takes them
 * (`choosePairs`, then `watchedGoods`, then `armsAtWar`).
 */
export function pairRule(chosen: readonly string[], watched: readonly string[], final: readonly string[], ranked: readonly CountrySalience[], ownTest: boolean, mediated = false): PairRule {
  if (final[0] === undefined) return ownTest && ranked.length > 1 ? 'own-test' : 'none';
  if (final[0] !== watched[0]) return 'at-war';
  if (watched[0] !== chosen[0]) return 'watched-goods';
  if (mediated) return 'mediated';
  return headlinePair(ranked) === chosen[0] ? 'headline' : 'salience';
}
