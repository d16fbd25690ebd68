import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRecords } from '../helpers/records.ts';
import { spansOf, writeRecordsJson, type RecordSpans } from '../../src/output/stories-json.ts';
import type { StoryRecord } from '../../src/types.ts';
import { tempDir } from '../helpers/cli.ts';
import { parsePath } from '../helpers/seeds.ts';
import { ROOT } from '../helpers/seeds.ts';

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
    // copied as it was (src/engine/keys.ts `recordKeysOf` makes keys that cannot).
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

  // The previous file and its spans come from the cache and the output folder: untrusted input.
  describe('with a previous file that is not what its spans say', () => {
    const keys = ['0:a', '1:b', '2:c', '3:d'];
    const records = keys.map(recordOf);
    const rebuild = async (corrupt: (dir: string, spans: RecordSpans) => RecordSpans): Promise<{ dir: string; text: string; spans: RecordSpans }> => {
      const dir = tempDir();
      const spans = corrupt(dir, await writeRecordsJson(join(dir, 'old.json'), records, { keys }));
      const next = await writeRecordsJson(join(dir, 'new.json'), records, { keys, previous: { path: join(dir, 'old.json'), spans } });
      return { dir, text: readFileSync(join(dir, 'new.json'), 'utf8'), spans: next };
    };
    const cases: [string, (dir: string, spans: RecordSpans) => RecordSpans][] = [
      ['shorter than its spans promise', (dir, spans) => {
        writeFileSync(join(dir, 'old.json'), readFileSync(join(dir, 'old.json')).subarray(0, 100));
        return spans;
      }],
      ['described by offsets a few bytes off', (_, spans) => ({ ...spans, ends: spans.ends.map((end) => end + 3) })],
      ['described by offsets a few bytes short', (_, spans) => ({ ...spans, ends: spans.ends.map((end, index) => (index === 0 ? end : end - 2)) })],
      ['replaced by another stories.json of the same length', (dir, spans) => {
        const other = readFileSync(join(dir, 'old.json'), 'utf8').replaceAll('“1:b”', '“1:x”').replaceAll('“3:d”', '“3:y”');
        writeFileSync(join(dir, 'old.json'), other);
        return spans;
      }],
      ['replaced by a stories.json of other records', (dir, spans) => {
        writeFileSync(join(dir, 'old.json'), expected(['9:z', '8:y', '7:x', '6:w'].map(recordOf)));
        return spans;
      }],
    ];
    it.each(cases)('should write the records afresh when the previous file is %s', async (_, corrupt) => {
      const { dir, text, spans } = await rebuild(corrupt);
      expect(text).toBe(expected(records));
      expect(JSON.parse(text)).toEqual({ stories: records });
      expect(cut(Buffer.from(text), spans).map((part) => JSON.parse(part) as StoryRecord)).toEqual(records);
      expect(readdirSync(dir).sort()).toEqual(['new.json', 'old.json']);
    });
  });

  it('should refuse spans from the cache that this code did not write', () => {
    const good = { keys: ['a', 'b'], ends: [40, 80], hashes: ['x', 'y'] };
    expect(spansOf(good)).toEqual(good);
    for (const bad of [undefined, null, 'text', { keys: ['a'], ends: [40] }, { ...good, ends: [40] }, { ...good, ends: [80, 40] }, { ...good, ends: [40, 41] }, { ...good, ends: ['40', 80] }, { ...good, hashes: [1, 2] }, { ...good, ends: [40, 1e300] }]) {
      expect(spansOf(bad)).toBeUndefined();
    }
  });

  it('should write every record fresh when the previous file is gone', async () => {
    const dir = tempDir();
    const keys = ['0:a', '1:b'];
    const spans = await writeRecordsJson(join(dir, 'old.json'), keys.map(recordOf), { keys });
    await writeRecordsJson(join(dir, 'new.json'), keys.map(recordOf), { keys, previous: { path: join(dir, 'missing.json'), spans } });
    expect(readFileSync(join(dir, 'new.json'), 'utf8')).toBe(expected(keys.map(recordOf)));
  });
});
