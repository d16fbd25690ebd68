/**
 * Compile every country form, organisation form, not-a-country phrase and context cue into one
 * token trie, and find their mentions in a zone of a story (longest match wins, left to right;
 * cues on the way are counted, see context.ts).
 */

import type { TaggerData } from './types.ts';
import { TaggerDataProblem } from './validate.ts';
import { lemmaOf } from './lemmas.ts';
import { phraseTokens, type TokenBuffer } from './tokens.ts';
import { createTrie, insert, type Trie } from './trie.ts';
import { compilePlaces, walkAt, type Cued, type Places } from './context.ts';
import { isTitleCase, looksLikePerson, roleFactor } from './roles.ts';

export type EntityKind = 'country' | 'organization' | 'none' | 'ambiguous' | 'cue';

export interface Entity extends Cued {
  readonly kind: EntityKind;
  readonly slug: string; // '' for `none`, `ambiguous` and `cue`
  readonly nameLike: boolean;
  readonly group: number; // the ambiguous name (context.ts), -1 otherwise
  /** A demonym used as an adjective (`Russian`, `Chinese`), not a name (`Russia`, `Moscow`). */
  readonly adjective: boolean;
  /** A weapon named by model (`Su-35`, `KN-23`; data/aliases.yaml `weapons`): its maker, read as a demonym before a weapon. */
  readonly weapon?: boolean;
}

/** A mention in one zone (0 = headline, 1 = first paragraph, …), weighted by its role. */
export interface Mention {
  readonly kind: 'country' | 'organization';
  readonly slug: string; // '' while an ambiguous mention awaits its story's reading
  readonly group: number; // -1, or the ambiguous name it is a form of
  readonly zone: number;
  readonly start: number; // token index within the zone
  readonly end: number; // exclusive
  readonly factor: number; // 1 for an actor, less for a source or a place (roles.ts)
  /**
   * The first token of the country mention before it that it is joined to as one relationship
   * (-1: none): in the headline by `and`, `/` or a dash (`Chinese and Russian bombers`, `U.S.–Iran`)
   * or as the two whose goods a third country acts on; in the first paragraph as a joint force or
   * two subjects of a mutual verb.
   */
  readonly link: number;
  /** Named by a demonym (`Russian arsenal`), not by a name (`Russia`): see `isAdjective`. */
  readonly adjective: boolean;
  /** Named by a weapon's model (`Su-35`): the maker (`Entity.weapon`). */
  readonly weapon: boolean;
}

/** The compiled names: one trie for names, not-a-country phrases and cues, plus the ambiguous names. */
export interface Entities extends Places {
  readonly trie: Trie<Entity>;
}

export function compileEntities(data: TaggerData): Entities {
  const byPath = new Map<string, Entity>();
  const paths = new Map<string, string[]>();
  const put = (form: string, entity: Entity, overwrite: boolean): void => {
    const tokens = phraseTokens(form);
    if (tokens.length === 0) return;
    const key = tokens.join('\0');
    if (byPath.has(key) && !overwrite) {
      // Data, not misuse: two entries of data/aliases.yaml share a name (up to case and punctuation).
      const at = entity.kind === 'organization' ? `organizations.${entity.slug}.aliases` : `countries.${entity.slug}`;
      throw new TaggerDataProblem(`Unexpected \`${form}\` twice (last for \`${entity.slug}\`), expected each name once`, at);
    }
    byPath.set(key, entity);
    paths.set(key, tokens);
  };
  const nameLike = new Set(data.nameLike);
  for (const country of data.countries) {
    const forms = new Set(country.forms);
    for (const form of forms) {
      put(form, { kind: 'country', slug: country.slug, nameLike: nameLike.has(form), group: -1, cues: undefined, adjective: form !== country.name && isAdjective(form, forms) }, false);
    }
  }
  for (const [slug, forms] of Object.entries(data.weapons ?? {})) {
    // A name without a digit may be a person's too (`Iskander Bekov`): `nameLike`, read by the word after it only (findMentions).
    for (const form of new Set(forms)) put(form, { kind: 'country', slug, nameLike: !/\d/.test(form), group: -1, cues: undefined, adjective: true, weapon: true }, false);
  }
  for (const org of data.organizations) {
    for (const form of new Set(org.forms)) put(form, { kind: 'organization', slug: org.slug, nameLike: false, group: -1, cues: undefined, adjective: false }, false);
  }
  // An ambiguous name's forms replace the dataset's reading of them (`Georgia` is no longer
  // simply the country); its cues are attached to whatever the phrase already is.
  const places = compilePlaces(data.ambiguous ?? []);
  (data.ambiguous ?? []).forEach((name, group) => {
    const forms = new Set(name.forms);
    for (const form of forms) put(form, { kind: 'ambiguous', slug: '', nameLike: nameLike.has(form), group, cues: undefined, adjective: isAdjective(form, forms) }, true);
  });
  // Not-a-country phrases overwrite on purpose, and also match at a sentence start.
  const none: Entity = { kind: 'none', slug: '', nameLike: false, group: -1, cues: undefined, adjective: false };
  // … and in Title Case, as a headline set in capitals is read (case.ts): `We Are Not Guinea Pigs`.
  for (const phrase of data.notCountries) {
    put(phrase, none, true);
    put(capitalise(phrase), none, true);
    put(phrase.split(' ').map(capitalise).join(' '), none, true);
  }
  for (const [cue, reading] of places.cues) {
    for (const form of new Set([cue, capitalise(cue)])) {
      const tokens = phraseTokens(form);
      if (tokens.length === 0) continue;
      const key = tokens.join('\0');
      const entity = byPath.get(key) ?? { kind: 'cue', slug: '', nameLike: false, group: -1, cues: undefined, adjective: false };
      const cues = entity.cues?.includes(reading) ? entity.cues : [...(entity.cues ?? []), reading];
      byPath.set(key, { ...entity, cues });
      paths.set(key, tokens);
    }
  }
  const trie = createTrie<Entity>(false);
  for (const [key, entity] of byPath) insert(trie, paths.get(key) as string[], entity, true);
  return { trie, groups: places.groups, readings: places.readings };
}

