/**
 * The topic model at tagging time: one logistic classifier per topic over lemma unigrams and
 * bigrams (headline weighted above body) plus the taxonomy's phrase scores as prior features.
 * Trained by `npm run train` (src/tag/train.ts); the weights are data/topic-model.json.
 *
 * Features come from `zoneFeatures`, the one function both training and tagging use, so the
 * two can never read a story differently. A story's feature values are its place-weighted
 * counts divided by √(its weighted word count): longer stories do not score higher merely for
 * being long, and the score is a plain sum over tokens, computed in one pass without a map
 * per story.
 */

import type { TopicModelData } from './types.ts';
import { STOP, Vocabulary } from './lemmas.ts';
import type { TokenBuffer } from './tokens.ts';

/** Training's feature keys: bigram keys sit above every unigram id (lemma ids stay below 2^21). */
export const KEY_SHIFT = 2 ** 21;
export const unigramKey = (id: number): number => id;
export const bigramKey = (a: number, b: number): number => (a + 1) * KEY_SHIFT + b;

export type ZoneWeights = TopicModelData['zones'];

export const zoneWeight = (zones: ZoneWeights, zone: number): number => (zone === 0 ? zones.headline : zone === 1 ? zones.lead : zones.body);

/** Where `zoneFeatures` sends a story's unigrams and bigrams (lemma ids). */
export interface FeatureSink {
  unigram(id: number, weight: number): void;
  bigram(first: number, second: number, weight: number): void;
}

/**
 * Send every unigram and bigram of the zone in `buffer` (lemma tokens, see lemmas.ts) whose
 * lemmas have an id in `ids` to `sink`. Punctuation and muted tokens (inside a negative
 * phrase) break bigrams; stop words are skipped (`held the talks` → `hold talk`). Returns the zone's weighted word count (for the norm).
 */
export function zoneFeatures(buffer: TokenBuffer, ids: Int32Array, muted: Uint8Array, weight: number, sink: FeatureSink): number {
  let previous = -1;
  let words = 0;
  for (let i = 0; i < buffer.count; i++) {
    if (!buffer.isWord(i) || muted[i] === 1) {
      previous = -1;
      continue;
    }
    const id = ids[i] as number;
    if (id === STOP) continue;
    words += weight;
    if (id >= 0) {
      sink.unigram(id, weight);
      if (previous >= 0) sink.bigram(previous, id, weight);
    }
    previous = id;
  }
  return words;
}

/**
 * Bigram (first, second) → row, open addressing over Int32Arrays: number keys above 2^31 would
 * be heap numbers in a Map, and this lookup runs for most tokens of every story.
 */
class PairTable {
  private readonly mask: number;
  private readonly slots: Int32Array; // [first, second, row] per slot; row -1 = empty
  constructor(size: number) {
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 3).fill(-1);
  }

  private static hash(first: number, second: number): number {
    return Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77);
  }

  set(first: number, second: number, row: number): void {
    for (let at = PairTable.hash(first, second) & this.mask; ; at = (at + 1) & this.mask) {
      if (this.slots[at * 3 + 2] === -1 || (this.slots[at * 3] === first && this.slots[at * 3 + 1] === second)) {
        this.slots.set([first, second, row], at * 3);
        return;
      }
    }
  }

  get(first: number, second: number): number {
    for (let at = PairTable.hash(first, second) & this.mask; ; at = (at + 1) & this.mask) {
      const row = this.slots[at * 3 + 2] as number;
      if (row === -1) return -1;
      if (this.slots[at * 3] === first && this.slots[at * 3 + 1] === second) return row;
    }
  }
}

/** Split a model feature name into lemmas: `hold talk` → [`hold`, `talk`]. */
export const featureLemmas = (name: string): string[] => name.split(' ');

export interface CompiledModel {
  readonly data: TopicModelData;
  readonly vocabulary: Vocabulary; // the lemmas of `features`
  readonly unigrams: Int32Array; // lemma id → row in `weights`, -1 if none
  readonly bigrams: PairTable;
  readonly weights: Float64Array; // rows × topics
  /** For each model topic, the taxonomy indices of its prior features (-1: not in the taxonomy). */
  readonly priorIndex: readonly number[];
  /** Model topic → taxonomy index (-1 if the taxonomy no longer lists it). */
  readonly topicIndex: readonly number[];
}

