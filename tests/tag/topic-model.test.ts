import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagger } from '../../src/tag/tagger.ts';
import { loadTaggerData, TaggerDataError } from '../../src/tag/data.ts';
import { codeVersion } from '../../src/engine/paths.ts';
import { lemmaOf } from '../../src/tag/lemmas.ts';
import { trainFromFiles } from '../../scripts/train.ts';
import { assignSplits, splitOf } from '../../scripts/split.ts';
import { evalFiles, loadEvalStories } from '../../scripts/eval.ts';

// Sentences written for these tests (not taken from eval/): each names its class in `it`.
const tag = createTagger(loadTaggerData());
const topicsOf = (headline: string, ...paragraphs: string[]) => tag({ headline, paragraphs }).topics;

describe('topics: word forms the taxonomy lists in another form', () => {
  it.each<[string, string, string, string[]]>([
    [
      'hosted',
      'diplomacy',
      "Astana welcomes the Mongolian president",
      [
        "Kazakhstan hosted President Khurelsukh for two days this week, the first such trip in six years.",
        "Tokayev and his guest hosted a joint press conference and agreed to meet again next spring in Ulaanbaatar.",
      ],
    ],
    [
      'holding-talks',
      'diplomacy',
      "Vietnamese leader in Vientiane",
      [
        "Vietnam\'s prime minister is holding talks with his Lao opposite number on the Mekong dams.",
        "The two men toured a hydropower site near the border on Friday morning.",
      ],
    ],
    [
      'film-festival',
      'culture',
      "Russian directors take the stage in Goa",
      [
        "Twelve new Russian features opened a week of screenings in India on Saturday.",
        "The festival, now in its fourth year, will travel to Mumbai and Delhi in the spring, and actors met audiences after each screening.",
      ],
    ],
    [
      'student-exchange',
      'culture',
      "Minsk and Beijing to double their student exchange",
      [
        "Belarus and China will send twice as many undergraduates to each other\'s campuses next year under a student exchange, officials in Minsk said.",
        "Chinese is now the second foreign language taught in Belarusian schools.",
      ],
    ],
    [
      'embargo-evaded',
      'sanctions',
      "How a Dubai trading house kept Venezuelan cargoes moving",
      [
        "Prosecutors say the firm ran tankers under false flags for three years.",
        "It evaded the embargo by renaming ships and switching off their transponders near Malaysia.",
      ],
    ],
    [
      'deliveries',
      'arms-transfers',
      "Kyiv tracks a new delivery from Pyongyang",
      [
        "Ukrainian officials say Russia has taken delivery of North Korean howitzers and a shipment of rockets, carried by rail across the Tumen River.",
        "The delivery was the third this year, they said.",
      ],
    ],
    [
      'orchestra-tour',
      'culture',
      "Mariinsky musicians play to packed halls in Shanghai",
      [
        "A Russian orchestra and ballet company opened a month-long tour of Chinese concert halls on Tuesday.",
        "Tickets for the six concerts sold out within hours, the organisers said.",
      ],
    ],
    [
      'sport',
      'culture',
      "Iranian wrestlers take three medals in Kazan",
      [
        "Iran's athletes finished second in the team standings at the tournament, behind the Russian hosts.",
        "The championship was the first the two federations had staged together.",
      ],
    ],
    [
      'party-congress',
      'politics',
      "Vietnam's Communist Party picks a new general secretary",
      [
        "Delegates to the party congress in Hanoi elevated To Lam and named a new politburo on Friday.",
        "The congress meets once every five years.",
      ],
    ],
  ])('should read %s as %s', (_case, topic, headline, paragraphs) => {
    expect(topicsOf(headline, ...paragraphs)).toContain(topic);
  });
});

