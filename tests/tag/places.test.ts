/**
 * Places in context (src/tag/context.ts, `ambiguous:` in data/aliases.yaml): ambiguous names
 * decided once per story from cues anywhere in it, and pairs for any two countries. Every
 * sentence here is written for this file; each rule's table line in docs/tagging.md names
 * its test.
 */

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTagger } from '../../src/tag/tagger.ts';
import { loadTaggerData, TaggerDataError } from '../../src/tag/data.ts';
import { checkPlaces as check, tagStory as tag, type PlaceCase as Case } from '../helpers/places.ts';

const story = (headline: string, ...paragraphs: string[]) => tag({ headline, paragraphs });

// A US state is a place in the United States: its mentions count for the United States.
describe('places: Georgia, the US state or the country', () => {
  it.each<Case>([
    [
      'a congressman from Georgia in a story about something else',
      'Iranian drones shadow an American destroyer in the Arabian Sea',
      ['The Pentagon said the drones flew within a mile of the ship.', 'A congressman from Georgia called for hearings on the close passes.'],
      ['iran', 'united-states'], ['georgia'], 'iran-united-states',
    ],
    [
      'a governor and a state legislature in the body',
      'Georgia offers tax breaks to a Chinese solar panel maker',
      ['The governor told reporters the plant would employ 2,000 people.', 'The state legislature must still approve the incentives, and Chinese executives said they would wait.'],
      ['china', 'united-states'], ['georgia'], 'china-united-states',
    ],
    [
      'a US city several sentences away from the name',
      'Chinese battery firm picks Georgia for its first American factory',
      ['The company will build near Savannah, close to the port it will use for imports from China.', 'Georgia officials said the deal was the largest in the state’s history.'],
      ['china'], ['georgia'], 'china-united-states',
    ],
    [
      'a US senator and the state of',
      'Russian hackers targeted Georgia voter rolls, officials say',
      ['Senator Jon Ossoff said the attack on the state of Georgia’s election systems was traced to Russian military intelligence.', 'The Kremlin denied any role.'],
      ['russia', 'united-states'], ['georgia'], 'russia-united-states',
    ],
    [
      'the country: Tbilisi and the EU accession bid',
      'Georgia freezes EU accession talks as Russia applauds',
      ['Protesters filled the streets of Tbilisi after the Georgian Dream government shelved the country’s EU accession bid.', 'Moscow praised the decision.'],
      ['georgia', 'russia'], [], 'georgia-russia',
    ],
    [
      'the country: the Caucasus, even with a US senator quoted',
      'China offers Georgia a deep-water port deal',
      ['Chinese investors want to build the Anaklia port on Georgia’s Black Sea coast, a gateway to the South Caucasus.', 'A visiting US senator warned Tbilisi against the deal.'],
      ['georgia', 'china'], [], 'china-georgia',
    ],
  ])('should read %s', (...c) => check(c));
});

describe('places: Korea alone', () => {
  it.each<Case>([
    [
      'Korea’s with firms means South Korea',
      'Korea’s chip exports to China hit a record',
      ['Shipments of memory chips by Samsung and SK Hynix to Chinese buyers rose 40% in March, Korea’s trade ministry said.'],
      ['south-korea', 'china'], ['north-korea'], 'china-south-korea',
    ],
    [
      'Korean firms with no cue at all default to South Korea',
      'Korean shipbuilders win Russian LNG tanker orders',
      ['The Korean yards will deliver the tankers to Russian buyers despite Western pressure.'],
      ['south-korea', 'russia'], ['north-korea'], 'russia-south-korea',
    ],
    [
      'North Korean cues decide for the North',
      'Korea’s leader promises Russia more troops',
      ['Kim Jong Un told a visiting Russian delegation in Pyongyang that the Korean People’s Army stood ready.'],
      ['north-korea', 'russia'], ['south-korea'], 'north-korea-russia',
    ],
    [
      'the North as a cue',
      'Korean workers sent to Russian building sites',
      ['Thousands of laborers from the North have arrived in Vladivostok this year, Russian customs records show.'],
      ['north-korea', 'russia'], ['south-korea'], 'north-korea-russia',
    ],
  ])('should read %s', (...c) => check(c));

  it('should keep the Korean Peninsula and the Korean War as no country', () => {
    expect(story('Tensions rise on the Korean Peninsula', 'Veterans of the Korean War gathered.').countries).toEqual([]);
  });
});

