/**
 * Lemmas for the topic model: `held` → `hold`, `talks` → `talk`, `evaded` → `evade`,
 * `deliveries` → `delivery`, so one labelled story teaches every form of its words.
 * wink-lemmatizer (WordNet's morphy rules and exception lists) does the work; without a
 * part-of-speech tagger we try noun, then verb, then adjective, and keep the first form that
 * changes the word (a noun reading is the commonest in headlines).
 *
 * Lemmatising is slow next to tokenising (a few µs a word), and news prose repeats its words,
 * so `Lemmatiser` resolves each distinct token once.
 */

import { createRequire } from 'node:module';
import { HEAD, hashToken, headHash, TokenBuffer } from './tokens.ts';

interface WinkLemmatizer {
  noun(word: string): string;
  verb(word: string): string;
  adjective(word: string): string;
}

const require = createRequire(import.meta.url);
let wink: WinkLemmatizer | undefined; // loaded on first use: its WordNet lists take ~0.3 s
const cache = new Map<string, string>();

/** Only plain lowercase words have lemmas; numbers, codes and non-ASCII words stay as they are. */
const LEMMATISABLE = /^[a-z]{3,}$/;

/** Most lemmas remembered, in this process and in the engine's cache. */
export const MAX_LEMMAS = 200_000;

/**
 * Lemmas worked out before, for words met again: WordNet's lists take the lemmatiser ~0.2 s
 * to load, and a rebuild after an edit meets few new words. The engine keeps the lemmas of
 * one build for the next (src/engine/lemma-cache.ts); an entry that is not a plain word and a
 * one-token lemma is ignored, so a cache file cannot make a word two tokens.
 */
export function rememberLemmas(entries: Iterable<readonly [unknown, unknown]>): void {
  for (const [word, lemma] of entries) {
    if (cache.size >= MAX_LEMMAS) return;
    if (typeof word === 'string' && typeof lemma === 'string' && LEMMATISABLE.test(word) && SINGLE_TOKEN.test(lemma)) cache.set(word, lemma);
  }
}

/** Every lemma worked out or remembered in this process, for the engine to keep. */
export function knownLemmas(): ReadonlyMap<string, string> {
  return cache;
}

/** The lemma of a lowercase word. */
export function lemmaOf(word: string): string {
  if (!LEMMATISABLE.test(word)) return word;
  let lemma = cache.get(word);
  if (lemma === undefined) {
    wink ??= require('wink-lemmatizer') as WinkLemmatizer;
    lemma = wink.noun(word);
    if (lemma === word) lemma = wink.verb(word);
    if (lemma === word) lemma = wink.adjective(word);
    if (cache.size < MAX_LEMMAS) cache.set(word, lemma);
  }
  return lemma;
}

/** Lemma ↔ small integer id. A growing vocabulary adds unseen lemmas (training); a fixed one answers -1. */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly lemmas: string[] = [];
  constructor(
    readonly grows: boolean,
    lemmas: Iterable<string> = [],
  ) {
    for (const lemma of lemmas) this.add(lemma);
  }

  add(lemma: string): number {
    let id = this.ids.get(lemma);
    if (id === undefined) {
      id = this.lemmas.length;
      this.ids.set(lemma, id);
      this.lemmas.push(lemma);
    }
    return id;
  }

  id(lemma: string): number {
    return this.grows ? this.add(lemma) : (this.ids.get(lemma) ?? -1);
  }
}

/** A word's lemma as the tokenizer would see it, with its hashes and model id. */
interface Entry {
  readonly word: string; // the lowercase surface form (the cache key)
  readonly wordHead: number; // the buffer's head hash of the surface form
  readonly lemma: string;
  readonly hash: number;
  readonly head: number;
  readonly id: number; // in the vocabulary; -1 if a fixed one lacks it; STOP for a stop word
}

/** The id of a stop word (`the`, `of`, `said`): no feature, and bigrams join across it. */
export const STOP = -2;
// The `stopword` package's English list: function words that say nothing of a topic, and that
// a small corpus would otherwise fit as noise (`and` → intelligence).
const STOP_WORDS = new Set((require('stopword') as { eng: string[] }).eng);

/** A function word that no model feature is made of (`the`, `of`, `said`). */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

/**
 * Turns a zone's tokens into lemma tokens, one for one, so token indices stay valid:
 * `Kazakhstan hosted talks` → `kazakhstan host talk`. Topic phrases are matched on the lemma
 * tokens (so `host` in data/topics.yaml finds hosted, hosts, hosting) and the model reads
 * them. Each distinct word is lemmatised once: an open-addressing table keyed by the buffer's
 * folded token hash, each slot verified against the text (hashes can collide).
 */
