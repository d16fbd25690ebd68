/**
 * Small context rules around a mention: is it a person's name (`Michael Jordan`), the source
 * being quoted (`South Korea believes …`), or just the place something happened (`in Ukraine`)?
 * Sources and places still count, but less, so they do not become a story's pair.
 */

import type { TokenBuffer } from './tokens.ts';
import { matchAt, type Trie } from './trie.ts';

/** Capitalised words that do not make a neighbour a person's name (`In Jordan`, `And Chad`). */
const FUNCTION_WORDS = new Set(
  ('A An And As At Also Both But By Despite Either For From If In Into Including Like Meanwhile Near Neither Nor Of On ' +
    'Or Over Since So The Then Through To Toward Towards Under Unlike Until Visiting While With Within Without').split(' '),
);

/** Verbs that make the subject the source of a statement, not an actor in it. */
const REPORTING = new Set(
  ('said says say believes believe believed stated claimed claims claim reported reports revealed disclosed told ' +
    'estimates estimated assessed assesses indicated indicates confirmed alleged alleges noted').split(' '),
);

/** After the verb, pronoun + modal makes the speaker the actor too: `Trump says he would meet Kim`. */
const SELF = new Set('he she it they we'.split(' '));
/**
 * … and a singular pronoun with any verb (`Beijing says it caught a spy`, `the Kremlin said it had
 * …`): a country speaks of itself as `it`, so it tells its own act. `they` and `we` need a modal,
 * since `Taipei said they had …` is often about others (train split: with them −1).
 */
const ITSELF = new Set('he she it'.split(' '));
const INTENT = new Set('will would could can may might must plans intends wants is are has have'.split(' '));

/** Words allowed between a source and its verb: `South Korea's spy agency said`, `U.S. officials say`. */
const SOURCE_FILLER = new Set(
  ("' s ( ) government officials official intelligence ministry spokesman spokeswoman spokesperson sources media " +
    'analysts security national foreign defense defence state senior agency service services office department ' +
    'command authorities diplomats military army navy officer officers spy customs coast guard investigators prosecutors police ambassador envoy embassy minister president leader chief secretary regulator regulators ' +
    'the has have had also publicly reportedly previously').split(' '),
);

const isCapitalised = (word: string): boolean => word.length > 1 && word.charAt(0) !== word.charAt(0).toLowerCase();

/** A title-case line (`Jordan Signs Gas Deal`) says nothing about names; skip person rules there. */
export function isTitleCase(buffer: TokenBuffer): boolean {
  let long = 0;
  let capitalised = 0;
  for (let i = 0; i < buffer.count; i++) {
    const word = buffer.word(i);
    if (word.length < 4 || FUNCTION_WORDS.has(word)) continue;
    long++;
    if (isCapitalised(word)) capitalised++;
  }
  return long >= 3 && capitalised / long >= 0.7;
}

/** `Jordan Peterson`, `Michael Jordan`, `Chad Smith`: a capitalised non-entity word next to it. */
export function looksLikePerson<V>(trie: Trie<V>, buffer: TokenBuffer, start: number, end: number, nextOnly = false): boolean {
  const next = end < buffer.count ? buffer.word(end) : undefined;
  if (next !== undefined && isCapitalised(next) && !FUNCTION_WORDS.has(next) && !matchAt(trie, buffer, end, { end: 0, value: undefined })) {
    return true;
  }
  if (nextOnly) return false;
  const prev = start > 0 ? buffer.word(start - 1) : undefined;
  return prev !== undefined && isCapitalised(prev) && !FUNCTION_WORDS.has(prev);
}

export const SOURCE_FACTOR = 0.25;
/** A helper named once (`with Russian assistance`) scores at least this, what a pair's second country needs (pairs.ts, salience.ts). */
export const HELPER_FACTOR = 3;
export const PLACE_FACTOR = 0.5;

function lowerAt(buffer: TokenBuffer, i: number): string | undefined {
  return i >= 0 && i < buffer.count ? buffer.lower(i) : undefined;
}