describe('topics: metaphors and look-alikes (negative phrases)', () => {
  it.each<[string, string, string, string[]]>([
    [
      'orbit',
      'space',
      "Armenia drifts out of Moscow's orbit",
      [
        "Yerevan has frozen its participation in the Russian-led security bloc and is courting Paris and Brussels, pulling the country steadily out of Moscow\'s orbit.",
        "Officials in Yerevan say the country no longer wants to sit within the Kremlin\'s orbit, and Russia\'s ambassador protested.",
      ],
    ],
    [
      'brothers',
      'arms-transfers',
      "Lukashenko hails Russians and Belarusians as brothers in arms",
      [
        "At a wreath-laying ceremony in Minsk, Alexander Lukashenko called the two nations brothers in arms who had stood together in every war.",
        "He praised the partnership between the two governments and said no one could divide comrades in arms.",
      ],
    ],
    [
      'nuclear-option',
      'nuclear',
      "Beijing weighs the nuclear option in its tariff fight",
      [
        "Chinese officials are considering what traders call the nuclear option: a ban on exports of rare earths to the United States.",
        "Commerce ministry advisers said the nuclear option would hurt Chinese producers too, and Washington warned of retaliation.",
      ],
    ],
    [
      'arms-as-limbs',
      'arms-transfers',
      "Arms raised, Chinese lifters sweep the podium in Moscow",
      [
        "Arms outstretched, the Chinese champion held the bar overhead for three seconds as the Russian crowd rose.",
        "Her coach, arms folded, watched from the side of the stage.",
      ],
    ],
  ])('should not read %s as %s', (_case, topic, headline, paragraphs) => {
    expect(topicsOf(headline, ...paragraphs)).not.toContain(topic);
  });
});

describe('lemmas (wink-lemmatizer)', () => {
  it.each([
    ['held', 'hold'],
    ['hosted', 'host'],
    ['talks', 'talk'],
    ['deliveries', 'delivery'],
    ['evaded', 'evade'],
    ['festivals', 'festival'],
    ['spies', 'spy'],
  ])('should read %s as %s', (word, lemma) => {
    expect(lemmaOf(word)).toBe(lemma);
  });

  it('should leave short words, numbers and non-ASCII words alone', () => {
    expect(['us', 'g7', '2025', 'türkiye'].map(lemmaOf)).toEqual(['us', 'g7', '2025', 'türkiye']);
  });
});

describe('the trained model (data/topic-model.json)', () => {
  const dirs: string[] = [];
  const copyData = () => {
    const dir = mkdtempSync(join(tmpdir(), 'topic-model-'));
    dirs.push(dir);
    cpSync('data', dir, { recursive: true });
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('should be what `npm run train` makes from the train split, byte for byte', () => {
    expect(trainFromFiles().text).toBe(readFileSync('data/topic-model.json', 'utf8'));
  }, 300_000); // ~50 s alone: the word vectors and the neighbours of 17,000 words

  it('should be part of the build\'s code version, so caches of old tags are not reused', async () => {
    const dir = copyData();
    const before = await codeVersion(dir);
    const file = join(dir, 'topic-model.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"fallback": ', '"fallback": 0.0'));
    expect(await codeVersion(dir)).not.toBe(before);
  });

  it('should report a broken model file by name, with what to do', () => {
    const dir = copyData();
    writeFileSync(join(dir, 'topic-model.json'), '{"version": 1, "topics": [');
    expect(() => loadTaggerData(dir)).toThrow(TaggerDataError);
    expect(() => loadTaggerData(dir)).toThrow(/topic-model\.json.*npm run train/);
    writeFileSync(join(dir, 'topic-model.json'), '{"version": 2}');
    expect(() => loadTaggerData(dir)).toThrow(/Unexpected content in .*topic-model\.json, expected a topic model of version 1/);
  });
});

describe('the train/test split', () => {
  it('should be fixed in every corpus file, about a quarter test, eval/stories.yaml all train', () => {
    const stories = evalFiles().flatMap((file) => loadEvalStories(file));
    const corpus = stories.filter((s) => !s.file.endsWith('stories.yaml'));
    const test = corpus.filter((s) => s.split === 'test').length;
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(test / corpus.length).toBeGreaterThan(0.15);
    expect(test / corpus.length).toBeLessThan(0.35);
    expect(stories.filter((s) => s.file.endsWith('stories.yaml')).every((s) => s.split === 'train')).toBe(true);
    for (const file of evalFiles().filter((f) => !f.endsWith('stories.yaml'))) {
      expect(readFileSync(file, 'utf8').match(/^ {4}split: (train|test)$/gm)?.length).toBe(loadEvalStories(file).length);
    }
  });

  it('should follow the headline hash and keep a split once written', () => {
    for (const s of evalFiles().flatMap((file) => loadEvalStories(file)).filter((s) => !s.file.endsWith('stories.yaml'))) {
      expect(s.split).toBe(splitOf(s.headline));
    }
    const text = 'stories:\n  - headline: A\n    topics: [trade]\n    split: test\n  - headline: B\n    topics: [trade] # kept\n';
    const next = assignSplits(text);
    expect(next).toContain('split: test\n  - headline: B');
    expect(next).toContain(`split: ${splitOf('B')}`);
    expect(next).toContain('# kept');
    expect(assignSplits(next)).toBe(next);
  });
});