export class Lemmatiser {
  private mask = 4095;
  private hashes = new Int32Array(4096);
  private entries: (Entry | undefined)[] = new Array<Entry | undefined>(4096);
  private size = 0;
  /** Model id per token of the last `lemmatise` output (-1 for punctuation and unknown lemmas). */
  ids = new Int32Array(512);
  constructor(readonly vocabulary: Vocabulary) {}

  private entry(buffer: TokenBuffer, i: number): Entry {
    const hash = buffer.hash[i] as number;
    const head = buffer.head[i] as number;
    const length = (buffer.end[i] as number) - (buffer.start[i] as number);
    const { mask, hashes, entries } = this;
    let at = hash & mask;
    // Same 30-bit hash, same hash of the first letters, same length: the same word (a false
    // match would need two collisions at once; comparing the letters cost more than lemmas).
    for (let e = entries[at]; e !== undefined; e = entries[at]) {
      if (hashes[at] === hash && e.wordHead === head && e.word.length === length) return e;
      at = (at + 1) & mask;
    }
    const word = buffer.lower(i);
    let lemma = lemmaOf(word);
    if (!SINGLE_TOKEN.test(lemma)) lemma = word; // one token in, one token out
    const e: Entry = { word, wordHead: head, lemma, hash: hashToken(lemma), head: lemma.length >= HEAD ? headHash(lemma) : -1, id: STOP_WORDS.has(word) || STOP_WORDS.has(lemma) ? STOP : this.vocabulary.id(lemma) };
    // Cache only what the folded comparison finds again (not `É…`, which ASCII folding misses).
    if (this.size < 1 << 20 && buffer.is(i, word, true)) {
      hashes[at] = hash;
      entries[at] = e;
      if (++this.size * 2 > mask) this.grow();
    }
    return e;
  }

  private grow(): void {
    const { hashes, entries } = this;
    this.mask = this.mask * 2 + 1;
    this.hashes = new Int32Array(this.mask + 1);
    this.entries = new Array<Entry | undefined>(this.mask + 1);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (e === undefined) continue;
      let at = (hashes[k] as number) & this.mask;
      while (this.entries[at] !== undefined) at = (at + 1) & this.mask;
      this.hashes[at] = hashes[k] as number;
      this.entries[at] = e;
    }
  }

  /** Fill `out` with the lemma tokens of `buffer` (and `ids` with their model ids). */
  lemmatise(buffer: TokenBuffer, out: LemmaBuffer): LemmaBuffer {
    const n = buffer.count;
    out.reserve(n);
    if (this.ids.length < n) this.ids = new Int32Array(n * 2);
    const { ids } = this;
    const tokens = out.tokens;
    for (let i = 0; i < n; i++) {
      if (buffer.isWord(i)) {
        const e = this.entry(buffer, i);
        tokens[i] = e.lemma;
        out.hash[i] = e.hash;
        out.head[i] = e.head;
        out.code[i] = -1;
        ids[i] = e.id;
      } else {
        const code = buffer.code[i] as number;
        tokens[i] = PUNCTUATION[code] ??= String.fromCharCode(code);
        out.hash[i] = buffer.hash[i] as number;
        out.head[i] = -1;
        out.code[i] = code;
        ids[i] = -1;
      }
    }
    out.count = n;
    return out;
  }
}

const PUNCTUATION: string[] = [];

/**
 * A zone as lemma tokens. It keeps each token as a string instead of spans of one text (no
 * text is built), so the trie's comparisons are string comparisons; the hashes are those a
 * TokenBuffer would give the lemma text.
 */
export class LemmaBuffer extends TokenBuffer {
  tokens: string[] = [];

  override first(i: number): number {
    return (this.tokens[i] as string).charCodeAt(0);
  }

  override word(i: number): string {
    return this.tokens[i] as string;
  }

  override lower(i: number): string {
    return this.tokens[i] as string; // lemmas are lowercase; punctuation has no case
  }

  /** Lemmas are lowercase: `folded` comparisons (data phrases are lowercase too) are exact ones. */
  override is(i: number, token: string, _folded: boolean): boolean {
    return this.tokens[i] === token;
  }
}

const SINGLE_TOKEN = /^[\p{L}\p{M}\p{N}]+$/u;

/** A phrase from data/topics.yaml as lemma tokens (`held talks` → `hold talk`). */
export function phraseLemmas(tokens: readonly string[]): string[] {
  return tokens.map((token) => {
    const lemma = lemmaOf(token.toLowerCase());
    return SINGLE_TOKEN.test(lemma) ? lemma : token.toLowerCase();
  });
}
