/**
 * The lemmas of one build kept for the next (src/tag/lemmas.ts, `rememberLemmas`): a rebuild
 * after an editor's change meets few words it has not lemmatised before, and without them the
 * tagger loads WordNet's lists only when a new word needs them (docs/performance.md, "Start-up").
 * Kept under the code version, which covers the lemmatiser's version in the lock file.
 */
import { join } from 'node:path';
import { hashOf } from '../hash.ts';
import { SeedCache } from './cache.ts';
import { knownLemmas, rememberLemmas } from '../tag/lemmas.ts';

export interface LemmaCache {
  readonly dir: string;
  readonly version: string;
}

/** Where the lemmas live in a build's cache folder, under the build's code version. */
export const lemmaCacheOf = (cacheDir: string, version: string): LemmaCache => ({ dir: join(cacheDir, 'lemmas'), version: hashOf(version, 'lemmas') });

/** Remember the kept lemmas in this process; returns how many it knows then. */
export function primeLemmas(cache: LemmaCache): number {
  const kept = new SeedCache<unknown>(cache.dir).get(cache.version);
  if (Array.isArray(kept)) rememberLemmas(kept.filter((entry): entry is [unknown, unknown] => Array.isArray(entry) && entry.length === 2));
  return knownLemmas().size;
}

/** Keep this process's lemmas when it learnt some since `known` (the count `primeLemmas` returned). */
export async function keepLemmas(cache: LemmaCache, known: number): Promise<void> {
  const lemmas = knownLemmas();
  if (lemmas.size <= known) return;
  const store = new SeedCache<[string, string][]>(cache.dir);
  await store.set(cache.version, [...lemmas]);
  await store.prune(new Set([cache.version]));
}