const capitalise = (phrase: string): string => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/**
 * Is `form` one of its country's demonyms, used before a noun (`Russian arsenal`, `Chinese and
 * Russian bombers`)? The data keeps no such mark, but the shape tells: world.ts gives every
 * demonym its plural (`Russian`, `Russians`; `Kazakh`, `Kazakhs` in aliases), and the demonyms
 * without one end in -ese, -ish or -ch (`Chinese`, `Polish`, `French`), which no country's
 * name or capital does. A name is never the singular of another of its forms.
 */
export function isAdjective(form: string, forms: ReadonlySet<string>): boolean {
  if (form.includes(' ') && !/^(North|South|East|West|Central) /.test(form)) return false;
  return forms.has(`${form}s`) || /[a-z](ese|ish|ch)$/.test(form);
}

/**
 * At most two words apart, and those words a title (`Chinese President Xi`, `Chinese leader Xi`),
 * not a verb or a function word: `DR Congo expand as Kinshasa` and `Putin told the Russia…` are
 * two references, `Kremlin. Putin` too.
 */
function sameReference(buffer: TokenBuffer, from: number, to: number): boolean {
  if (to - from > 2) return false;
  // `China's Beihai`, `Russia's Kursk region`: a possessive joins a country to its own place.
  if (to - from === 2 && (buffer.is(from, "'", false) || buffer.is(from, '’', false)) && buffer.is(from + 1, 's', true)) return true;
  for (let i = from; i < to; i++) {
    if (!buffer.isWord(i)) return false;
    const word = buffer.word(i);
    if (word.charAt(0) === word.charAt(0).toLowerCase() && !TITLES.has(word)) return false;
  }
  return true;
}

/** Lower-case words that still belong to a name: `Chinese leader Xi`, `Russian defence minister Belousov`. */
const TITLES = new Set(
  ('leader president premier minister prime foreign defence defense supreme chairman chief envoy ambassador ' +
    'counterpart spokesman spokeswoman dictator ruler king crown prince general commander').split(' '),
);

/** `Chinese and Russian …`: two demonyms joined by `and`, waiting for the noun they share. */
const demonymsJoined = (buffer: TokenBuffer, a: Draft, b: Draft): boolean => a.adjective && b.adjective && buffer.is(a.end, 'and', true);

/**
 * `Chinese and Russian bombers`, `Chinese and Russian flotilla`: two demonyms before one military
 * noun are one joint force, so their pair is the headline's, whoever watches it (`Japan tracks …`).
 * Other nouns stay two parties (`Chinese and Indian firms` in a sanctions package on Russia), and
 * so does a verb's -ing form that shares a force's lemma: `Maltese and Cypriot shipping companies`
 * are two flags, not a fleet.
 */
function jointForce(buffer: TokenBuffer, a: Draft, b: Draft): boolean {
  return demonymsJoined(buffer, a, b) && lemmaAt(buffer, b.end, FORCES) && !buffer.lower(b.end).endsWith('ing');
}
/**
 * Two demonyms joined by `and` before the people who speak for them (`Chinese and Russian energy
 * officials`, `Chinese and Russian deputy foreign ministers`, two modifiers allowed) are one party of two
 * states meeting: the guests a third country hosts. Firms and goods are not (`EU targets Chinese
 * and Indian firms` names two targets, not a relationship). Headline only: in the lead it also
 * names two sides a third country meets (train split −1 when tried).
 */
function jointEnvoys(buffer: TokenBuffer, a: Draft, b: Draft): boolean {
  // A rank and a portfolio may both stand between (nounAt allows one word).
  if (!demonymsJoined(buffer, a, b)) return false;
  return nounAt(buffer, b.end, ENVOYS) >= 0 || (buffer.isWord(b.end) && nounAt(buffer, b.end + 1, ENVOYS) >= 0);
}
const ENVOYS = new Set(('official chief minister envoy delegation delegate diplomat leader negotiator representative ' +
  'counterpart commander general').split(' '));

/** Lemmas (lemmas.ts): `bombers`, `navies` and `forces` are found by `bomber`, `navy` and `force`. */
const FORCES = new Set(('bomber warship ship navy fleet flotilla jet fighter aircraft troop force soldier marine ' +
  'patrol submarine destroyer frigate coast').split(' '));

/** Is token i a word whose lemma is one of `lemmas`? */
function lemmaAt(buffer: TokenBuffer, i: number, lemmas: ReadonlySet<string>): boolean {
  return i < buffer.count && buffer.isWord(i) && lemmas.has(lemmaOf(buffer.lower(i)));
}

