/**
 * `<out>/stories.json`, the records file other tools read: exactly
 * `JSON.stringify({stories}, null, 2)` and a newline, written a chunk of
 * records at a time (the whole document of 100,000 stories would be a 400 MB
 * string), and on a rebuild copied from the previous file wherever a record
 * is unchanged: serialising every record again was a tenth of the rebuild
 * after adding one digest (docs/performance.md, "Output").
 *
 * A record is identified by its key (`recordKeysOf`, src/engine/keys.ts): its
 * seed's cache key and path, its place in the seed and its URL, which fix
 * every field.
 * The writer returns where each record's text ends and a hash of its bytes,
 * so that the next build can find it in this file and check it; the build
 * keeps that beside its page manifest and offers the file back only if it is
 * still the one it wrote. Copies are checked all the same (the cache and the
 * folder are untrusted): hashing is a sha256 pass over the copied bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { StoryRecord } from '../types.ts';
import { temporaryBeside } from './files.ts';

/** Records per `JSON.stringify` call: a few MB of text at a time, never the whole document. */
const RECORDS_PER_CHUNK = 500;
/** Bytes per read when copying records from the previous file. */
const COPY_BYTES = 4 << 20;

/** What `JSON.stringify({stories}, null, 2)` puts around and between the records (ASCII: as many bytes as characters). */
const HEAD = '{\n  "stories": [\n';
const TAIL = '\n  ]\n}';
const SEPARATOR = ',\n';
const EMPTY = '{\n  "stories": []\n}\n';
/**
 * How a record's text ends at this depth. No other line of the document
 * starts with four spaces and a brace (nested values are indented further),
 * and a JSON string never holds a raw line break.
 */
const RECORD_END = Buffer.from('\n    }');

/**
 * Where each record's text ends in a stories.json, in bytes, by record key, in
 * file order, with a hash of each record's bytes: the next build copies a
 * record only if its bytes still hash the same.
 */
export interface RecordSpans {
  readonly keys: readonly string[];
  readonly ends: readonly number[];
  readonly hashes: readonly string[];
}

/** Spans read back from the cache, if they have the shape this code writes (the cache is untrusted input). */
export function spansOf(saved: unknown): RecordSpans | undefined {
  const { keys, ends, hashes } = (saved ?? {}) as Partial<Record<keyof RecordSpans, unknown>>;
  if (!Array.isArray(keys) || !Array.isArray(ends) || !Array.isArray(hashes)) return undefined;
  if (ends.length !== keys.length || hashes.length !== keys.length) return undefined;
  let last = HEAD.length - SEPARATOR.length;
  for (let index = 0; index < keys.length; index++) {
    const end: unknown = ends[index];
    if (typeof keys[index] !== 'string' || typeof hashes[index] !== 'string' || !Number.isSafeInteger(end) || (end as number) <= last + SEPARATOR.length) return undefined;
    last = end as number;
  }
  return { keys: keys as string[], ends: ends as number[], hashes: hashes as string[] };
}

/** A record's hash: 128 bits of sha256 of its bytes. */
const recordHash = (hash: Hash): string => hash.digest('base64url').slice(0, 22);

export interface PreviousRecords {
  /** The stories.json this build may copy from, exactly as `spans` describes it. */
  readonly path: string;
  readonly spans: RecordSpans;
}

export interface WriteRecordsOptions {
  /** Key per record, parallel to `records`; without keys nothing is copied or reported. */
  readonly keys?: readonly string[];
  readonly previous?: PreviousRecords | undefined;
  readonly recordsPerChunk?: number;
}

/**
 * UTF-8 of a text in one buffer reused call after call (`Buffer.from` measures
 * the text before encoding it: twice the time). The bytes are valid until the
 * next call.
 */
function reusedEncoder(): (text: string) => Buffer {
  let buffer = Buffer.alloc(0);
  return (text) => {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    if (buffer.length < text.length * 3) buffer = Buffer.allocUnsafe(text.length * 3);
    return buffer.subarray(0, buffer.write(text, 0, 'utf8'));
  };
}

/** Start of record `index`'s text in a file described by `ends`. */
const startOf = (ends: readonly number[], index: number): number => (index === 0 ? HEAD.length : ends[index - 1]! + SEPARATOR.length);

/** The previous file did not hold what its spans promise: written afresh instead. */
class StaleCopy extends Error {}

/**
 * Write `records` to `path` (through a temporary file and a rename) and say
 * where each record's text ends. Each run of records that stood one after
 * another in `previous` is copied from there, every copied record checked
 * against its hash (and the separators between them byte for byte): on any
 * difference (a file changed or moved in since, spans off by a byte) the
 * whole file is written afresh. The others are serialised a chunk at a time,
 * each chunk as `{stories: chunk}` in the document's own shape and written
 * without its head and tail.
 */
export async function writeRecordsJson(path: string, records: readonly StoryRecord[], options: WriteRecordsOptions = {}): Promise<RecordSpans> {
  try {
    return await writeOnce(path, records, options);
  } catch (error) {
    if (!(error instanceof StaleCopy)) throw error;
    return writeOnce(path, records, { ...options, previous: undefined });
  }
}