describe('places: Jordan and Chad, countries or people', () => {
  it.each<Case>([
    [
      'a person named once in full, then by name alone',
      'Jordan Ellis bets Russia will cut oil exports',
      ['Jordan expects Russia and Saudi Arabia to agree on deeper cuts, he wrote in a note to clients.'],
      ['russia'], ['jordan'], null,
    ],
    [
      'the country, with Amman and the king',
      'Jordan and Iran agree to reopen embassies',
      ['King Abdullah received Iran’s foreign minister in Amman on Sunday.'],
      ['jordan', 'iran'], [], 'iran-jordan',
    ],
    [
      'Chad as a first name, later alone',
      'Trader Chad Morrison doubles down on Iranian crude',
      ['Chad thinks Chinese refiners will keep buying Iranian oil all year.'],
      ['iran'], ['chad'], null,
    ],
    [
      'Chad the country, with N’Djamena',
      'Russia courts Chad as French troops leave',
      ['Russian officials flew to N’Djamena to meet Chad’s military leaders.'],
      ['chad', 'russia'], [], 'chad-russia',
    ],
  ])('should read %s', (...c) => check(c));
});

describe('places: Niger, the river or the country', () => {
  it.each<Case>([
    [
      'the river, with riverbanks and Timbuktu',
      'Russian grain barges stuck as the Niger runs low',
      ['Boats near Timbuktu are stranded as the river falls, and Malian officials blame the drought.', 'Russia had promised to ship wheat upstream to Mali.'],
      ['mali', 'russia'], ['niger'], 'mali-russia',
    ],
    [
      'the country, with Niamey and the junta',
      'Niger’s junta signs a uranium deal with Russia',
      ['General Tiani received Russian envoys in Niamey.'],
      ['niger', 'russia'], [], 'niger-russia',
    ],
    [
      'Niger State is in Nigeria',
      'Chinese firm builds a dam in Niger State',
      ['Nigerian officials said China would finance most of the project.'],
      ['nigeria', 'china'], ['niger'], 'china-nigeria',
    ],
  ])('should read %s', (...c) => check(c));
});

describe('places: the Guineas and the Congos', () => {
  it.each<Case>([
    [
      '`Guinea` as shorthand in an Equatorial Guinea story',
      'China to finance a port in Equatorial Guinea',
      ['Beijing will lend money for a new terminal in Bata, officials in Malabo said.', 'Guinea’s oil minister called it a turning point.'],
      ['equatorial-guinea', 'china'], ['guinea'], 'china-equatorial-guinea',
    ],
    [
      'Guinea next to another Guinea: two countries',
      'Guinea and Guinea-Bissau settle a border dispute with Chinese mediation',
      ['Officials from Guinea and Guinea-Bissau signed the deal in Beijing.'],
      ['guinea', 'guinea-bissau', 'china'], [], 'guinea-guinea-bissau',
    ],
    [
      'Guinea (Conakry)',
      'Russia and Guinea discuss bauxite mining',
      ['Russian executives met Guinean ministers in Conakry about the Simandou deposits.'],
      ['guinea', 'russia'], ['equatorial-guinea'], 'guinea-russia',
    ],
    [
      '`Congo` with DR Congo cues',
      'China tightens its grip on cobalt in Congo',
      ['Chinese companies around Kolwezi now run most cobalt mines in the Congo, and President Tshisekedi wants better terms.'],
      ['dr-congo', 'china'], ['republic-of-the-congo'], 'china-dr-congo',
    ],
    [
      '`Congo` with Republic of the Congo cues',
      'Russia signs a military cooperation pact with Congo',
      ['The agreement was signed in Brazzaville, and Russian instructors will train the Congolese army.'],
      ['republic-of-the-congo', 'russia'], ['dr-congo'], 'republic-of-the-congo-russia',
    ],
    [
      'the Congo Basin is no country',
      'Chinese loggers move deeper into the Congo Basin',
      ['Satellite images show Chinese-run concessions spreading through the rainforest.'],
      ['china'], ['dr-congo', 'republic-of-the-congo'], null,
    ],
  ])('should read %s', (...c) => check(c));
});