/** The token of a noun from `lemmas` at i or after one modifier (`energy officials`), or -1. */
function nounAt(buffer: TokenBuffer, i: number, lemmas: ReadonlySet<string>): number {
  if (lemmaAt(buffer, i, lemmas)) return i;
  return i < buffer.count && buffer.isWord(i) && lemmaAt(buffer, i + 1, lemmas) ? i + 1 : -1;
}

/**
 * `Kazakhstan and Russia agree to …`, `Putin and Kim sign …`: two names joined by `and` that open
 * the headline as the subject of a verb that takes two (agree, sign, meet, discuss) are the
 * relationship, whatever third country the deal is about. Other verbs keep two relationships
 * (`Moscow and Beijing congratulate Maduro`).
 */
function mutualSubjects(buffer: TokenBuffer, a: Draft, b: Draft): boolean {
  return a.start === 0 && buffer.is(a.end, 'and', true) && lemmaAt(buffer, b.end, MUTUAL);
}
const MUTUAL = new Set(['agree', 'sign', 'meet', 'discuss', 'pledge']);

/**
 * A demonym that names a language: joined to `language`/`speaking` by a hyphen
 * (`French-language`, `Russian-speaking`), or after `in` with no noun after it (`published in
 * Japanese`, `in French and Bambara`; `in Russian hands` is an owner, roles.ts).
 */
function isLanguage(buffer: TokenBuffer, start: number, end: number): boolean {
  if (end + 1 < buffer.count && buffer.is(end, '-', false) && (buffer.is(end + 1, 'language', true) || buffer.is(end + 1, 'speaking', true))) return true;
  if (start === 0 || !buffer.is(start - 1, 'in', true)) return false;
  if (end >= buffer.count || !buffer.isWord(end)) return true;
  const next = buffer.word(end);
  return next === 'and' || next === 'or';
}

/** `Gulf of`, `Sea of`, `Bay of`, `Strait of` right before a name: the name is a sea's. */
function namesWater(buffer: TokenBuffer, start: number): boolean {
  return start >= 2 && buffer.is(start - 1, 'of', true) && WATERS.has(buffer.lower(start - 2));
}
const WATERS = new Set(['gulf', 'sea', 'bay', 'strait', 'straits']);

/** Tokens that coordinate two countries into one relationship: `Chinese and Russian`, `U.S.–Iran`. */
const LINKS = ['/', '-', '–', '—'];
function isLink(buffer: TokenBuffer, i: number): boolean {
  for (const link of LINKS) if (buffer.is(i, link, true)) return true;
  return false;
}

const out: { end: number; value: Entity | undefined } = { end: 0, value: undefined };
const isCue = (entity: Entity): boolean => entity.kind === 'cue';

interface Draft {
  kind: 'country' | 'organization';
  slug: string;
  group: number;
  zone: number;
  start: number;
  end: number;
  factor: number;
  link: number;
  adjective: boolean;
  weapon: boolean;
}

/**
 * Append the mentions in the zone held by `buffer` to `into`, merging adjacent ones of one
 * country, and add the zone's cues for ambiguous names to `cues` (by reading index).
 */
export function findMentions(entities: Entities, buffer: TokenBuffer, zone: number, into: Mention[], cues: Float64Array): number {
  const { trie } = entities;
  const first = into.length;
  for (let i = 0; i < buffer.count; ) {
    const end = walkAt(trie, buffer, i, cues, isCue, out);
    const value = out.value;
    if (end === 0 || value === undefined) {
      i++;
      continue;
    }
    const start = i;
    i = end;
    if (value.kind === 'none' || value.kind === 'cue') continue;
    // `the Gulf of Finland`, `the Bay of Bengal`: a sea named after a country is no party to the story.
    if (value.kind !== 'organization' && !value.adjective && namesWater(buffer, start)) continue;
    // `French-language broadcasts`, `sites in Japanese`: a language, not its country.
    if (value.adjective && !value.weapon && isLanguage(buffer, start, end)) continue;
    // A weapon's name before a surname is a person's (`Iskander Bekov`); after a capitalised word it is still the weapon (`Russian Iskanders`).
    if (value.nameLike && !isTitleCase(buffer) && looksLikePerson(trie, buffer, start, end, value.weapon === true)) {
      // `Michael Jordan` is no country here, and evidence that the story's `Jordan` is a person.
      const person = value.group >= 0 ? (entities.groups[value.group]?.person ?? -1) : -1;
      if (person >= 0) cues[person] = (cues[person] as number) + 1;
      continue;
    }
    const kind = value.kind === 'organization' ? 'organization' : 'country';
    const last = into.length > first ? (into[into.length - 1] as Draft) : undefined;
    // `Russian President Vladimir Putin` is one reference to Russia, not two.
    if (last && last.slug === value.slug && last.group === value.group && last.kind === kind && sameReference(buffer, last.end, start)) {
      last.end = end;
      last.adjective = value.adjective; // what follows the last word is what it modifies
    }
    else into.push({ kind, slug: value.slug, group: value.group, zone, start, end, factor: 1, link: -1, adjective: value.adjective, weapon: value.weapon === true });
  }
  for (let k = first; k < into.length; k++) {
    const mention = into[k] as Draft;
    const nextStart = k + 1 < into.length ? (into[k + 1] as Draft).start : buffer.count;
    if (mention.kind === 'country') mention.factor = roleFactor(buffer, mention.start, mention.end, nextStart, mention.adjective);
  }
  // `Algeria's Su-30 crashes`, `Indian Rafales`, `its J-10C jets`: the operator's weapon, and its
  // maker no country of the story (a wrong country is a visible error). Removed from the last.
  for (let k = into.length - 1; k >= first; k--) if ((into[k] as Draft).weapon && operated(buffer, into as Draft[], first, k)) into.splice(k, 1);
  if (zone === 0) linkPairs(buffer, into, first);
  else if (zone === 1) leadPairs(buffer, into, first);
  return twoParties(buffer);
}

