import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRecords } from '../src/records.ts';
import { writeRecordsJson, type RecordSpans } from '../src/stories-json.ts';
import type { StoryRecord } from '../src/types.ts';
import { tempDir } from './helpers/cli.ts';
import { parsePath } from './helpers/seeds.ts';
import { ROOT } from './helpers/seeds.ts';

const SEED_RECORDS = toRecords([parsePath(join(ROOT, 'seeds', '2024-05.txt')).digest!]);
const expected = (records: readonly StoryRecord[]): string => `${JSON.stringify({ stories: records }, null, 2)}\n`;

/** A record per key, with text that stresses the encoding: line separators, curly quotes, a euro sign. */
function recordOf(key: string): StoryRecord {
  const base = SEED_RECORDS[Number(key.split(':')[0]) % SEED_RECORDS.length]!;
  return { ...base, url: `/stories/${key}/`, headline: `${base.headline}\u2028“${key}”\u2029 €` };
}

/** The text of each record, cut out of a written file by its spans. */
function cut(bytes: Buffer, spans: RecordSpans): string[] {
  return spans.ends.map((end, index) => bytes.subarray(index === 0 ? '{\n  "stories": [\n'.length : spans.ends[index - 1]! + 2, end).toString('utf8'));
}

describe('writeRecordsJson', () => {
  it.each([0, 1, 3])('should write exactly JSON.stringify({stories}, null, 2) for %i records', async (count) => {
    const records = SEED_RECORDS.slice(0, count);
    const path = join(tempDir(), 'stories.json');
    await writeRecordsJson(path, records);
    expect(readFileSync(path, 'utf8')).toBe(expected(records));
  });

  it.each([[3, 1], [3, 2], [4, 2], [2, 5]])('should write the same bytes for %i records stringified %i at a time, line separators and all', async (count, perChunk) => {
    const records = Array.from({ length: count }, (_, index) => recordOf(`${index}:a`));
    const path = join(tempDir(), 'stories.json');
    await writeRecordsJson(path, records, { recordsPerChunk: perChunk });
    expect(readFileSync(path, 'utf8')).toBe(expected(records));
  });

  it('should say where each record is: its own JSON at the records\' depth', async () => {
    const keys = ['0:a', '1:b', '2:c'];
    const records = keys.map(recordOf);
    const path = join(tempDir(), 'stories.json');
    const spans = await writeRecordsJson(path, records, { keys, recordsPerChunk: 2 });
    expect(spans.keys).toEqual(keys);
    const texts = cut(readFileSync(path), spans);
    texts.forEach((text, index) => expect(JSON.parse(text)).toEqual(records[index]));
    expect(texts[1]).toMatch(/^ {4}\{\n {6}"id"/);
  });

  it('should copy a record from the previous file by its key, not serialise it again', async () => {
    const dir = tempDir();
    const keys = ['0:a', '1:b'];
    const spans = await writeRecordsJson(join(dir, 'old.json'), keys.map(recordOf), { keys });
    // The key promises the same record: a record changed under an old key is
    // copied as it was (src/records.ts `recordKeysOf` makes keys that cannot).
    const changed = [{ ...recordOf('0:a'), headline: 'changed' }, recordOf('1:b')];
    await writeRecordsJson(join(dir, 'new.json'), changed, { keys, previous: { path: join(dir, 'old.json'), spans } });
    expect(readFileSync(join(dir, 'new.json'), 'utf8')).toBe(readFileSync(join(dir, 'old.json'), 'utf8'));
  });

  it('should write the bytes of a fresh write whatever was kept, added, removed or moved since the previous file', async () => {
    const keySets = fc.uniqueArray(fc.tuple(fc.nat(40), fc.constantFrom('a', 'b')).map(([n, s]) => `${n}:${s}`), { maxLength: 30 });
    await fc.assert(fc.asyncProperty(keySets, keySets, fc.integer({ min: 1, max: 7 }), async (before, after, perChunk) => {
      const dir = tempDir();
      const spans = await writeRecordsJson(join(dir, 'old.json'), before.map(recordOf), { keys: before, recordsPerChunk: perChunk });
      const next = await writeRecordsJson(join(dir, 'new.json'), after.map(recordOf), { keys: after, recordsPerChunk: perChunk, previous: { path: join(dir, 'old.json'), spans } });
      const bytes = readFileSync(join(dir, 'new.json'));
      expect(bytes.toString('utf8')).toBe(expected(after.map(recordOf)));
      expect(cut(bytes, next).map((text) => JSON.parse(text) as StoryRecord)).toEqual(after.map(recordOf));
    }), { numRuns: 60 });
  });

  it('should say so when the previous file is shorter than its spans promise, and leave the old output alone', async () => {
    const dir = tempDir();
    const keys = ['0:a', '1:b'];
    const spans = await writeRecordsJson(join(dir, 'old.json'), keys.map(recordOf), { keys });
    const old = readFileSync(join(dir, 'old.json'));
    writeFileSync(join(dir, 'old.json'), old.subarray(0, 100));
    await expect(writeRecordsJson(join(dir, 'new.json'), keys.map(recordOf), { keys, previous: { path: join(dir, 'old.json'), spans } }))
      .rejects.toThrow(/old\.json ends at byte 100, before the \d+ bytes the last build recorded.*--full/);
    expect(readdirSync(dir)).toEqual(['old.json']);
  });

  it('should write every record fresh when the previous file is gone', async () => {
    const dir = tempDir();
    const keys = ['0:a', '1:b'];
    const spans = await writeRecordsJson(join(dir, 'old.json'), keys.map(recordOf), { keys });
    await writeRecordsJson(join(dir, 'new.json'), keys.map(recordOf), { keys, previous: { path: join(dir, 'missing.json'), spans } });
    expect(readFileSync(join(dir, 'new.json'), 'utf8')).toBe(expected(keys.map(recordOf)));
  });
});