describe('places: Turkey, the country or the bird', () => {
  it.each<Case>([
    [
      'the bird, with Thanksgiving and poultry cues',
      'Bird flu pushes up turkey prices as Chinese buyers cancel orders',
      ['Poultry farmers say a Thanksgiving Turkey now costs 30% more, and exports of frozen drumsticks to China have stalled.'],
      ['china'], ['turkey'], null,
    ],
    [
      'the country, with Ankara and Erdogan',
      'Turkey and Russia agree on a new gas hub',
      ['Erdogan and Putin discussed the plan in Ankara, and Turkish officials said it would open next year.'],
      ['turkey', 'russia'], [], 'russia-turkey',
    ],
  ])('should read %s', (...c) => check(c));
});

describe('places: pairs for any two countries', () => {
  it.each<Case>([
    [
      'India and Russia',
      'India and Russia agree to settle oil trade in rupees',
      ['Indian refiners will pay Russian suppliers in rupees, New Delhi said after talks with Moscow.'],
      ['india', 'russia'], [], 'india-russia',
    ],
    [
      'Belarus and China, the series countries absent',
      'Belarus and China open a joint industrial park',
      ['Lukashenko and Chinese officials opened the second phase near Minsk.'],
      ['belarus', 'china'], [], 'belarus-china',
    ],
    [
      'a pair through an ambiguous name',
      'Georgia and Azerbaijan agree on a new rail link',
      ['Officials in Tbilisi and Baku said the line would run through the South Caucasus.'],
      ['georgia', 'azerbaijan'], [], 'azerbaijan-georgia',
    ],
  ])('should pair %s', (...c) => check(c));
});

describe('places: where, not who', () => {
  it.each<Case>([
    [
      'a sea named after a country (Gulf of, Sea of, Bay of)',
      'Russian warships shadow a grain carrier in the Gulf of Thailand',
      ['The Russian navy said the carrier had left Vladivostok with wheat, and its frigates would stay in the Bay of Bengal until May.'],
      ['russia'], ['thailand'], null,
    ],
    [
      'a city whose name begins with a neighbour’s demonym',
      'Vietnam opens a freight terminal at Lao Cai for Chinese trains',
      ['Vietnamese officials said the terminal would handle containers from Kunming from July.'],
      ['vietnam', 'china'], ['laos'], 'china-vietnam',
    ],
    [
      'a neighbour named by its border is the place, the host is the party',
      'Chinese engineers survey a rail route in Kazakhstan near the Kyrgyz border',
      ['Kazakh officials said Chinese state companies would pay for most of the line.'],
      ['china', 'kazakhstan', 'kyrgyzstan'], [], 'china-kazakhstan',
    ],
    [
      'the border with a neighbour (a guard: right before too)',
      'Russian troops drill in Belarus along the border with Lithuania',
      ['The Belarusian army said the exercise would last a week, and Belarus will host a second round in March.'],
      ['belarus', 'russia'], [], 'belarus-russia',
    ],
  ])('should treat %s', (...c) => check(c));
});

