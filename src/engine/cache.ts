/**
 * Per-seed cache of parse, date and tag results, so a rebuild re-reads only the
 * seeds that changed. An entry's key is a hash of the file's name and bytes and
 * of the code and data version: any change to the parser, the tagger or their
 * data files invalidates every entry at once.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * A hash of every file below the folders given (sources, templates, data): a
 * version of the code. Read synchronously: small files, one round trip after
 * another through fs/promises, cost more than the reading (docs/performance.md).
 */
export async function versionOf(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const walk = (path: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        bytes = Buffer.alloc(0);
      }
      hash.update(path).update(bytes);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else hash.update(child).update(readFileSync(child));
    }
  };
  for (const path of paths) walk(path);
  return hash.digest('hex');
}

/** Bytes of an entry's seal: sha256 of its key and payload, in front of the payload. */
const SEAL_BYTES = 32;
const sealOf = (key: string, payload: Uint8Array): Buffer => createHash('sha256').update(key).update('\0').update(payload).digest();

export class SeedCache<T> {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * The entry under `key`, if there is a readable one. Synchronous, like
   * `readSeed`: entries come from the page cache, where the thread pool's
   * round trips cost more than the reads (docs/performance.md).
   */
  get(key: string): T | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.#dir, `${key}.v8`));
    } catch {
      return undefined;
    }
    // The cache is untrusted input: a torn, edited or renamed entry (another
    // seed's result under this key) is a miss, never an error nor a wrong record.
    if (bytes.length < SEAL_BYTES) return undefined;
    const payload = bytes.subarray(SEAL_BYTES);
    if (!sealOf(key, payload).equals(bytes.subarray(0, SEAL_BYTES))) return undefined;
    try {
      return deserialize(payload) as T;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: T): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, `${key}.v8`);
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const payload = serialize(value);
    await writeFile(temporary, Buffer.concat([sealOf(key, payload), payload]));
    await rename(temporary, path);
  }

  /** Drop every entry but `keep` (seeds removed or changed since they were cached). */
  async prune(keep: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => !keep.has(name.replace(/\.v8$/, ''))).map((name) => rm(join(this.#dir, name), { force: true })));
  }
}