/**
 * Weight factor for the mention `[start, end)`: 1 for an actor, less for a source or a place.
 * `nextStart` is where the next mention starts (a source's verb must come before it).
 */
export function roleFactor(buffer: TokenBuffer, start: number, end: number, nextStart: number, adjective = false): number {
  const lower = (i: number) => lowerAt(buffer, i);
  for (let j = end; j < Math.min(buffer.count, end + 9, nextStart); j++) {
    const word = lower(j) as string;
    if (REPORTING.has(word)) {
      const k = lower(j + 1) === 'that' ? j + 2 : j + 1;
      const self = lower(k) ?? '';
      return (SELF.has(self) && INTENT.has(lower(k + 1) ?? '')) || (ITSELF.has(self) && buffer.isWord(k + 1)) ? 1 : SOURCE_FACTOR;
    }
    if (!SOURCE_FILLER.has(word) && !isCapitalised(buffer.word(j))) break;
  }
  for (let j = Math.max(0, start - 4); j < start - 1; j++) {
    if (lower(j) === 'according' && lower(j + 1) === 'to') return SOURCE_FACTOR;
  }
  // `“Malaysian” blend`: a country in quotation marks is a label someone gave, not a party.
  if (isQuote(buffer, start - 1) && isQuote(buffer, end)) return SOURCE_FACTOR;
  // `aided by Russian engineers`, `with Chinese assistance`: named once, and still the party that helped.
  const after = isAny(buffer, end, HELP_FILLER) ? end + 1 : end;
  if (isAny(buffer, after, HELP_NOUNS)) return HELPER_FACTOR;
  if (isAny(buffer, start - 1, ['by', 'from']) && isAny(buffer, start - 2, HELP_VERBS)) return HELPER_FACTOR;
  // `in Ukraine`, `near the Polish border`, `the border with Poland`: where, not who.
  // Compared in place (`isAny`), not through `lower`: this runs for every mention.
  // `across eastern Mongolia`, `in northern Syria`: a region's adjective keeps the place word in reach.
  const before = isAny(buffer, start - 1, THE) || isAny(buffer, start - 1, REGIONS) ? start - 2 : start - 1;
  // `in Russian arsenal`, `in Chinese hands`: `in` before a demonym says whose, not where
  // (`in Chinese waters` is still a place, by its noun, below).
  // `instructors land in Niamey`, `a film week opens in Tehran`: where something arrives is its host, a party.
  const hosts = isAny(buffer, before, IN) && isAny(buffer, before - 1, ARRIVALS);
  if (isAny(buffer, before, PLACE_BEFORE) && !(adjective && isAny(buffer, before, IN)) && !hosts) return PLACE_FACTOR;
  if (isAny(buffer, before, WITH_OF) && isAny(buffer, before - 1, PLACE_NOUNS)) return PLACE_FACTOR;
  // `west of Hokkaido`, `a rail line to Ukraine`: a bearing and a route's end say where, like `via`.
  if (isAny(buffer, before, OF) && isAny(buffer, before - 1, COMPASS)) return PLACE_FACTOR;
  if (isAny(buffer, before, TO) && isAny(buffer, before - 1, ROUTES)) return PLACE_FACTOR;
  // `a strike on Kyiv`, `missiles hit Kharkiv`: the target of an attack is where it fell.
  if (isAny(buffer, before, ON) && isAny(buffer, before - 1, ATTACK_NOUNS)) return PLACE_FACTOR;
  if (isAny(buffer, before, ATTACK_VERBS)) return PLACE_FACTOR;
  if (isAny(buffer, end, PLACE_NOUNS)) return PLACE_FACTOR;
  if (!adjective && namesEvent(buffer, start, end)) return PLACE_FACTOR;
  return 1;
}

/**
 * `the Paris Olympics`, `a Moscow industry forum`, `At Doha energy forum`: a name before an event
 * (one word between allowed) is where the event met, its host city, not a party to
 * what was done there. A demonym is whose (`a Chinese trade fair`); a name joined by a dash is
 * the pair's own event (`the China-Russia Expo`).
 */