describe('places: cues are data', () => {
  const dirs: string[] = [];
  const dataDir = (edit: (text: string) => string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'places-'));
    dirs.push(dir);
    cpSync('data', dir, { recursive: true });
    writeFileSync(join(dir, 'aliases.yaml'), edit(readFileSync(join(dir, 'aliases.yaml'), 'utf8')));
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should pick up a cue an editor adds', () => {
    const text = ['Georgia courts a Chinese carmaker', 'Officials in Dalton promised cheap land for the plant.'] as const;
    expect(story(...text).countries).toContain('georgia');
    const dir = dataDir((t) => t.replace('      united-states:   # a US state is a place in the United States\n        [', '      united-states:\n        [Dalton, '));
    const edited = createTagger(loadTaggerData(dir));
    expect(edited({ headline: text[0], paragraphs: [text[1]] }).countries).not.toContain('georgia');
  });

  it.each<[string, (text: string) => string, RegExp]>([
    ['a reading that is no country slug', (t) => t.replace('      united-states:   #', '      narnia: [Aslan]\n      united-states:   #'), /aliases\.yaml:\d+:\d+: error: Unexpected `narnia` at `ambiguous\.Georgia\.readings`/],
    ['a default that is no reading', (t) => t.replace('    default: georgia\n', '    default: atlantis\n'), /aliases\.yaml:\d+:\d+: error: Unexpected `atlantis` at `ambiguous\.Georgia\.default`/],
    ['a form claimed by two names', (t) => t.replace('    forms: [Korea, Korean, Koreans]', '    forms: [Korea, Korean, Koreans, Georgian]'), /aliases\.yaml:\d+:\d+: error: Unexpected `Georgian` at `ambiguous\.Korea\.forms`, already a form of `ambiguous\.Georgia`/],
    ['cues that are not a list', (t) => t.replace('      not-person: []\n', '      not-person: 3\n'), /aliases\.yaml:\d+:\d+: error: .*`ambiguous\.Jordan\.readings\.not-person`/],
  ])('should reject %s with the file and key', (_name, edit, message) => {
    const dir = dataDir(edit);
    expect(() => loadTaggerData(dir)).toThrow(TaggerDataError);
    expect(() => loadTaggerData(dir)).toThrow(message);
  });
});

// Two countries the headline joins with a dash (`India–Pakistan talks`) are the relationship it
// names, even when a third country is more salient; `and` alone does not join them (`Moscow and
// Beijing welcome Maduro` is two relationships with Venezuela). A mention separated from a name
// by a verb is its own reference (salience.ts, pairs.ts, entities.ts).
describe('places: the pair the headline names', () => {
  it.each<Case>([
    [
      'two names joined by an en dash, with the host more salient',
      'Qatar hosts India–Pakistan water talks',
      ['Qatari mediators opened the round in Doha on Monday.', 'Qatar has offered to host further sessions if the delegations agree.'],
      ['india', 'pakistan', 'qatar'], [], 'india-pakistan',
    ],
    [
      'two names joined by a hyphen, with the host more salient',
      'Brazil hosts Argentina-Chile fisheries talks',
      ['Brazilian mediators opened the round in Brasília on Monday.', 'Brazil has offered to host further sessions if the delegations agree.'],
      ['brazil', 'argentina', 'chile'], [], 'argentina-chile',
    ],
    [
      'a name and a capital two words apart with a verb between are two references',
      'Chinese banks in Cambodia expand as Phnom Penh courts Tokyo',
      ['Chinese lenders opened three branches this year.', 'Japan has offered cheaper loans for Cambodian roads.'],
      ['china', 'cambodia'], [], 'cambodia-china',
    ],
    [
      'a country and its own port joined by a possessive as one reference',
      'Sanctioned cargo finds a buyer at China’s Dalian terminal',
      ['Dalian port officials said the tanker from Russia unloaded on Friday, the first this year.', 'China bought the gas through a Beijing trading house, and Chinese buyers expect more Russian cargoes.'],
      ['china', 'russia'], [], 'china-russia',
    ],
  ])('should read %s', (...c) => check(c));
});