/**
 * Is the weapon mention at k named with its operator: another country's mention right before it
 * (`Indian Rafales`, `Algeria's Su-30`, `Indian Air Force Mi-17`, `the junta's Yak-130`, `Qatar
 * flies Rafale jets`: up to four tokens between, each a capitalised word, a possessive, a number,
 * or a verb or noun of using it), or a possessive pronoun (`its J-10C jets`, `their Shaheds`)?
 */
function operated(buffer: TokenBuffer, into: readonly Draft[], first: number, k: number): boolean {
  const weapon = into[k] as Draft;
  // `Egypt's J-10C deal`, `India's Rafale order`: the weapon changes hands, its maker is a party.
  if (nounAt(buffer, weapon.end, DEALS) >= 0) return false;
  const before = weapon.start - 1;
  if (before >= 0 && buffer.isWord(before) && OWNERS.has(buffer.lower(before))) return true;
  const operator = k > first ? (into[k - 1] as Draft) : undefined;
  if (!operator || operator.kind !== 'country' || operator.slug === weapon.slug || weapon.start - operator.end > 4) return false;
  // Between them only a name (`Air Force`) or a possessive (`junta's`): `Dnipro trace downed Shaheds` is no operator.
  const titled = weapon.start - operator.end > 0 && isTitleCase(buffer);
  for (let i = operator.end; i < weapon.start; i++) {
    if (buffer.is(i, "'", false) || buffer.is(i, '’', false) || buffer.is(i, '-', false)) continue;
    if (!buffer.isWord(i)) return false;
    const possessive = i + 2 <= weapon.start && (buffer.is(i + 1, "'", false) || buffer.is(i + 1, '’', false));
    if (buffer.is(i, 's', true) && i > operator.end) continue;
    // In a title-case line (or one set in capitals, read so) every word is capitalised: no sign of a name there.
    if (possessive || (!titled && buffer.word(i).charAt(0) !== buffer.lower(i).charAt(0)) || /^\d/.test(buffer.word(i)) || lemmaAt(buffer, i, USES) || lemmaAt(buffer, i, USERS) || buffer.is(i, 'test', true)) continue;
    return false;
  }
  return true;
}
/** Verbs of a weapon's user (lemmas): `Qatar flies Rafale jets`, `Armenian forces fired Pinaka rockets`, `Belarus test-fires Iskanders`. */
const USES = new Set('fly fire launch deploy field operate use ground parade scramble station'.split(' '));
/** … and its users (lemmas): `Armenian forces fired Pinaka rockets`. */
const USERS = new Set('force troop army navy unit crew pilot military'.split(' '));
const OWNERS = new Set(['its', 'their', 'his', 'her', 'our']);
const DEALS = new Set('deal order purchase sale contract acquisition delivery import'.split(' '));

/**
 * How many times the zone speaks of two parties as one (`the two countries`, `both sides`,
 * `the two navies`, `both governments`): the story is about a pair, so its second country
 * needs less salience to make one (pairs.ts). `two` or `both`, then at most one more word
 * (`the two main navies`), then a noun whose lemma names a party to a relationship; not `party`
 * itself: `the two main parties` of an election are one country's (the train figure is the same
 * without it).
 */
export function twoParties(buffer: TokenBuffer): number {
  let found = 0;
  for (let i = 0; i + 1 < buffer.count; i++) {
    if (!buffer.is(i, 'two', true) && !buffer.is(i, 'both', true)) continue;
    if (lemmaAt(buffer, i + 1, PARTIES) || (buffer.isWord(i + 1) && lemmaAt(buffer, i + 2, PARTIES))) found++;
  }
  return found;
}
/** Nouns (lemmas) for the parties to a relationship. */
const PARTIES = new Set(('country nation state side government navy army military leader capital neighbour neighbor ' +
  'ally president').split(' '));

/**
 * Mark headline mentions coordinated as one relationship: exactly two actors (not places:
 * `in Serbia and Hungary` names two places), joined by `and` or a dash; a list of three
 * (`Iranian, Russian and Chinese warships`) names no single pair.
 */