export function compileModel(data: TopicModelData, taxonomy: readonly string[]): CompiledModel {
  const vocabulary = new Vocabulary(false);
  const T = data.topics.length;
  const names = Object.keys(data.features);
  const parts = names.map((name) => featureLemmas(name).map((lemma) => vocabulary.add(lemma)));
  const unigrams = new Int32Array(vocabulary.lemmas.length).fill(-1);
  const bigrams = new PairTable(names.length);
  const weights = new Float64Array(names.length * T);
  names.forEach((name, row) => {
    const [first, second] = parts[row] as number[];
    if (second === undefined) unigrams[first as number] = row;
    else bigrams.set(first as number, second, row);
    const values = data.features[name] as readonly number[];
    for (let t = 0; t < T; t++) weights[row * T + t] = values[t] ?? 0;
  });
  return {
    data,
    vocabulary,
    unigrams,
    bigrams,
    weights,
    priorIndex: data.priors.map((slug) => taxonomy.indexOf(slug)),
    topicIndex: data.topics.map((slug) => taxonomy.indexOf(slug)),
  };
}

/**
 * A paragraph read alone adds a topic only when it is about it at better than even odds: a
 * thread of the story, not a mention (`powered by a small Russian nuclear reactor`).
 */
export const PASSAGE_MIN = 0.5;

/** Whether a story is long enough to be read paragraph by paragraph as well (`passageWords`). */
export const readsByParagraph = (passageWords: number | undefined, paragraphs: number, words: number): boolean =>
  !!passageWords && paragraphs >= 2 && words >= passageWords;

/**
 * Topics a story can hold: a short one two at most, whatever `max` allows; a third thread needs
 * a story long enough to be read paragraph by paragraph (`readsByParagraph`). Two of the
 * labelled stories in a hundred have three topics, most of them long lead stories.
 */
export const SHORT_MAX = 2;
export const topicCap = (max: number, long: boolean): number => (long ? max : Math.min(max, SHORT_MAX));

/** Keep in `best` each topic's highest paragraph probability `p` that reaches PASSAGE_MIN. */
export function keepPassage(best: Float64Array, p: Float64Array): void {
  for (let t = 0; t < best.length; t++) if ((p[t] as number) >= PASSAGE_MIN && (p[t] as number) > (best[t] as number)) best[t] = p[t] as number;
}

/** Running sums for one story; it is also the sink tagging hands to `zoneFeatures`. */
export class ModelScores implements FeatureSink {
  readonly linear: Float64Array;
  private readonly T: number;
  words = 0;
  /** The current zone's sums, and per topic the best paragraph's probability so far (`passageWords`). */
  private readonly zoneLinear: Float64Array;
  private readonly passage: Float64Array;
  private paragraphs = 0;
  constructor(readonly model: CompiledModel) {
    this.T = model.data.topics.length;
    this.linear = new Float64Array(this.T);
    this.zoneLinear = new Float64Array(this.T);
    this.passage = new Float64Array(this.T);
  }

  reset(): void {
    this.linear.fill(0);
    this.passage.fill(0);
    this.words = 0;
    this.paragraphs = 0;
  }

  private add(row: number, weight: number): void {
    const { T, linear, zoneLinear } = this;
    const weights = this.model.weights;
    for (let t = 0, base = row * T; t < T; t++) {
      const w = weight * (weights[base + t] as number);
      linear[t] = (linear[t] as number) + w;
      zoneLinear[t] = (zoneLinear[t] as number) + w;
    }
  }

  unigram(id: number, weight: number): void {
    const row = this.model.unigrams[id] as number;
    if (row >= 0) this.add(row, weight);
  }

  bigram(first: number, second: number, weight: number): void {
    const row = this.model.bigrams.get(first, second);
    if (row >= 0) this.add(row, weight);
  }