function namesEvent(buffer: TokenBuffer, start: number, end: number): boolean {
  if (start > 0 && !buffer.isWord(start - 1) && !isQuote(buffer, start - 1) && !buffer.is(start - 1, ',', false)) return false;
  if (isAny(buffer, end, EVENTS)) return true;
  return end < buffer.count && buffer.isWord(end) && isAny(buffer, end + 1, EVENTS);
}

/** Is token i one of `words` (lowercase), ignoring ASCII case? No string is made. */
function isAny(buffer: TokenBuffer, i: number, words: readonly string[]): boolean {
  if (i < 0 || i >= buffer.count || !buffer.isWord(i)) return false;
  for (const word of words) if (buffer.is(i, word, true)) return true;
  return false;
}

const THE = ['the'];
/** Adjectives of a country's part (`eastern Mongolia`), skipped like `the` before a place word. */
const REGIONS = ['eastern', 'western', 'northern', 'southern', 'central', 'northeastern', 'northwestern', 'southeastern', 'southwestern'];
const IN = ['in'];
const ARRIVALS = ['arrive', 'arrives', 'arrived', 'land', 'lands', 'landed', 'dock', 'docks', 'docked', 'deployed', 'stationed', 'opens', 'opened'];
const ON = ['on'];
const ATTACK_NOUNS = ['strike', 'strikes', 'attack', 'attacks', 'raid', 'raids', 'assault', 'assaults', 'bombardment', 'shelling'];
const ATTACK_VERBS = ['hit', 'hits', 'struck', 'bombed', 'shelled', 'pounded'];
const WITH_OF = ['with', 'of'];
const OF = ['of'];
const TO = ['to'];
/** Ways that lead somewhere: `a rail line to Ukraine`, `the route to Afghanistan` (their users are named otherwise). */
const ROUTES = ['line', 'lines', 'route', 'routes', 'railway', 'railways', 'pipeline', 'pipelines', 'corridor', 'road', 'highway', 'bridge', 'link', 'crossing'];
/** `west of Hokkaido`, `south of Vladivostok`: a bearing from a place. */
const COMPASS = ['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'];
/** Words before a country that make it the place of the news: `in`, `near`, `along`, `off`, `across` (what a route crosses). */
const PLACE_BEFORE = ['in', 'near', 'along', 'off', 'through', 'via', 'across'];
/**
 * A border, coast or airspace names a place: `the Polish border`, `the border with Poland`; so does
 * a stretch of a route (`the Mongolian stretch of the pipeline`, `the Hungarian section`, `the Kazakh
 * leg`): the country it crosses carries the line, it is not a party to it.
 */
const PLACE_NOUNS = ['border', 'borders', 'frontier', 'coast', 'coastline', 'waters', 'airspace', 'stretch', 'section', 'leg', 'segment'];
/** Nouns that make the country before them the helper of the news: `Russian engineers`, `Chinese assistance`. */
const HELP_NOUNS = ['help', 'assistance', 'aid', 'engineers', 'technicians', 'specialists', 'experts', 'advisers', 'advisors'];
const HELP_FILLER = ['technical', 'military', 'financial', 'economic', 'scientific'];
/** `aided by`, `helped by`, `backed by`, `help from`, `assistance from` a country. */
const HELP_VERBS = ['aided', 'helped', 'backed', 'assisted', 'help', 'assistance', 'support', 'aid'];

/** Events named after the city that hosts them (`namesEvent`). */
const EVENTS = ['summit', 'forum', 'conference', 'olympics', 'games', 'expo', 'fair', 'festival', 'biennale'];
const QUOTES = ['"', '“', '”', "'", '‘', '’', '«', '»'];
function isQuote(buffer: TokenBuffer, i: number): boolean {
  if (i < 0 || i >= buffer.count || buffer.isWord(i)) return false;
  for (const q of QUOTES) if (buffer.is(i, q, false)) return true;
  return false;
}
