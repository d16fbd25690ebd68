/**
 * Places and pairs, round 6 of issue #13: each rule chosen on a class of train-split misses,
 * each held here by sentences written for this file (not the corpus's). Each rule's line in
 * docs/tagging.md names its test.
 */

import { describe, it } from 'vitest';
import { checkPlaces as check, type PlaceCase as Case } from '../helpers/places.ts';

// Provinces and large cities of China that world-countries lacks name China, like Shanghai.
describe('partners: Chinese provinces and cities', () => {
  it.each<Case>([
    ['a city in the headline', 'Chengdu carmaker opens an assembly line in Minsk', ['The plant will build 20,000 cars a year, Belarusian officials said.'], ['china', 'belarus'], [], 'belarus-china'],
    ['a border city', 'Seoul police arrest a Yanji trader over missile parts', ['The trader shipped gyroscopes to buyers across the border for five years, South Korean police said on Friday.'], ['south-korea', 'china'], [], 'china-south-korea'],
    ['a province', 'Sichuan hydropower firm wins a dam contract in Nepal', ['Nepali officials signed the contract in Kathmandu on Monday.'], ['china', 'nepal'], [], 'china-nepal'],
  ])('should read %s', (...c) => check(c));
});