  /**
   * Add a zone's lemma tokens (`ids`: their ids in the model's vocabulary). With `zonePhrases`
   * (the taxonomy's phrase scores of this zone alone) a paragraph is also read on its own,
   * for the model's `passageWords`.
   */
  addZone(lemmas: TokenBuffer, ids: Int32Array, zone: number, muted: Uint8Array, zonePhrases?: Float64Array): void {
    this.zoneLinear.fill(0);
    const words = zoneFeatures(lemmas, ids, muted, zoneWeight(this.model.data.zones, zone), this);
    this.words += words;
    if (zone === 0 || !zonePhrases || !this.model.data.passageWords) return;
    this.paragraphs++;
    const p = linearProbabilities(this.model, this.zoneLinear, words, zonePhrases);
    keepPassage(this.passage, p);
  }

  /** Probability per model topic, given the taxonomy's phrase scores of the story: the whole story's read alone. */
  storyProbabilities(phraseScores: Float64Array): Float64Array {
    return linearProbabilities(this.model, this.linear, this.words, phraseScores);
  }

  /** Is the story long enough to be read paragraph by paragraph as well (`passageWords`)? */
  get long(): boolean {
    return readsByParagraph(this.model.data.passageWords, this.paragraphs, this.words);
  }

  /** … and the larger of that and its best paragraph's, when the story is long enough (`passageWords`): what the cuts apply to. */
  probabilities(phraseScores: Float64Array, story = this.storyProbabilities(phraseScores)): Float64Array {
    const out = Float64Array.from(story);
    if (this.long) for (let t = 0; t < this.T; t++) out[t] = Math.max(out[t] as number, this.passage[t] as number);
    return out;
  }
}

/** The model's probabilities for feature sums `linear` over `words` weighted words and these phrase scores. */
function linearProbabilities(model: CompiledModel, linear: Float64Array, words: number, phraseScores: Float64Array): Float64Array {
  const { data, priorIndex } = model;
  const norm = Math.sqrt(Math.max(1, words));
  const prior = priorFeatures(phraseScores, priorIndex);
  return data.topics.reduce((out, _slug, t) => {
    let z = (data.bias[t] ?? 0) + (linear[t] as number) / norm;
    const row = data.prior[t] ?? [];
    for (let u = 0; u < prior.length; u++) z += (prior[u] as number) * (row[u] ?? 0);
    out[t] = sigmoid(z);
    return out;
  }, new Float64Array(data.topics.length));
}

/** Phrase scores grow without bound; the model sees them damped. */
export function priorFeatures(phraseScores: Float64Array, priorIndex: readonly number[]): Float64Array {
  const out = new Float64Array(priorIndex.length);
  for (let u = 0; u < out.length; u++) {
    const index = priorIndex[u] as number;
    out[u] = index < 0 ? 0 : Math.log1p(phraseScores[index] ?? 0);
  }
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * At most `max` of the topics over their cuts (`passing`, best first): when more pass, those
 * furthest over their own cut, in their order. A summit story with a lunar-station agreement
 * (space well over its cut) and a parade (military just over its) keeps the agreement.
 */
export function keepClearest(passing: number[], probabilities: ArrayLike<number>, thresholds: ArrayLike<number>, max: number): number[] {
  if (passing.length <= max) return passing;
  const margin = (t: number): number => (probabilities[t] as number) - ((thresholds[t] as number | undefined) ?? 1);
  // The sort is stable: an equal margin keeps the better-ranked topic.
  const kept = new Set([...passing].sort((a, b) => margin(b) - margin(a)).slice(0, max));
  return passing.filter((t) => kept.has(t));
}

/**
 * The topics a story gets: those whose probability reaches their threshold, best first, at
 * most `max` (when more pass, those furthest over their cuts: `keepClearest`); if none does,
 * the best one alone when it reaches `fallback`. `rank`, when given, says which is best (the whole story's probabilities: a paragraph on a pipeline adds `energy`
 * to a summit story, but does not put it first); `probabilities` say which are given.
 */
export function decideTopics(data: TopicModelData, probabilities: Float64Array, max: number, rank: Float64Array = probabilities): number[] {
  const order = data.topics.map((_s, t) => t).sort((a, b) => (rank[b] as number) - (rank[a] as number) || (probabilities[b] as number) - (probabilities[a] as number) || a - b);
  const given = keepClearest(order.filter((t) => (probabilities[t] as number) >= (data.thresholds[t] ?? 1)), probabilities, data.thresholds, max);
  if (given.length === 0 && order.length > 0 && (probabilities[order[0] as number] as number) >= data.fallback) given.push(order[0] as number);
  return given;
}