function linkPairs(buffer: TokenBuffer, into: Mention[], first: number): void {
  const joined = (k: number): boolean => {
    if (k <= first || k >= into.length) return false;
    const a = into[k - 1] as Draft;
    const b = into[k] as Draft;
    if (a.kind !== 'country' || b.kind !== 'country' || b.start !== a.end + 1) return false;
    return isLink(buffer, a.end) || buffer.is(a.end, ',', false) || jointForce(buffer, a, b) || jointEnvoys(buffer, a, b) || mutualSubjects(buffer, a, b);
  };
  for (let k = first + 1; k < into.length; k++) {
    const a = into[k - 1] as Draft;
    const b = into[k] as Draft;
    if (joined(k) && !buffer.is(a.end, ',', false) && !joined(k - 1) && !joined(k + 1) && a.factor >= 1 && b.factor >= 1) b.link = a.start;
    // `mediate between Afghanistan and Pakistan`, `flights between Moscow and Pyongyang`: the two
    // that `between` joins are the relationship, whoever else the headline names.
    else if (b.start === a.end + 1 && a.start > 0 && buffer.is(a.end, 'and', true) && buffer.is(a.start - 1, 'between', true) && a.kind === 'country' && b.kind === 'country') b.link = a.start;
  }
  goodsPair(buffer, into, first);
  goodsFlow(buffer, into, first);
}

/**
 * `Bishkek shell firms routed Chinese machine tools to Russian plants`: goods named by their
 * maker's demonym and sent `to`/`for` another country link maker and buyer, whoever moved them
 * (a broker or port of a third country, which stays a place in the story).
 */
function goodsFlow(buffer: TokenBuffer, into: Draft[], first: number): void {
  for (let k = first + 1; k < into.length; k++) {
    const a = into[k - 1] as Draft;
    const b = into[k] as Draft;
    if (a.kind !== 'country' || b.kind !== 'country' || a.slug === b.slug || a.link >= 0 || b.link >= 0) continue;
    if (!a.adjective || a.factor < 1) continue;
    // A maker's product is goods whatever its noun (`Chinese-built server racks to`, madeGoods).
    const goods = madeGoods(buffer, a.end, b.start) ?? nounAt(buffer, a.end, GOODS);
    if (goods < 0 || b.factor < 1) continue;
    // Sent straight on (`tools to`, `crude flowing to`, `goods bound for`), not a vessel's course
    // (`grain ship bound for`: the ship stands between).
    let to = goods + 1;
    while (to < b.start && lemmaAt(buffer, to, GOODS)) to++; // `car parts`, `oil products`
    if (to < b.start && isParticiple(buffer, to)) to++;
    if (to !== b.start - 1 || !towards(buffer, to)) continue;
    b.link = a.start;
  }
}

/**
 * `Chinese-built server racks`, `Korean-made phones`: a demonym joined by a dash to a participle
 * of making names a product, whatever its noun, so goods need not be one of GOODS. The token of
 * the product's last noun before `to`/`for` (at most two words after the participle), or undefined.
 */
function madeGoods(buffer: TokenBuffer, end: number, limit: number): number | undefined {
  if (end + 2 >= limit || !buffer.is(end, '-', false) || !lemmaAt(buffer, end + 1, MADE)) return undefined;
  for (let i = end + 2; i < Math.min(limit, end + 4); i++) {
    if (!buffer.isWord(i)) return undefined;
    if (towards(buffer, i + 1)) return i;
  }
  return undefined;
}
const MADE = new Set(['make', 'build', 'design', 'manufacture', 'assemble', 'produce']);

/**
 * A headline that opens with a country by name, acting on the things of two others, is about
 * those two: `Ukraine publishes list of Iranian parts in Russian cruise missiles`, `Britain
 * blacklists Chinese bank that cleared payments for Russian fuel`, `Washington blacklists Shenzhen
 * distributors of drone electronics for Russian makers` (whose goods: `ownsGoods`, `receives`). The finder,
 * the sanctioner or the reporter watches the relationship. Not when the two are listed as
 * separate parties (`one Russian and one Chinese`, `Russian ships, Chinese observers`), nor when
 * the subject's verb makes it a party (`Russia uses North Korean systems to intensify bombardment
 * of Ukrainian cities`, `Astana signs contracts …`): only a verb of finding, reporting or
 * penalising (WATCHES) before the first demonym; nor when the headline names another country.
 */
function goodsPair(buffer: TokenBuffer, into: Draft[], first: number): void {
  if (into.length - first < 3) return; // most headlines: no list to build
  // `Shenzhen and Hong Kong traders` are one country's firms: one party, named twice. A party is
  // its names in order; it reads as its first name up to its last's end and form.
  const parties: Draft[][] = [];
  for (const mention of into.slice(first)) {
    if (mention.kind !== 'country') continue;
    const names = parties.at(-1);
    const last = names?.at(-1);
    if (names && last && mention.slug !== '' && last.slug === mention.slug && mention.start === last.end + 1 && buffer.is(last.end, 'and', true)) names.push(mention);
    else parties.push([mention]);
  }
  if (parties.length !== 3) return;
  const [subject, a, b] = parties.map((names) => ({ ...(names[0] as Draft), end: (names.at(-1) as Draft).end, adjective: (names.at(-1) as Draft).adjective })) as [Draft, Draft, Draft];
  if (subject.start !== 0 || (subject.adjective && nounAt(buffer, subject.end, AUTHORITIES) < 0) || !ownsGoods(buffer, a) || !(ownsGoods(buffer, b) || receives(buffer, a, b))) return;
  if (a.link >= 0 || b.link >= 0 || new Set([subject.slug, a.slug, b.slug]).size < 3) return;
  if (buffer.is(a.end, 'and', true)) return;
  for (let i = a.end; i < b.start; i++) if (buffer.is(i, ',', false)) return;
  let watches = false;
  for (let i = subject.end; i < a.start && !watches; i++) watches = lemmaAt(buffer, i, WATCHES);
  // A link names the country mention right before it (salience.ts): b's first name to a's last.
  if (watches) (parties[2]![0] as Draft).link = (parties[1]!.at(-1) as Draft).start;
}
/**
 * Whose goods or firms a mention names: a demonym (`Iranian parts`), or a name or place right
 * before a noun of firms (`Shenzhen distributors`, `Hong Kong shell companies`); a country named
 * alone after the verb is a party the subject acts on (`China warns Japan over Taiwan`).
 */
