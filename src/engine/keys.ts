/**
 * Identities the engine keeps from one build to the next: a key per record
 * (what a page is made from) and a file's identity on disk (is stories.json
 * still the one this build wrote?).
 */
import { stat } from 'node:fs/promises';
import { hashOf } from '../hash.ts';
import type { StoryRecord } from '../types.ts';

/**
 * A key per record, for everything kept from one build to the next by record
 * (story pages, the listings' story links, stories.json's text). A record is
 * its seed's word on the story plus its URL: with the seed's cache key (its
 * name and bytes) and the story's place in the seed (`sourceKeys`, from
 * `LoadedSeeds`), no need to serialise it; without, its JSON is hashed. Keys
 * are short (96 bits of a sha256): page keys hash a dozen of them each and
 * the build keeps all of them for the next one (docs/performance.md).
 */
export function recordKeysOf(records: readonly StoryRecord[], sourceKeys: readonly string[] = []): string[] {
  return records.map((record, index) => hashOf(sourceKeys[index] ? `${sourceKeys[index]} ${record.url}` : JSON.stringify(record)).slice(0, 24));
}

/** Device, inode, size and modification time: changes whenever anything rewrites the file. */
export async function fileIdentity(path: string): Promise<string> {
  const { dev, ino, size, mtimeNs } = await stat(path, { bigint: true });
  return `${dev}:${ino}:${size}:${mtimeNs}`;
}
