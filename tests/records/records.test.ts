import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateUrl, compareDated, countWords, storyFacts, type DatedStory } from '../../src/records/records.ts';
import { datedStories, toRecords } from '../helpers/records.ts';
import { formatIsoDate } from '../../src/records/dates.ts';
import { slugify } from '../../src/records/slug.ts';
import type { ParsedDigest } from '../../src/types.ts';
import { parsePath, parseText, ROOT } from '../helpers/seeds.ts';

const seedDigests = (): ParsedDigest[] => ['2024-05.txt', '2025-05.txt'].map((name) => parsePath(join(ROOT, 'seeds', name)).digest!);

describe('toRecords', () => {
  it('should date every seed story from its own text when it names a day, else from the digest', () => {
    const records = toRecords(seedDigests());
    const byHeadline = Object.fromEntries(records.map((r) => [r.headline.slice(0, 30), [r.date, r.datePrecision, r.dateSource]]));
    expect(byHeadline).toEqual({
      'Putin-Xi summit shows growing ': ['2024-05', 'month', 'digest'],
      'Republicans on House Select Co': ['2024-05', 'month', 'digest'],
      'Russia delivers fuel to North ': ['2024-05', 'month', 'digest'],
      'South Korea believes Russia us': ['2024-05-12', 'day', 'text'],
      'Russian technicians provide on': ['2024-05-26', 'day', 'text'],
      'President Xi visits Russia for': ['2025-05-07', 'day', 'text'],
      'Russia provides North Korea wi': ['2025-05-29', 'day', 'text'],
      'Russia uses North Korean syste': ['2025-05', 'month', 'digest'],
      'China strives for cultural inf': ['2025-05', 'month', 'digest'],
    });
  });

  it('should sort by date, then digest, then position', () => {
    const records = toRecords(seedDigests());
    expect(records.map((r) => `${r.date} ${r.digest.id}:${r.source.line}`)).toEqual([
      '2024-05 2024-05:5', '2024-05 2024-05:9', '2024-05 2024-05:11', '2024-05-12 2024-05:13', '2024-05-26 2024-05:15',
      '2025-05 2025-05:11', '2025-05 2025-05:13', '2025-05-07 2025-05:5', '2025-05-29 2025-05:9',
    ]);
  });

  it('should give every record the documented fields', () => {
    const record = toRecords(seedDigests()).find((r) => r.headline.startsWith('South Korea'))!;
    expect(record).toEqual({
      id: '2024-05-12-south-korea-believes-russia-used-north-korean-artillery-shells-in-ukraine',
      slug: 'south-korea-believes-russia-used-north-korean-artillery-shells-in-ukraine',
      url: '/stories/2024/05/12/south-korea-believes-russia-used-north-korean-artillery-shells-in-ukraine/',
      headline: 'South Korea believes Russia used North Korean artillery shells in Ukraine',
      paragraphs: [expect.stringMatching(/^South Korea’s National Intelligence Service/)],
      html: expect.stringMatching(/^<p>South Korea’s National/),
      digest: { id: '2024-05', date: '2024-05', title: 'May 2024 Digest', file: '2024-05.txt' },
      date: '2024-05-12',
      datePrecision: 'day',
      dateSource: 'text',
      countries: [], pairs: [], topics: [], organizations: [],
      wordCount: 80,
      source: { file: '2024-05.txt', line: 13 },
    });
  });

  it('should keep every URL when other digests are added or removed', () => {
    const [a, b] = seedDigests();
    const extra = parseText('---\ndate: 2024-05\n---\nPutin-Xi summit shows growing Beijing-Moscow ties, and their limitations\nA copy in another digest.\n|\n', '2024-05-copy.txt').digest!;
    const alone = new Map(toRecords([a!]).map((r) => [r.headline, r.url]));
    const together = toRecords([extra, a!, b!]);
    for (const record of together.filter((r) => r.digest.id === '2024-05')) expect(record.url).toBe(alone.get(record.headline));
    const copy = together.find((r) => r.digest.id === '2024-05-copy')!;
    expect(copy.url).toMatch(/^\/stories\/2024\/05\/putin-xi-summit-shows-growing-beijing-moscow-ties-and-their-limitations-[0-9a-f]{6}\/$/);
    expect(new Set(together.map((r) => r.url)).size).toBe(together.length);
  });

  it('should give two stories with the same headline both a page', () => {
    const twice = parseText('---\ndate: 2024-05\n---\nSame headline\nFirst.\nSame headline\nSecond.\n|\n').digest!;
    const urls = toRecords([twice]).map((r) => r.url);
    expect(urls[0]).toBe('/stories/2024/05/same-headline/');
    expect(urls[1]).toMatch(/^\/stories\/2024\/05\/same-headline-[0-9a-f]{6}\/$/);
  });

  it('should give a readable URL to a headline in another script, and a unique one to a headline without letters', () => {
    const digest = parseText('---\ndate: 2024-05\n---\n普京访华\n第一段。\n🎉🎉🎉\nOnly emoji above.\n|\n').digest!;
    const urls = toRecords([digest]).map((r) => r.url);
    expect(urls[0]).toBe('/stories/2024/05/pu-jing-fang-hua/');
    expect(urls[1]).toMatch(/^\/stories\/2024\/05\/story-[0-9a-f]{6}\/$/);
  });
});