function ownsGoods(buffer: TokenBuffer, mention: Draft): boolean {
  return mention.adjective || ownsFirms(buffer, mention);
}
/** A mention right before a noun of firms, one modifier allowed (`Shenzhen distributors`, `Ukrainian drone makers`). */
function ownsFirms(buffer: TokenBuffer, mention: Draft): boolean {
  return nounAt(buffer, mention.end, FIRMS) >= 0;
}
/**
 * Where a's goods go: a country named as a party after `for` or `to` (`Iranian cargo for Russia`,
 * `Russian tanker owners over fuel runs to Nampo`), when a names firms or goods, not a ship or a
 * force on its way somewhere (`Chinese survey ship heading to Philippines`, `troops pushed back to
 * Belarus border`: b is a place there).
 */
function receives(buffer: TokenBuffer, a: Draft, b: Draft): boolean {
  if (b.start === 0 || b.factor < 1 || !towards(buffer, b.start - 1)) return false;
  return ownsFirms(buffer, a) || nounAt(buffer, a.end, GOODS) >= 0;
}
/**
 * Who enforces the law for a state that watches (lemmas): `Latvian customs seizes …`, `Dutch
 * prosecutors charge …`, `Japanese coast guard photographs …`. Not a navy, a ministry or an
 * intelligence service, which act for their state (`Russian navy seizes Ukrainian grain ship
 * bound for Turkey` is Russia's own act).
 */
const AUTHORITIES = new Set('custom customs police prosecutor court investigator regulator authority inspector guard'.split(' '));
/** A participle between goods and where they go: `crude flowing to`, `parts shipped to`, `goods bound for`. */
const isParticiple = (buffer: TokenBuffer, i: number): boolean =>
  buffer.isWord(i) && (/^[a-z]+(?:ing|ed)$/.test(buffer.lower(i)) || buffer.is(i, 'bound', true));
/** Is token i `to` or `for`, before where goods go (`cargo for Russia`, `sold to Iran`)? */
const towards = (buffer: TokenBuffer, i: number): boolean => buffer.is(i, 'to', true) || buffer.is(i, 'for', true);
/** Goods (lemmas) a third country penalises or finds on their way to a buyer. */
const GOODS = new Set(('cargo crude oil fuel diesel gas coal grain chip part component good shipment export equipment ' +
  'motor engine electronics tool machinery drone missile shell munition ammunition weapon fertiliser fertilizer wheat ' +
  'metal steel aluminium aluminum copper ore timber lng petrol gasoline car vehicle truck').split(' '));
const FIRMS = new Set(('firm company trader distributor supplier shipper exporter importer refiner refinery bank lender ' +
  'owner operator maker manufacturer broker dealer middleman network entity front buyer seller').split(' '));
/**
 * Countries whose weapons a headline names by demonym (`North Korean missiles hit Kyiv`, `drone
 * crews`, `chips`): whose arms, not who fires them; and the countries whose firms it names
 * (`Ukrainian drone makers`): who holds them (pairs.ts `armsAtWar`). A maker's firm is no
 * weapon (`Turkish drone maker opens factory`), and there are no makers when the headline moves
 * arms to someone (`Ukraine receives Swedish missiles`, `… deliver …`): the holder is the buyer.
 */
export function armsMakers(buffer: TokenBuffer, into: readonly Mention[], first: number): { makers: string[]; owners: string[] } {
  const makers: string[] = [];
  const owners: string[] = [];
  for (let k = first; k < into.length; k++) {
    const m = into[k] as Draft;
    // An ambiguous demonym (`Korean`) is left out: its reading comes only from the whole story.
    if (m.kind !== 'country' || m.slug === '') continue;
    if (ownsFirms(buffer, m)) {
      if (!owners.includes(m.slug)) owners.push(m.slug);
      continue;
    }
    if (!m.adjective) continue;
    // A weapon named by model is one, whatever noun follows (`a KN-23 batch`, `Su-35 fighters`).
    const noun = m.weapon ? m.end - 1 : nounAt(buffer, m.end, ARMS);
    if (noun < 0 || nounAt(buffer, noun + 1, FIRMS) >= 0) continue;
    if (!makers.includes(m.slug)) makers.push(m.slug);
  }
  if (makers.length > 0) for (let i = 0; i < buffer.count; i++) if (lemmaAt(buffer, i, MOVES_ARMS)) return { makers: [], owners };
  return { makers, owners };
}
/**
 * A headline about one country's own weapons test (`India test-fires Agni-5 missile`, `North
 * Korea fires new Hwasong-20 missile into the sea`): one country named (a weapon's maker aside:
 * `Belarus test-fires Iskander missiles`), a weapon, and a test: the word itself, or a firing or
 * launch into or over a sea; not one aimed at someone (`at`, `on`, `against`, `toward`), nor a
 * fire that breaks out. Where they fall, whom they could reach and who tracks them are named
 * in the body; they are not a second party (pairs.ts `choosePairs`).
 */