// Cities, provinces, ports and national firms name their country (data/aliases.yaml `countries:`),
// so a partner named only by one of them is still a party.
describe('places: a partner named by a city, a port or a firm', () => {
  it.each<Case>([
    ['a Chinese port in the headline', 'Kazakh grain trains reach Qingdao for the first time', ['The Kazakh rail operator said forty wagons arrived on Tuesday after a twelve-day run.'], ['kazakhstan', 'china'], [], 'china-kazakhstan'],
    ['a Russian oil port in the headline', 'Indian refiners book tankers loading at Kozmino', ['Indian buyers took six cargoes in March, traders said, paying in dirhams.'], ['india', 'russia'], [], 'india-russia'],
    ['a South Korean firm in the headline', 'Hanwha wins Polish howitzer order', ['The contract covers 200 guns to be delivered from 2027.', 'Polish officials said local plants would assemble half of them.'], ['poland', 'south-korea'], [], 'poland-south-korea'],
    ['a national oil company and a Chinese province', 'Aramco takes a stake in a Fujian refinery', ['The deal gives the company a quarter of the plant, its filings show.'], ['saudi-arabia', 'china'], [], 'china-saudi-arabia'],
    ['a largest city that is not the capital', 'Almaty dealers sell more Chinese cars than ever', ['Almaty importers said Chinese brands now sell one car in two.'], ['china', 'kazakhstan'], [], 'china-kazakhstan'],
    ['a port city that is not the capital', 'Karachi terminal handles first Chinese container ship', ['Karachi port officials said the ship carried Chinese machinery.'], ['china', 'pakistan'], [], 'china-pakistan'],
    ['a Far East port', 'Coal barges leave Nakhodka for Chinese power plants', ['Shippers said the barges would run until the ice closed the bay.'], ['russia', 'china'], [], 'china-russia'],
    ['a border rail station', 'Freight wagons pile up at Tumangang for the Russian line', ['Satellite images showed some forty wagons waiting on the sidings.'], ['north-korea', 'russia'], [], 'north-korea-russia'],
    ['a Malaysian state', 'Chinese chip testers open plants in Johor', ['The firms said they would hire 3,000 engineers over two years.'], ['china', 'malaysia'], [], 'china-malaysia'],
  ])('should read %s', (...c) => check(c));
});

// Adjectives the dataset lacks because its demonym differs (`Filipino` → also `Philippine`).
describe('places: adjectives beside the demonym', () => {
  it.each<Case>([
    ['Philippine beside Filipino', 'Japanese and Philippine troops hold joint landing drills', ['Philippine commanders said 400 Japanese soldiers took part.'], ['japan', 'philippines'], [], 'japan-philippines'],
    ['Nepali and Argentinian', 'Nepali workers and Argentinian beef reach Gulf markets', ['Nepali recruiters and Argentinian exporters both reported record months.'], ['nepal', 'argentina'], [], 'argentina-nepal'],
  ])('should read %s', (...c) => check(c));
});

// A country named once as the helper (`aided by Russian engineers`, `with Chinese assistance`) is
// a real party of the story, not a passing mention (roles.ts HELPER_FACTOR).
describe('places: a partner named once as the helper', () => {
  it.each<Case>([
    ['assistance after the demonym', 'Iran unveils a new long-range drone', ['Iranian state television showed the drone at a base near Isfahan on Sunday.', 'Analysts said the airframe was likely built with Chinese assistance, as Iran lacks the composite plants.'], ['iran', 'china'], [], 'china-iran'],
    ['engineers after the demonym', 'Myanmar junta opens a new munitions plant', ['The plant, visited by junta chief Min Aung Hlaing, will make artillery shells, state media said.', 'Diplomats said it was set up by Russian engineers over the past year.'], ['myanmar', 'russia'], [], 'myanmar-russia'],
    ['help from before the demonym', 'Vietnam commissions its first floating LNG terminal', ['Vietnamese officials said the terminal was financed with help from Japanese banks.', 'Vietnam expects the first cargo in June.'], ['vietnam', 'japan'], [], 'japan-vietnam'],
  ])('should read %s', (...c) => check(c));
});

// A country in quotation marks is a label someone gave (`“Malaysian” blend`), not a party (roles.ts).
describe('places: a quoted label is no party', () => {
  it.each<Case>([
    ['a quoted demonym in the headline', 'Venezuelan crude sold in Asia as “Brazilian” grade', ['Traders said the cargoes left Venezuela for Indian refiners on tankers that switched off their transponders.', 'India’s oil ministry declined to comment, and Brazilian officials denied any link.'], ['venezuela', 'india'], [], 'india-venezuela'],
  ])('should read %s', (...c) => check(c));
});