describe('storyFacts', () => {
  it('should work out the date, slug and word count from the story alone', () => {
    const { digest } = parseText('---\ndate: 2024-05\n---\nIran’s well-known envoy: 3 talks on May 12\nThe envoy’s talks -- all 3 of them -- went well.\nA second paragraph.\n|\n');
    const story = digest!.stories[0]!;
    expect(storyFacts(digest!.digest, story)).toEqual({
      date: { year: 2024, month: 5, day: 12 },
      dateSource: 'text',
      slug: 'irans-well-known-envoy-3-talks-on-may-12',
      wordCount: 12, // the envoy’s talks all 3 of them went well (9), a second paragraph (3): `--` is no word
    });
    expect(storyFacts(digest!.digest, story).slug).toBe(slugify(story.headline));
  });

  it('should leave the slug of a headline without letters empty, and its URL say story', () => {
    const { digest } = parseText('---\ndate: 2024-05\n---\n🎉🎉🎉\nOnly emoji above.\n|\n');
    const facts = storyFacts(digest!.digest, digest!.stories[0]!);
    expect(facts).toMatchObject({ slug: '', wordCount: 3, dateSource: 'digest', date: { year: 2024, month: 5 } });
    expect(candidateUrl(facts)).toBe('/stories/2024/05/story/');
  });
});

describe('compareDated', () => {
  it('should order stories as their ISO dates, digest ids and positions would, a month before its days', () => {
    const digest = parseText('---\ndate: 2024-05\n---\nA\nB.\n|\n').digest!;
    const base = datedStories([digest])[0]!;
    const dates = [{ year: 2024, month: 5 }, { year: 2024, month: 5, day: 1 }, { year: 2024, month: 5, day: 31 }, { year: 2024, month: 4, day: 30 },
      { year: 2024, month: 12 }, { year: 2023, month: 12, day: 31 }, { year: 1999, month: 1 }, { year: 2024, month: 10, day: 2 }];
    const stories: DatedStory[] = dates.flatMap((date) => ['b', 'a', 'a-b', 'a1'].flatMap((id) => [2, 1].map((position) => ({
      ...base, date, digest: { ...base.digest, id }, story: { ...base.story, position },
    }))));
    const key = (s: DatedStory): string => `${formatIsoDate(s.date)} ${s.digest.id} ${s.story.position}`;
    const byString = (a: DatedStory, b: DatedStory): number => {
      const [da, db] = [formatIsoDate(a.date), formatIsoDate(b.date)];
      if (da !== db) return da < db ? -1 : 1;
      if (a.digest.id !== b.digest.id) return a.digest.id < b.digest.id ? -1 : 1;
      return a.story.position - b.story.position;
    };
    expect([...stories].sort(compareDated).map(key)).toEqual([...stories].sort(byString).map(key));
    expect([...stories].sort(compareDated).map(key).slice(0, 3)).toEqual(['1999-01 a 1', '1999-01 a 2', '1999-01 a-b 1']);
  });
});

describe('countWords', () => {
  const byRegex = (text: string): number => (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
  /** Deterministic strings over letters, digits, joiners, spaces, punctuation, accents, CJK and astral letters. */
  function* strings(count: number): Generator<string> {
    const alphabet = ['a', 'Z', '7', "'", '’', '-', ' ', '.', ',', 'é', 'ß', '普', 'Ж', '\u0301', '𝐀', '😀', '\n', '–', '_', '١', '\ud800', '\udc00'];
    let state = 0x9e3779b9;
    const next = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 8);
    for (let n = 0; n < count; n++) {
      let text = '';
      for (let i = next() % 40; i > 0; i--) text += alphabet[next() % alphabet.length];
      yield text;
    }
  }

  it('should count words exactly as the word pattern matches them', () => {
    for (const text of strings(20_000)) expect(countWords(text), JSON.stringify(text)).toBe(byRegex(text));
  });

  it.each([
    ["Kim’s Russia-China visit, 2024", 4],
    ['a--b', 2],
    ["rock 'n' roll", 3],
    ['', 0],
  ])('should count %j as %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});