export function ownTest(buffer: TokenBuffer, into: readonly Mention[], first: number): boolean {
  let slug: string | undefined;
  let weapon = false;
  for (let k = first; k < into.length; k++) {
    const m = into[k] as Mention;
    if (m.kind !== 'country') continue;
    if (m.weapon) {
      weapon = true;
      continue;
    }
    if (m.slug === '' || (slug !== undefined && m.slug !== slug)) return false;
    slug = m.slug;
  }
  if (slug === undefined) return false;
  let tests = false;
  let fires = false;
  let sea = false;
  for (let i = 0; i < buffer.count; i++) {
    if (!buffer.isWord(i)) continue;
    const lemma = lemmaOf(buffer.lower(i));
    if (AIMED.has(lemma)) return false;
    if (lemma === 'test') tests = true;
    // A verb after its subject, not `Fire breaks out at …`.
    else if (FIRES.has(lemma) && i > 0) fires = true;
    else if (SEAS.has(lemma)) sea = true;
    else if (ARMS.has(lemma) || TESTED.has(lemma)) weapon = true;
  }
  return weapon && (tests || (fires && sea));
}
const FIRES = new Set(['fire', 'launch']);
const SEAS = new Set(['sea', 'ocean', 'water']); // lemmas: `waters` is `water`
const AIMED = new Set(['at', 'on', 'against', 'toward', 'towards', 'retaliation', 'strike', 'attack', 'front', 'combat']);
const TESTED = new Set(['icbm', 'salvo', 'barrage']);

/** Weapons and their parts (lemmas), not people: `Belarusian troops` near a border are a force (FORCES), not a supply. */
const ARMS = new Set(('missile shell drone rocket munition ammunition artillery part chip component weapon warhead ' +
  'launcher bomb').split(' '));
const MOVES_ARMS = new Set(('buy receive get obtain order acquire import purchase deliver send supply give provide pledge ' +
  'donate ship transfer sell arrive reach').split(' '));

export interface Watcher {
  readonly watcher: string;
  readonly owners: readonly string[];
  /** The headline's word for a watcher that is no country (`Treasury`), to find its country in the lead (`leadWatcher`). */
  readonly subject?: string;
}

/**
 * A headline that opens with a watcher acting on goods or firms (`EU adds Chinese firms to its
 * sanctions list`, `Britain fines shipbroker over Russian diesel`, `Commerce adds Shenzhen
 * traders …`): a subject of at most three words, then a verb of finding, reporting or penalising
 * (WATCHES), and after it the countries whose firms or goods it names (`owners`). `watcher` is the
 * subject's slug when it is a country, '' when it is an organisation or a department; undefined
 * when the headline does not open so.
 */
export function openingWatcher(buffer: TokenBuffer, into: readonly Mention[], first: number): Watcher | undefined {
  const mentions = into.slice(first).filter((m) => m.kind === 'country');
  // Three words counted after a subject named as a country (`U.S.` is four tokens), else from the start.
  const from = mentions[0]?.start === 0 ? mentions[0].end : 1;
  for (let i = from; i < from + 3 && i < buffer.count; i++) {
    if (!buffer.isWord(i) || !lemmaAt(buffer, i, WATCHES)) continue;
    // Headlines put acts in the present: `Shandong refinery blacklisted over …` is what was done to the subject.
    if (buffer.lower(i).endsWith('ed')) return undefined;
    const subject = mentions.find((m) => m.start < i);
    // A demonym subject is a watcher only as an authority (`Latvian customs seizes`), not as goods (`Chinese tankers fine …`).
    if (subject && subject.adjective && nounAt(buffer, subject.end, AUTHORITIES) < 0) return undefined;
    const owners: string[] = [];
    for (const m of mentions) {
      // An ambiguous name (slug '', read only once the story is read) owns firms too: `Georgian shippers`.
      if (m.start > i && (nounAt(buffer, m.end, FIRMS) >= 0 || nounAt(buffer, m.end, GOODS) >= 0 || nounAt(buffer, m.end, ARMS) >= 0) && !owners.includes(m.slug)) owners.push(m.slug);
    }
    if (owners.length === 0) return undefined;
    return subject ? { watcher: subject.slug, owners } : { watcher: '', owners, subject: buffer.lower(i - 1) };
  }
  return undefined;
}

/**
 * A headline that opens with a country brokering or mediating (`Abu Dhabi brokers the year's first
 * exchange of prisoners`, `Qatar mediates …`): its slug, or undefined. Whether it is left out of
 * the pair depends on who else is a party (pairs.ts `withoutMediator`).
 */
export function openingMediator(buffer: TokenBuffer, into: readonly Mention[], first: number): string | undefined {
  const subject = into.slice(first).find((m) => m.kind === 'country');
  if (!subject || subject.start !== 0 || subject.slug === '' || subject.adjective) return undefined;
  for (let i = subject.end; i < subject.end + 3 && i < buffer.count; i++) {
    if (buffer.isWord(i) && lemmaAt(buffer, i, MEDIATES)) return subject.slug;
  }
  return undefined;
}
const MEDIATES = new Set(['broker', 'mediate', 'arbitrate']);

