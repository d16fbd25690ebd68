/**
 * Places and pairs read through third countries (issue #13): each rule chosen on a class of
 * train-split misses where a transit country, a host city or a forum's venue stood between the
 * two parties; each held here by sentences written for this file (not the corpus's). Each rule's
 * line in docs/tagging.md names its test.
 */

import { describe, it } from 'vitest';
import { checkPlaces as check } from '../helpers/places.ts';

// `X goods … to Y`: goods named by their maker's demonym and sent to another country make the
// pair of maker and buyer, whoever routed them (a shell firm in a third country, a port).
describe('pairs: one country’s goods sent to another', () => {
  it('should read the maker and the buyer, not the middleman', () => {
    check(['', 'Tbilisi traders routed Japanese car parts to Iranian assembly plants', ['Georgian prosecutors said the parts crossed Armenia by truck over two years.'], ['japan', 'iran'], [], 'iran-japan']);
    check(['', 'Almaty brokers sold Korean truck engines to Afghan buyers, invoices show', ['The engines crossed the border at Khorgos in sealed containers.'], ['south-korea', 'afghanistan'], [], 'afghanistan-south-korea']);
  });
});

// Two demonyms joined before an envoy noun name one joint delegation even when a rank and a
// portfolio stand between (`Chinese and Russian deputy foreign ministers`).
describe('pairs: two countries’ envoys with a rank between', () => {
  it('should read a joint delegation whose envoys carry a rank', () => {
    check(['', 'Astana hosts Turkish and Azerbaijani deputy energy ministers', ['The two delegations discussed a pipeline across the Caspian Sea, Kazakh officials said.'], ['turkey', 'azerbaijan'], [], 'azerbaijan-turkey']);
  });
});

// `the Paris Olympics`, `a Moscow industry forum`: a city naming an event is where it met, a
// place (0.5), not a party to what was agreed there.
describe('pairs: a city that names an event is its venue', () => {
  it('should read the parties that met, not the host city', () => {
    check(['', 'Vietnam and Indonesia sign a fisheries pact at the Tokyo summit', ['Both governments said patrols would begin in March.'], ['vietnam', 'indonesia'], [], 'indonesia-vietnam']);
    check(['', 'At a Minsk trade forum, Turkish firms court Egyptian buyers', ['Contracts worth $300 million were signed on the first day.'], ['turkey', 'egypt', 'belarus'], [], 'egypt-turkey']);
  });
});