async function writeOnce(path: string, records: readonly StoryRecord[], options: WriteRecordsOptions): Promise<RecordSpans> {
  const { keys, recordsPerChunk = RECORDS_PER_CHUNK } = options;
  const previous = keys ? options.previous : undefined;
  const previousAt = new Map<string, number>(previous?.spans.keys.map((key, index) => [key, index]));
  const ends: number[] = [];
  const hashes: string[] = [];
  const temporary = temporaryBeside(path);
  const source = previousAt.size > 0 ? await open(previous!.path, 'r').catch(() => undefined) : undefined;
  const file = await open(temporary, 'w').catch(async (error: unknown) => {
    await source?.close();
    throw error;
  });
  const encode = reusedEncoder();
  let written = 0;
  const emit = async (bytes: Uint8Array): Promise<void> => {
    await file.write(bytes);
    written += bytes.length;
  };
  try {
    if (records.length === 0) await emit(Buffer.from(EMPTY));
    else {
      await emit(Buffer.from(HEAD));
      let index = 0;
      while (index < records.length) {
        if (index > 0) await emit(Buffer.from(SEPARATOR));
        const from = source ? previousAt.get(keys![index]!) : undefined;
        if (from !== undefined) {
          // A run of records that follow each other here as they did there.
          let count = 1;
          while (index + count < records.length && previousAt.get(keys![index + count]!) === from + count) count++;
          const { ends: oldEnds, hashes: oldHashes } = previous!.spans;
          const offset = written - startOf(oldEnds, from);
          await copyRun(source!, previous!.spans, from, count, emit);
          for (let k = 0; k < count; k++) {
            ends.push(oldEnds[from + k]! + offset);
            hashes.push(oldHashes[from + k]!);
          }
          index += count;
        } else {
          // A run of new records, up to a chunk.
          let count = 1;
          while (count < recordsPerChunk && index + count < records.length && !(source && previousAt.has(keys![index + count]!))) count++;
          const json = encode(JSON.stringify({ stories: records.slice(index, index + count) }, null, 2));
          const body = json.subarray(HEAD.length, json.length - TAIL.length);
          let start = 0;
          for (let k = 0; k < count; k++) {
            const end = endOfRecord(body, start, k === count - 1);
            ends.push(written + end);
            hashes.push(recordHash(createHash('sha256').update(body.subarray(start, end))));
            start = end + SEPARATOR.length;
          }
          await emit(body);
          index += count;
        }
      }
      await emit(Buffer.from(`${TAIL}\n`));
    }
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await source?.close();
  }
  await rename(temporary, path);
  return keys ? { keys: [...keys], ends, hashes } : { keys: [], ends: [], hashes: [] };
}

/**
 * Where the record starting at `start` of a chunk's body ends: at the first
 * `RECORD_END`, which must be the body's end for the last record and be
 * followed by the separator otherwise (anything else is a bug here, never a
 * seed's doing: JSON.stringify escapes every line break in a string).
 */
function endOfRecord(body: Buffer, start: number, last: boolean): number {
  const found = body.indexOf(RECORD_END, start);
  const end = found + RECORD_END.length;
  const ok = found !== -1 && (last ? end === body.length : body[end] === 0x2c && body[end + 1] === 0x0a);
  if (!ok) throw new TypeError(`stories.json: cannot find the end of a record at byte ${start} of a chunk`);
  return end;
}

/**
 * Copy records `from` … `from + count - 1` of the previous file, checking each
 * record's bytes against its hash and the separators between them, as they
 * pass. Throws `StaleCopy` on the first difference or a short file.
 */
async function copyRun(source: FileHandle, spans: RecordSpans, from: number, count: number, emit: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  const { ends, hashes } = spans;
  const start = startOf(ends, from);
  const end = ends[from + count - 1]!;
  const buffer = Buffer.allocUnsafe(Math.min(COPY_BYTES, end - start));
  let record = from;
  let hash = createHash('sha256');
  for (let at = start; at < end;) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) throw new StaleCopy();
    const chunkEnd = at + bytesRead;
    for (let position = at; position < chunkEnd;) {
      const recordEnd = ends[record]!;
      if (position < recordEnd) {
        const upTo = Math.min(recordEnd, chunkEnd);
        hash.update(buffer.subarray(position - at, upTo - at));
        position = upTo;
        if (position === recordEnd) {
          if (recordHash(hash) !== hashes[record]) throw new StaleCopy();
          hash = createHash('sha256');
        }
      } else {
        // Between two records: exactly the separator.
        if (buffer[position - at] !== SEPARATOR.charCodeAt(position - recordEnd)) throw new StaleCopy();
        position++;
        if (position === recordEnd + SEPARATOR.length) record++;
      }
    }
    await emit(buffer.subarray(0, bytesRead));
    at = chunkEnd;
  }
}
