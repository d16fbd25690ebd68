/**
 * `<out>/stories.json`, the records file other tools read: exactly
 * `JSON.stringify({stories}, null, 2)` and a newline, written a chunk of
 * records at a time (the whole document of 100,000 stories would be a 400 MB
 * string), and on a rebuild copied from the previous file wherever a record
 * is unchanged: serialising and encoding the 42 MB of 10,000 stories took
 * 0.2 s, a tenth of the rebuild after adding one digest.
 *
 * A record is identified by its key (`recordKeysOf`, src/records.ts): its
 * seed's cache key and path, its place in the seed and its URL, which fix
 * every field.
 * The writer returns where each record's text ends, so that the next build can
 * find it in this file; the build keeps that beside its page manifest and
 * offers the file back only if it is still the one it wrote.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { DigestError } from './messages.ts';
import type { StoryRecord } from './types.ts';

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

/** Where each record's text ends in a stories.json, in bytes, by record key, in file order. */
export interface RecordSpans {
  readonly keys: readonly string[];
  readonly ends: readonly number[];
}

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

/**
 * Write `records` to `path` (through a temporary file and a rename) and say
 * where each record's text ends. Each run of records that stood one after
 * another in `previous` is copied from there; the others are serialised a
 * chunk at a time, each chunk as `{stories: chunk}` in the document's own
 * shape and written without its head and tail.
 */
export async function writeRecordsJson(path: string, records: readonly StoryRecord[], options: WriteRecordsOptions = {}): Promise<RecordSpans> {
  const { keys, recordsPerChunk = RECORDS_PER_CHUNK } = options;
  const previous = keys ? options.previous : undefined;
  const previousAt = new Map<string, number>(previous?.spans.keys.map((key, index) => [key, index]));
  const ends: number[] = [];
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  const source = previousAt.size > 0 ? await open(previous!.path, 'r').catch(() => undefined) : undefined;
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
          const oldEnds = previous!.spans.ends;
          const start = startOf(oldEnds, from);
          const offset = written - start;
          await copyRange(source!, previous!.path, start, oldEnds[from + count - 1]!, emit);
          for (let k = 0; k < count; k++) ends.push(oldEnds[from + k]! + offset);
          index += count;
        } else {
          // A run of new records, up to a chunk.
          let count = 1;
          while (count < recordsPerChunk && index + count < records.length && !(source && previousAt.has(keys![index + count]!))) count++;
          const json = encode(JSON.stringify({ stories: records.slice(index, index + count) }, null, 2));
          const body = json.subarray(HEAD.length, json.length - TAIL.length);
          let end = 0;
          for (let k = 0; k < count; k++) {
            end = body.indexOf(RECORD_END, end) + RECORD_END.length;
            ends.push(written + end);
          }
          await emit(body);
          index += count;
        }
      }
      await emit(Buffer.from(`${TAIL}\n`));
    }
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await source?.close();
  }
  await file.close();
  await rename(temporary, path);
  return keys ? { keys: [...keys], ends } : { keys: [], ends: [] };
}

/** Bytes `start` to `end` of `source`, which the previous build's spans promise are there. */
async function copyRange(source: FileHandle, path: string, start: number, end: number, emit: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(COPY_BYTES, end - start));
  for (let at = start; at < end;) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) throw new DigestError(`${path} ends at byte ${at}, before the ${end} bytes the last build recorded: it was changed during the build; build again with --full`);
    await emit(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
}