/**
 * The country of a watcher the headline names by its department alone (`Treasury designates …`,
 * `Commerce adds …`): the first paragraph's country named just before that word (`The U.S.
 * Treasury on January 21 sanctioned …`, `Britain's Treasury`), or '' when it names none.
 */
export function leadWatcher(buffer: TokenBuffer, into: readonly Mention[], first: number, subject: string): string {
  for (let k = first; k < into.length; k++) {
    const m = into[k] as Mention;
    if (m.kind !== 'country' || m.slug === '') continue;
    let at = m.end;
    if (buffer.is(at, "'s", true) || buffer.is(at, '’s', true)) at++;
    if (at < buffer.count && buffer.isWord(at) && buffer.lower(at) === subject) return m.slug;
  }
  return '';
}

/**
 * The buyer the first paragraph names for goods: a country after `to` or `for`, by name (`sold
 * to Iran`) or by a demonym before a noun of firms (`supplied drone engines to Russian arms
 * makers`, `to a Turkish buyer`), or a place after firms (`resold it to refiners in Shandong`),
 * after a verb of supplying in the same sentence, with the watcher not named between them (`shipped
 * gallium from China to U.S. buyers` are the watcher's own goods). Along a chain (`shipped to
 * Kyrgyzstan and resold to Russian arms makers`) the last destination is the buyer.
 */
export function leadBuyer(buffer: TokenBuffer, into: readonly Mention[], first: number, watcher: string): string | undefined {
  let buyer: string | undefined;
  let buyerEnd = 0;
  for (let k = first; k < into.length; k++) {
    const m = into[k] as Mention;
    if (m.kind !== 'country' || m.slug === '' || m.factor < 1) continue;
    let at = m.start - 1;
    if (at >= 0 && buffer.isWord(at) && ARTICLES.has(buffer.lower(at))) at--;
    let named = false;
    if (at >= 0 && towards(buffer, at)) named = !m.adjective || nounAt(buffer, m.end, FIRMS) >= 0;
    // `to refiners in Shandong`: the firms, then where they are.
    else if (at >= 2 && buffer.is(at, 'in', true) && lemmaAt(buffer, at - 1, FIRMS) && towards(buffer, at - 2)) named = true;
    if (!named) continue;
    let supplied = -1;
    for (let i = at - 1; i >= 0 && i >= at - 14; i--) {
      if (endsSentence(buffer, i)) break;
      if (lemmaAt(buffer, i, SUPPLIES)) {
        supplied = i;
        break;
      }
    }
    if (supplied < 0) continue;
    if (watcher !== '' && namedBetween(into, first, k, watcher, supplied)) continue;
    // A later destination replaces the first only along a chain in its sentence; another sentence tells another sale.
    if (buyer !== undefined && sentenceEnds(buffer, buyerEnd, m.start)) break;
    buyer = m.slug;
    buyerEnd = m.end;
  }
  return buyer;
}
/** Is `slug` named by a mention in [first, k) that starts after token `after`? */
function namedBetween(into: readonly Mention[], first: number, k: number, slug: string, after: number): boolean {
  for (let j = first; j < k; j++) if ((into[j] as Mention).kind === 'country' && (into[j] as Mention).slug === slug && (into[j] as Mention).start > after) return true;
  return false;
}
/** Does a sentence end at token i: a semicolon, or a full stop after a word of two letters or more (not `U.S.`)? */
function endsSentence(buffer: TokenBuffer, i: number): boolean {
  if (buffer.is(i, ';', false)) return true;
  return buffer.is(i, '.', false) && i > 0 && buffer.isWord(i - 1) && buffer.word(i - 1).length > 1;
}
/** Does a sentence end between tokens from and to? */
function sentenceEnds(buffer: TokenBuffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (endsSentence(buffer, i)) return true;
  return false;
}
const ARTICLES = new Set(['a', 'an', 'the']);
const SUPPLIES = new Set('supply sell resell ship export send deliver provide transfer route funnel divert smuggle'.split(' '));

/** Verbs (lemmas) of a country that watches, finds, reports or penalises what others do. */
const WATCHES = new Set(('sanction blacklist fine seize find publish show report say warn charge target add list accuse ' +
  'detect track intercept name ban expose freeze revoke indict designate penalise penalize impound').split(' '));

/**
 * The first paragraph's coordinations that name one relationship as surely as a headline's:
 * two names opening it as the subject of a mutual verb (`Armenia and Azerbaijan agreed at the
 * White House …`) and two demonyms before one military noun (`Ten Chinese and Russian warships
 * sailed …`). `between … and` stays headline-only: in the body it names routes and borders too
 * (`a railway between Serbia and Hungary`; train split −1 when tried).
 */
function leadPairs(buffer: TokenBuffer, into: Mention[], first: number): void {
  for (let k = first + 1; k < into.length; k++) {
    const a = into[k - 1] as Draft;
    const b = into[k] as Draft;
    if (a.kind !== 'country' || b.kind !== 'country' || b.start !== a.end + 1) continue;
    if (mutualSubjects(buffer, a, b) || jointForce(buffer, a, b)) b.link = a.start;
  }
}
