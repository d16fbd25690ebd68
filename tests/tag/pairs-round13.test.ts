/**
 * Pairs, round 13: each rule chosen on a class of train-split misses (a speaker that tells its
 * own act, a country a route only crosses, goods on their way from maker to buyer); each held
 * here by sentences written for this file (not the corpus's). Each rule's line in
 * docs/tagging.md names its test.
 */

import { describe, it } from 'vitest';
import { checkPlaces as check } from '../helpers/places.ts';

// `Beijing says it caught …`: a speaker that says `it` (or `he`, `she`) did something tells its
// own act, so it is an actor (1), not a source (0.25), whatever the verb.
describe('pairs: a speaker that tells its own act', () => {
  it('should read the country that says it acted as a party', () => {
    check(['', 'Ankara says it detained Iranian agents plotting against dissidents', ['The suspects were held in a flat near the port, and Iranian officials did not comment.'], ['turkey', 'iran'], [], 'iran-turkey']);
    check(['', 'Manila says it expelled a Chinese diplomat over spying', ['The embassy was given 48 hours to send him home.'], ['philippines', 'china'], [], 'china-philippines']);
  });
});

// `the Afghan section of the gas line`, `across northern Afghanistan`: the country a route crosses
// carries it, a place (0.5), not a party to the deal it serves.
describe('pairs: a country a route only crosses', () => {
  it('should read a stretch of a line and what it runs across as places', () => {
    check(['', 'Pipe crews reach the Afghan section of the Turkmen gas line', ['The line will carry Turkmen gas across Afghanistan to Pakistan, whose state buyer signed a 30-year contract; Pakistani engineers joined the crews this week.'], ['turkmenistan', 'pakistan', 'afghanistan'], [], 'pakistan-turkmenistan']);
    check(['', 'Uzbek engineers survey a rail route across northern Afghanistan for Pakistani freight', ['Work on the first bridges could start next spring.'], ['uzbekistan', 'pakistan', 'afghanistan'], [], 'pakistan-uzbekistan']);
  });
});

// `Turkish goods bound for Iran`, `Japanese-made cash machines to Afghan banks`: goods on their way
// link maker and buyer, whoever hands them on; a maker's product is goods whatever its noun.
describe('pairs: goods on their way from maker to buyer', () => {
  it('should read goods bound for a buyer', () => {
    check(['', 'Armenia becomes a way station for Turkish goods bound for Iran', ['Trucks wait two days at the crossing, drivers say.'], ['armenia', 'turkey', 'iran'], [], 'iran-turkey']);
  });
  it('should read a maker’s product by its dash, whatever the noun', () => {
    check(['', 'Tashkent traders fed Japanese-made cash machines to Afghan banks', ['The machines were shipped in crates declared as office furniture.'], ['uzbekistan', 'japan', 'afghanistan'], [], 'afghanistan-japan']);
  });
});
