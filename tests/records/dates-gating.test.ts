/**
 * Dating runs chrono's relative-time parsers ("3 days ago", "2 weeks later")
 * only on snippets holding one of their words (src/records/dates.ts,
 * NEEDS_WORD). The dates must be exactly those of every parser on every
 * snippet: over the seeds, every fixture, a 1,000-story corpus and random text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { findStoryDate, findStoryDateWithEveryParser } from '../../src/records/dates.ts';
import type { CalendarDate } from '../../src/types.ts';
import { tempDir } from '../helpers/cli.ts';
import { findGenerator } from '../../bench/generator.ts';
import { parsePath, ROOT } from '../helpers/seeds.ts';

const GENERATOR = findGenerator();

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:txt|md)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every headline and paragraph of the digests in `paths` that parse, with its digest's date. */
function textsOf(paths: readonly string[]): Array<[string, CalendarDate]> {
  const texts: Array<[string, CalendarDate]> = [];
  for (const path of paths) {
    const { digest } = parsePath(path);
    if (!digest) continue;
    for (const story of digest.stories) for (const text of [story.headline, ...story.paragraphs]) texts.push([text, digest.digest.date]);
  }
  return texts;
}

function expectSameDates(texts: ReadonlyArray<[string, CalendarDate]>): number {
  let dated = 0;
  for (const [text, date] of texts) {
    const gated = findStoryDate(text, date);
    expect(gated, text).toEqual(findStoryDateWithEveryParser(text, date));
    if (gated) dated++;
  }
  return dated;
}

describe('dating with the relative-time parsers gated by their words', () => {
  it('should date the seeds and every fixture exactly as every parser does', () => {
    const texts = textsOf([...filesBelow(join(ROOT, 'seeds')), ...filesBelow(join(ROOT, '..', 'shared', 'seeds')), ...filesBelow(join(ROOT, 'tests', 'fixtures'))]);
    expect(texts.length).toBeGreaterThan(50);
    expect(expectSameDates(texts)).toBeGreaterThan(0);
  });

  it.skipIf(!GENERATOR)('should date a 1,000-story corpus exactly as every parser does', () => {
    const dir = tempDir();
    execFileSync(process.execPath, [GENERATOR!, '--digests', '100', '--stories-per-digest', '10', '--out', dir, '--format', 'raw', '--seed', '17'], { stdio: 'ignore' });
    const texts = textsOf(filesBelow(dir));
    expect(texts.length).toBeGreaterThan(3_000);
    expect(expectSameDates(texts)).toBeGreaterThan(100);
  }, 120_000);

  it('should date random text with relative words beside dates exactly as every parser does', () => {
    const words = ['on', 'May', '12', '3rd', 'June', 'of', 'Sept.', '2024-05-03', 'days', 'weeks', 'three', 'a', 'few', 'ago', 'before', 'earlier', 'later',
      'after', 'from now', 'out', 'forward', 'Monday', 'yesterday', 'today', 'last', 'next', ',', '.', 'the', 'talks', 'and', '14', '31', 'Dec', 'within', 'since'];
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 14 }),
      fc.record({ year: fc.integer({ min: 2019, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }) }),
      (parts, raw) => {
        const date: CalendarDate = raw.day === undefined ? { year: raw.year, month: raw.month } : { year: raw.year, month: raw.month, day: raw.day };
        const text = parts.join(' ');
        expect(findStoryDate(text, date), text).toEqual(findStoryDateWithEveryParser(text, date));
      },
    ), { numRuns: 1_500 });
  }, 120_000);

  it('should date every relative phrase beside a date exactly as every parser does', () => {
    // chrono's relative results are certain of their day, so "3 days earlier, on
    // May 12" is dated by the relative phrase: every word each gated parser needs, in any case.
    const words = ['ago', 'before', 'earlier', 'later', 'after', 'from now', 'henceforth', 'forward', 'out'];
    const may = { year: 2024, month: 5 };
    let relative = 0;
    for (const word of words) {
      for (const spelled of [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)]) {
        // chrono reads 12 characters either side of a date (CANDIDATE), so the phrases are short.
        for (const text of [`3d ${spelled} May 12.`, `Met May 20 2d ${spelled}.`, `2 days ${spelled}: May 12`]) {
          const gated = findStoryDate(text, may);
          expect(gated, text).toEqual(findStoryDateWithEveryParser(text, may));
          if (gated && gated.day !== 12 && gated.day !== 20) relative++;
        }
      }
    }
    expect(relative).toBeGreaterThan(10);
  });

  it('should run the "ago" parser only on snippets that hold one of its words', () => {
    const { casual } = createRequire(import.meta.url)('chrono-node/en') as typeof import('chrono-node/en');
    const ago = casual.parsers.find((parser) => parser.constructor.name === 'ENTimeUnitAgoFormatParser');
    expect(ago).toBeDefined();
    const pattern = vi.spyOn(ago as unknown as { pattern: (...args: unknown[]) => RegExp }, 'pattern');
    try {
      const may = { year: 2024, month: 5 };
      expect(findStoryDate('The two sides met on May 12 in Beijing.', may)).toEqual({ year: 2024, month: 5, day: 12 });
      expect(pattern).not.toHaveBeenCalled();
      const text = 'Three days ago, on May 12, the two sides met.';
      expect(findStoryDate(text, may)).toEqual(findStoryDateWithEveryParser(text, may));
      expect(pattern).toHaveBeenCalled();
    } finally {
      pattern.mockRestore();
    }
  });
});
