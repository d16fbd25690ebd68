/**
 * Training the topic model (pure: stories and taxonomy in, `TopicModelData` out; the file
 * I/O is scripts/train.ts). One-vs-rest logistic regression per topic, fitted by AdaGrad over
 * a fixed, seeded order, so the same stories and taxonomy give the same weights to the last
 * digit. The taxonomy is the prior twice over: each topic's phrase score is a feature of
 * every classifier, and each topic's label, description and phrases form a pseudo-story
 * labelled with it, so a topic with few labelled stories still knows its words. A classifier
 * can be fitted around a naive-Bayes offset (`nbOffset` × the features' log-count ratios, 0.7
 * by default as cross-validation chose, docs/tagging.md round 5), folded into the weights it ships, so tagging (model.ts)
 * knows nothing of it. Words the fit has no weight for (no train story, or one, uses them)
 * borrow their nearest fitted words' weights by word vector (`borrowWeights`, round 6), also
 * shipped as plain weights: the vectors are a training-time input only.
 *
 * Thresholds are calibrated by k-fold cross-validation on the training stories alone:
 * out-of-fold probabilities, then per topic the cut that maximises micro-F1 of the whole
 * decision (at most `max` topics, the fallback), shrunk toward the best common cut in
 * proportion to how few positives the topic has.
 */

import { createHash } from 'node:crypto';
import type { TaggableStory, TaggerData, TopicModelData } from './types.ts';
import { LemmaBuffer, Lemmatiser, Vocabulary } from './lemmas.ts';
import { bigramKey, decideTopics, keepClearest, keepPassage, KEY_SHIFT, readsByParagraph, priorFeatures, sigmoid, topicCap, unigramKey, zoneFeatures, zoneWeight, type ZoneWeights } from './model.ts';
import { compileTopics, scoreZone } from './topics.ts';
import { TokenBuffer } from './tokens.ts';

export interface LabelledStory extends TaggableStory {
  readonly topics: readonly string[];
}

export interface TrainOptions {
  readonly zones: ZoneWeights;
  readonly epochs: number;
  readonly rate: number; // AdaGrad base rate
  readonly l2: number; // per-example L2 on feature weights
  readonly minCount: number; // a feature must occur in this many training stories
  readonly minPositives: number; // a topic with fewer labelled stories is left to its phrases
  readonly pseudoWeight: number; // how much a taxonomy pseudo-story counts (0: none)
  /** A topic's weight on its own phrase score starts at, and is pulled toward, this… */
  readonly priorMean: number;
  readonly priorL2: number; // …with this strength, so a thinly labelled topic keeps its phrases' say
  readonly folds: number;
  readonly shrink: number; // positives-equivalent pull of a topic's cut toward the common cut
  readonly seed: number;
  readonly nbAlpha: number; // the naive-Bayes ratio's additive smoothing
  /** NB offset: the regression fits around `nbOffset` × the naive-Bayes log-ratio score (0: off). */
  readonly nbOffset: number;
  /** Borrowed weights: the lemmas of this many frequent words of the word vectors (0: off)… */
  readonly embedWords: number;
  /** …each, when the fit has no weight for it, gets this multiple of its nearest fitted words' mean weight… */
  readonly embedTransfer: number;
  readonly embedK: number; // …over this many of them, by cosine of their vectors
  /** A story of two or more paragraphs and at least this many weighted words is also read paragraph by paragraph (0: never; model.ts `passageWords`). */
  readonly passageWords: number;
}

/**
 * Word vectors for training only (scripts/embeddings.ts reads them): `vectors` holds `dims`
 * numbers per entry of `lemmas`, most frequent first. The shipped model carries what they give
 * (borrowed weights, see `borrowWeights`) as plain unigram weights; tagging never sees a vector.
 */
export interface WordVectors {
  readonly dims: number;
  readonly lemmas: readonly string[];
  readonly vectors: Float64Array;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  zones: { headline: 2, lead: 1.25, body: 1 },
  epochs: 20,
  rate: 0.3,
  l2: 0.0005,
  minCount: 3,
  minPositives: 3,
  pseudoWeight: 1,
  priorMean: 3,
  priorL2: 0.01,
  folds: 5,
  shrink: 8,
  seed: 13,
  nbAlpha: 1,
  nbOffset: 0.7,
  embedWords: 20_000,
  embedTransfer: 4,
  embedK: 10,
  passageWords: 160,
};

interface Vector {
  readonly keys: number[]; // feature keys (see model.ts)
  readonly values: number[];
  readonly prior: Float64Array;
  readonly labels: ReadonlySet<string>;
  readonly weight: number; // 1 for a story, pseudoWeight for a taxonomy pseudo-story
  /** Each paragraph read on its own (model.ts `passageWords`), for prediction only. */
  readonly passages: readonly Omit<Vector, 'passages' | 'labels' | 'weight' | 'words'>[];
  readonly words: number;
}

/** A story as the model reads it; the same token path as tagging (model.ts `zoneFeatures`). */
function vectorise(story: TaggableStory, labels: readonly string[], weight: number, data: TaggerData, lemmatiser: Lemmatiser, zones: ZoneWeights): Vector {
  const matcher = compileCache.get(data) ?? compileTopics(data);
  compileCache.set(data, matcher);
  const buffer = new TokenBuffer();
  const lemmas = new LemmaBuffer();
  const scores = new Float64Array(data.topics.length);
  const counts = new Map<number, number>();
  const passages: Omit<Vector, 'passages' | 'labels' | 'weight' | 'words'>[] = [];
  let muted = new Uint8Array(512);
  let words = 0;
  for (let zone = 0; zone <= story.paragraphs.length; zone++) {
    buffer.load(zone === 0 ? story.headline : (story.paragraphs[zone - 1] as string));
    lemmatiser.lemmatise(buffer, lemmas);
    if (muted.length < buffer.count) muted = new Uint8Array(buffer.count * 2);
    const zoneScores = new Float64Array(data.topics.length);
    scoreZone(matcher, lemmas, zone, zoneScores, muted);
    for (let t = 0; t < scores.length; t++) scores[t] = (scores[t] as number) + (zoneScores[t] as number);
    const zoneCounts = new Map<number, number>();
    const count = (key: number, w: number): void => {
      counts.set(key, (counts.get(key) ?? 0) + w);
      zoneCounts.set(key, (zoneCounts.get(key) ?? 0) + w);
    };
    const zoneWords = zoneFeatures(lemmas, lemmatiser.ids, muted, zoneWeight(zones, zone), {
      unigram: (id, w) => count(unigramKey(id), w),
      bigram: (a, b, w) => count(bigramKey(a, b), w),
    });
    words += zoneWords;
    if (zone > 0) passages.push(featureVector(zoneCounts, zoneWords, zoneScores));
  }
  return { ...featureVector(counts, words, scores), labels: new Set(labels), weight, passages, words };
}

/** Counts over `words` weighted words, normalised as model.ts reads them, with their phrase prior. */
function featureVector(counts: ReadonlyMap<number, number>, words: number, scores: Float64Array): Omit<Vector, 'passages' | 'labels' | 'weight' | 'words'> {
  const norm = Math.sqrt(Math.max(1, words));
  const keys = [...counts.keys()].sort((a, b) => a - b);
  return { keys, values: keys.map((k) => (counts.get(k) as number) / norm), prior: priorFeatures(scores, Array.from(scores, (_s, i) => i)) };
}
const compileCache = new WeakMap<TaggerData, ReturnType<typeof compileTopics>>();

/** The vectors training uses (the first `embedWords`), each scaled to unit length; lemma → row. */
interface Embedding {
  readonly dims: number;
  readonly lemmas: readonly string[];
  readonly rows: ReadonlyMap<string, number>;
  readonly vectors: Float64Array;
}

function embedding(vectors: WordVectors | undefined, options: TrainOptions): Embedding | undefined {
  if (vectors === undefined || options.embedWords <= 0) return undefined;
  const { dims } = vectors;
  const n = Math.min(options.embedWords, vectors.lemmas.length);
  const lemmas = vectors.lemmas.slice(0, n);
  const unit = vectors.vectors.slice(0, n * dims);
  for (let r = 0; r < n; r++) {
    let length = 0;
    for (let d = 0; d < dims; d++) length += (unit[r * dims + d] as number) ** 2;
    length = Math.sqrt(length) || 1;
    for (let d = 0; d < dims; d++) unit[r * dims + d] = (unit[r * dims + d] as number) / length;
  }
  return { dims, lemmas, rows: new Map(lemmas.map((l, r) => [l, r])), vectors: unit };
}

/** Each topic's label, description and phrases as one labelled pseudo-story. */
export function pseudoStories(data: TaggerData): LabelledStory[] {
  return data.topics.map((topic) => ({
    headline: topic.label,
    paragraphs: [topic.description, topic.phrases.map((p) => p.text.replace(/\*$/, '')).join('. ')],
    topics: [topic.slug],
  }));
}

/** mulberry32: a tiny seeded generator, so training order is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fitted {
  readonly topics: readonly string[];
  readonly columns: Map<number, number>; // feature key → column
  readonly w: Float64Array; // columns × T
  readonly v: Float64Array; // T × P (prior weights)
  readonly b: Float64Array;
}

function fit(vectors: readonly Vector[], topics: readonly string[], priorSlugs: readonly string[], options: TrainOptions, threshold: number): Fitted {
  const priors = priorSlugs.length;
  const T = topics.length;
  const df = new Map<number, number>();
  for (const x of vectors) for (const k of x.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const columns = new Map<number, number>();
  for (const k of [...df.keys()].sort((a, b) => a - b)) if ((df.get(k) as number) >= options.minCount) columns.set(k, columns.size);
  const rows = vectors.map((x) => {
    const cols: number[] = [];
    const vals: number[] = [];
    x.keys.forEach((k, i) => {
      const c = columns.get(k);
      if (c !== undefined) {
        cols.push(c);
        vals.push(x.values[i] as number);
      }
    });
    return { cols, vals, x };
  });
  const ratio = nbRatio(rows, columns.size, topics, options);
  const offset = ratio.map((r) => options.nbOffset * r);
  const w = new Float64Array(columns.size * T);
  const gw = new Float64Array(columns.size * T);
  // The prior: a topic's own phrase score, at the taxonomy's threshold, means even odds.
  const mean = new Float64Array(T * priors);
  topics.forEach((slug, t) => {
    const u = priorSlugs.indexOf(slug);
    if (u >= 0) mean[t * priors + u] = options.priorMean;
  });
  const v = Float64Array.from(mean);
  const gv = new Float64Array(T * priors);
  const b = new Float64Array(T).fill(-options.priorMean * Math.log1p(threshold));
  const gb = new Float64Array(T);
  const next = random(options.seed);
  const order = rows.map((_r, i) => i);
  const eps = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const { cols, vals, x } = rows[index] as (typeof rows)[number];
      for (let t = 0; t < T; t++) {
        let z = b[t] as number;
        for (let i = 0; i < cols.length; i++) {
          const at = (cols[i] as number) * T + t;
          z += (vals[i] as number) * ((w[at] as number) + (offset[at] as number));
        }
        for (let u = 0; u < priors; u++) z += (x.prior[u] as number) * (v[t * priors + u] as number);
        const g = (sigmoid(z) - (x.labels.has(topics[t] as string) ? 1 : 0)) * x.weight;
        gb[t] = (gb[t] as number) + g * g;
        b[t] = (b[t] as number) - (options.rate * g) / Math.sqrt((gb[t] as number) + eps);
        for (let i = 0; i < cols.length; i++) {
          const at = (cols[i] as number) * T + t;
          const grad = g * (vals[i] as number) + options.l2 * (w[at] as number);
          gw[at] = (gw[at] as number) + grad * grad;
          w[at] = (w[at] as number) - (options.rate * grad) / Math.sqrt((gw[at] as number) + eps);
        }
        for (let u = 0; u < priors; u++) {
          const at = t * priors + u;
          const grad = g * (x.prior[u] as number) + options.priorL2 * ((v[at] as number) - (mean[at] as number));
          gv[at] = (gv[at] as number) + grad * grad;
          v[at] = (v[at] as number) - (options.rate * grad) / Math.sqrt((gv[at] as number) + eps);
        }
      }
    }
  }
  // The offset folds into the weights, so tagging reads plain weights (model.ts knows no NB).
  for (let at = 0; at < w.length; at++) w[at] = (w[at] as number) + (offset[at] as number);
  return { topics, columns, w, v, b };
}

/**
 * Per feature and topic, the naive-Bayes log ratio (Wang & Manning 2012): how much likelier the
 * feature is in the topic's stories than in the others, from smoothed shares of binarised
 * occurrences; the NB offset adds it as a fixed score.
 */
function nbRatio(rows: readonly { cols: number[]; x: Vector }[], size: number, topics: readonly string[], options: TrainOptions): Float64Array {
  const T = topics.length;
  const ratio = new Float64Array(size * T);
  if (options.nbOffset === 0) return ratio;
  const pos = new Float64Array(size * T);
  const neg = new Float64Array(size * T);
  for (const { cols, x } of rows) {
    for (let t = 0; t < T; t++) {
      const into = x.labels.has(topics[t] as string) ? pos : neg;
      for (const c of cols) into[c * T + t] = (into[c * T + t] as number) + 1;
    }
  }
  for (let t = 0; t < T; t++) {
    let p = 0;
    let q = 0;
    for (let c = 0; c < size; c++) {
      p += (pos[c * T + t] as number) + options.nbAlpha;
      q += (neg[c * T + t] as number) + options.nbAlpha;
    }
    for (let c = 0; c < size; c++) ratio[c * T + t] = Math.log(((pos[c * T + t] as number) + options.nbAlpha) / p / (((neg[c * T + t] as number) + options.nbAlpha) / q));
  }
  return ratio;
}

/**
 * Weights for lemmas the fit has none for: each borrows `embedTransfer` × the cosine-weighted
 * mean weight of its `embedK` nearest fitted unigrams (by word vector), so a word no training
 * story used (or only one did) still carries the evidence of its neighbours. Ties go to the
 * earlier column, so the result is the same on every machine.
 */
function borrowWeights(model: Fitted, lemmas: readonly string[], vocabulary: Vocabulary, embed: Embedding, options: TrainOptions): Map<string, Float64Array> {
  const T = model.topics.length;
  const D = embed.dims;
  const K = Math.max(1, options.embedK);
  const unitInto = (row: number, into: Float64Array, at: number): void => into.set(embed.vectors.subarray(row * D, row * D + D), at);
  const fittedColumns: number[] = [];
  for (const [key, column] of model.columns) {
    if (key < KEY_SHIFT && embed.rows.has(vocabulary.lemmas[key] as string)) fittedColumns.push(column);
  }
  fittedColumns.sort((a, b) => a - b);
  const lemmaOfColumn = new Map<number, string>();
  for (const [key, column] of model.columns) if (key < KEY_SHIFT) lemmaOfColumn.set(column, vocabulary.lemmas[key] as string);
  const matrix = new Float64Array(fittedColumns.length * D);
  fittedColumns.forEach((column, j) => unitInto(embed.rows.get(lemmaOfColumn.get(column) as string) as number, matrix, j * D));
  const v = new Float64Array(D);
  const sims = new Float64Array(K);
  const picks = new Int32Array(K);
  const out = new Map<string, Float64Array>();
  for (const lemma of lemmas) {
    const row = embed.rows.get(lemma);
    if (row === undefined) continue;
    unitInto(row, v, 0);
    let n = 0;
    for (let j = 0; j < fittedColumns.length; j++) {
      let sim = 0;
      for (let d = 0, base = j * D; d < D; d++) sim += (v[d] as number) * (matrix[base + d] as number);
      if (sim <= 0 || (n === K && sim <= (sims[K - 1] as number))) continue;
      let at = n < K ? n++ : K - 1;
      while (at > 0 && (sims[at - 1] as number) < sim) {
        sims[at] = sims[at - 1] as number;
        picks[at] = picks[at - 1] as number;
        at--;
      }
      sims[at] = sim;
      picks[at] = j;
    }
    let total = 0;
    for (let k = 0; k < n; k++) total += sims[k] as number;
    if (total === 0) continue;
    const weights = new Float64Array(T);
    for (let k = 0; k < n; k++) {
      const column = fittedColumns[picks[k] as number] as number;
      const share = (options.embedTransfer * (sims[k] as number)) / total;
      for (let t = 0; t < T; t++) weights[t] = (weights[t] as number) + share * (model.w[column * T + t] as number);
    }
    out.set(lemma, weights);
  }
  return out;
}

/** The fit with borrowed weights for these unigram keys (cross-validation's held-out words). */
function withBorrowed(model: Fitted, keys: readonly number[], vocabulary: Vocabulary, embed: Embedding, options: TrainOptions): Fitted {
  const T = model.topics.length;
  const borrowed = borrowWeights(model, keys.map((k) => vocabulary.lemmas[k] as string), vocabulary, embed, options);
  const columns = new Map(model.columns);
  const extra: number[] = [];
  for (const key of keys) {
    const weights = borrowed.get(vocabulary.lemmas[key] as string);
    if (weights === undefined) continue;
    columns.set(key, model.columns.size + extra.length / T);
    extra.push(...weights);
  }
  const w = new Float64Array(model.w.length + extra.length);
  w.set(model.w);
  w.set(extra, model.w.length);
  return { ...model, columns, w };
}

/** Out-of-fold probabilities, read as tagging reads them (model.ts `probabilities`, with `passageWords`). */
function predict(model: Fitted, x: Vector, priors: number, passageWords: number): Float64Array {
  const out = predictOne(model, x, priors);
  if (readsByParagraph(passageWords, x.passages.length, x.words)) {
    const best = new Float64Array(out.length);
    for (const passage of x.passages) keepPassage(best, predictOne(model, passage, priors));
    for (let t = 0; t < out.length; t++) out[t] = Math.max(out[t] as number, best[t] as number);
  }
  return out;
}

function predictOne(model: Fitted, x: Omit<Vector, 'passages' | 'labels' | 'weight' | 'words'>, priors: number): Float64Array {
  const T = model.topics.length;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let z = model.b[t] as number;
    x.keys.forEach((k, i) => {
      const c = model.columns.get(k);
      if (c !== undefined) z += (x.values[i] as number) * (model.w[c * T + t] as number);
    });
    for (let u = 0; u < priors; u++) z += (x.prior[u] as number) * (model.v[t * priors + u] as number);
    out[t] = sigmoid(z);
  }
  return out;
}

const round = (x: number, digits: number): number => {
  const r = Number(x.toFixed(digits));
  return Object.is(r, -0) ? 0 : r;
};

/**
 * Micro-F1 of `decideTopics` with these cuts over out-of-fold probabilities. Calibration calls
 * it thousands of times, so each story's ranking (which no cut changes) is sorted once by
 * `rankings`, and the decision below is `decideTopics` over that ranking.
 */
function microF1(ranked: Rankings, gold: readonly (readonly number[])[], thresholds: readonly number[], fallback: number, max: Caps): number {
  let hits = 0;
  let given = 0;
  let wanted = 0;
  const passing: number[] = []; // one story's topics over their cuts, reused: calibration calls this thousands of times
  ranked.orders.forEach((order, i) => {
    const p = ranked.probabilities[i] as Float64Array;
    const truth = gold[i] as readonly number[];
    passing.length = 0;
    for (const t of order) if ((p[t] as number) >= (thresholds[t] ?? 1)) passing.push(t);
    const kept = keepClearest(passing, p, thresholds, capOf(max, i));
    let n = kept.length;
    for (const t of kept) if (truth.includes(t)) hits++;
    if (n === 0 && order.length > 0 && (p[order[0] as number] as number) >= fallback) {
      n = 1;
      if (truth.includes(order[0] as number)) hits++;
    }
    given += n;
    wanted += truth.length;
  });
  return given + wanted === 0 ? 1 : (2 * hits) / (given + wanted);
}

/** At most this many topics a story: one number for all, or each story's own (`topicCap`). */
type Caps = number | readonly number[];
const capOf = (max: Caps, i: number): number => (typeof max === 'number' ? max : (max[i] as number));

interface Rankings {
  readonly probabilities: readonly Float64Array[];
  readonly orders: readonly Int32Array[];
}

/** Each story's topics by probability, best first (ties by index, as in `decideTopics`). */
function rankings(probabilities: readonly Float64Array[]): Rankings {
  const orders = probabilities.map((p) => Int32Array.from(Array.from(p, (_v, t) => t).sort((a, b) => (p[b] as number) - (p[a] as number) || a - b)));
  return { probabilities, orders };
}

const GRID = Array.from({ length: 37 }, (_v, i) => 0.05 + i * 0.025); // 0.05 … 0.95
/**
 * A topic's own cut is never below this: the training stories name their topics outright and
 * rarely mention one in passing, so cross-validation alone would let a topic through on a
 * one-in-six chance (a reactor in passing made `nuclear`). The fallback may go lower: it
 * only ever adds the single best topic to a story that has none.
 */
const MIN_CUT = 0.25;
/**
 * The fallback's floor. Every training story has a topic, so cross-validation alone would
 * push the fallback toward zero and give a topic to any text at all (`Crowds gathered. It
 * was a cold day.`); below this, the best topic is a guess, not a fit.
 */
const MIN_FALLBACK = 0.2;

export interface Calibration {
  readonly thresholds: number[];
  readonly fallback: number;
  readonly microF1: number; // out-of-fold, on the training stories
}

export function calibrate(scores: readonly Float64Array[], gold: readonly (readonly number[])[], T: number, max: Caps, shrink: number): Calibration {
  const probabilities = rankings(scores);
  let common = 0.5;
  let best = -1;
  for (const cut of GRID.filter((c) => c >= MIN_CUT)) {
    const f = microF1(probabilities, gold, Array(T).fill(cut), 0, max);
    if (f > best + 1e-12) [best, common] = [f, cut];
  }
  const thresholds = Array<number>(T).fill(common);
  for (let pass = 0; pass < 2; pass++) {
    for (let t = 0; t < T; t++) {
      let bestCut = thresholds[t] as number;
      let bestF = microF1(probabilities, gold, thresholds, 0, max);
      for (const cut of GRID.filter((c) => c >= MIN_CUT)) {
        const trial = thresholds.slice();
        trial[t] = cut;
        const f = microF1(probabilities, gold, trial, 0, max);
        if (f > bestF + 1e-12) [bestF, bestCut] = [f, cut];
      }
      thresholds[t] = bestCut;
    }
  }
  const positives = Array.from({ length: T }, (_v, t) => gold.filter((g) => g.includes(t)).length);
  const shrunk = thresholds.map((cut, t) => round(((positives[t] as number) * cut + shrink * common) / ((positives[t] as number) + shrink), 3));
  let fallback = 1;
  let bestF = microF1(probabilities, gold, shrunk, 1, max);
  for (const cut of GRID.filter((c) => c >= MIN_FALLBACK)) {
    const f = microF1(probabilities, gold, shrunk, cut, max);
    if (f > bestF + 1e-12) [bestF, fallback] = [f, cut];
  }
  return { thresholds: shrunk, fallback: round(fallback, 3), microF1: bestF };
}

/**
 * Micro-F1 of the whole decision with cuts that never saw the story: per fold, `calibrate` on
 * the other folds' out-of-fold scores, decided on this fold's. The plain figure picks its cuts
 * on the very scores it counts, so it flatters; this one is what a new story can expect.
 */
export function nestedMicroF1(scores: readonly Float64Array[], gold: readonly (readonly number[])[], folds: readonly number[], T: number, max: Caps, shrink: number): number {
  let hits = 0;
  let given = 0;
  let wanted = 0;
  for (const f of [...new Set(folds)].sort((a, b) => a - b)) {
    const inner = scores.map((_p, i) => i).filter((i) => folds[i] !== f);
    const cuts = calibrate(inner.map((i) => scores[i] as Float64Array), inner.map((i) => gold[i] as readonly number[]), T, typeof max === 'number' ? max : inner.map((i) => max[i] as number), shrink);
    const decision = { topics: cuts.thresholds.map(String), thresholds: cuts.thresholds, fallback: cuts.fallback } as unknown as TopicModelData;
    scores.forEach((p, i) => {
      if (folds[i] !== f) return;
      const topics = decideTopics(decision, p, capOf(max, i));
      const truth = gold[i] as readonly number[];
      hits += topics.filter((t) => truth.includes(t)).length;
      given += topics.length;
      wanted += truth.length;
    });
  }
  return given + wanted === 0 ? 1 : (2 * hits) / (given + wanted);
}

/** Which fold a story is in: by a hash of its headline, so adding a story moves no other. */
const foldOf = (headline: string, folds: number): number => createHash('sha256').update(headline).digest().readUInt32BE(0) % folds;

export interface TrainResult {
  readonly model: TopicModelData;
  readonly calibration: Calibration;
  /** Each training story's out-of-fold probabilities (per model topic), for reading the misses. */
  readonly outOfFold: readonly Float64Array[];
}

/** Cross-validation alone (no final fit): what tuning on the train split measures. */
export function crossValidate(
  stories: readonly LabelledStory[],
  data: TaggerData,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  max = 3,
  nested = false,
  vectors?: WordVectors,
): Calibration & { readonly topics: readonly string[]; readonly outOfFold: readonly Float64Array[]; readonly nestedMicroF1?: number } {
  const prepared = prepare(stories, data, options, vectors);
  const { calibration, oof, gold, folds, caps } = outOfFold(stories, data, options, max, prepared);
  const honest = nested ? { nestedMicroF1: nestedMicroF1(oof, gold, folds, prepared.topics.length, caps, options.shrink) } : {};
  return { ...calibration, topics: prepared.topics, outOfFold: oof, ...honest };
}

/** The training stories and the taxonomy's pseudo-stories as vectors, and the topics to learn. */
function prepare(stories: readonly LabelledStory[], data: TaggerData, options: TrainOptions, vectors: WordVectors | undefined) {
  const embed = embedding(vectors, options);
  const lemmatiser = new Lemmatiser(new Vocabulary(true));
  const slugs = data.topics.map((t) => t.slug);
  const counts = new Map(slugs.map((s) => [s, 0]));
  for (const story of stories) for (const t of story.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const topics = slugs.filter((s) => (counts.get(s) ?? 0) >= options.minPositives);
  const real = stories.map((s) => vectorise(s, s.topics, 1, data, lemmatiser, options.zones));
  const pseudo = options.pseudoWeight > 0 ? pseudoStories(data).map((s) => vectorise(s, s.topics, options.pseudoWeight, data, lemmatiser, options.zones)) : [];
  return { lemmatiser, slugs, topics, real, pseudo, embed };
}

/** Out-of-fold probabilities for calibration, and the calibration they give. */
function outOfFold(stories: readonly LabelledStory[], data: TaggerData, options: TrainOptions, max: number, prepared: ReturnType<typeof prepare>) {
  const { slugs, topics, real, pseudo } = prepared;
  const P = slugs.length;
  const folds = stories.map((s) => foldOf(s.headline, options.folds));
  const oof: Float64Array[] = Array.from({ length: stories.length }, () => new Float64Array(topics.length));
  for (let f = 0; f < options.folds; f++) {
    const trainSet = [...real.filter((_x, i) => folds[i] !== f), ...pseudo];
    if (trainSet.length === pseudo.length) continue;
    let fitted = fit(trainSet, topics, slugs, options, data.topicScoring.threshold);
    if (prepared.embed && options.embedTransfer > 0) {
      const wanted = new Set<number>();
      real.forEach((x, i) => {
        if (folds[i] === f) for (const k of x.keys) if (k < KEY_SHIFT && !fitted.columns.has(k)) wanted.add(k);
      });
      fitted = withBorrowed(fitted, [...wanted].sort((a, b) => a - b), prepared.lemmatiser.vocabulary, prepared.embed, options);
    }
    real.forEach((x, i) => {
      if (folds[i] === f) oof[i] = predict(fitted, x, P, options.passageWords);
    });
  }
  const gold = stories.map((s) => s.topics.map((t) => topics.indexOf(t)).filter((t) => t >= 0));
  // Each story's cap, as tagging gives it (model.ts `topicCap`).
  const caps = real.map((x) => topicCap(max, readsByParagraph(options.passageWords, x.passages.length, x.words)));
  return { oof, gold, folds, caps, calibration: calibrate(oof, gold, topics.length, caps, options.shrink) };
}

export function train(stories: readonly LabelledStory[], data: TaggerData, options: TrainOptions = DEFAULT_TRAIN_OPTIONS, max = 3, vectors?: WordVectors): TrainResult {
  if (options.embedWords > 0 && vectors === undefined) throw new Error('train: embedWords is set but no word vectors were given');
  const prepared = prepare(stories, data, options, vectors);
  const { lemmatiser, slugs, topics, real, pseudo, embed } = prepared;
  const P = slugs.length;
  const { oof, calibration } = outOfFold(stories, data, options, max, prepared);

  const fitted = fit([...real, ...pseudo], topics, slugs, options, data.topicScoring.threshold);
  const T = topics.length;
  const rows = new Map<string, Float64Array>();
  for (const [key, column] of fitted.columns) rows.set(keyName(key, lemmatiser.vocabulary), fitted.w.slice(column * T, column * T + T));
  // Every vector lemma the final fit has no weight for borrows its neighbours' (as in
  // cross-validation, where the held-out stories' unseen words do the same).
  if (embed && options.embedTransfer > 0) {
    const unseen = embed.lemmas.filter((lemma) => !rows.has(lemma));
    for (const [lemma, weights] of borrowWeights(fitted, unseen, lemmatiser.vocabulary, embed, options)) {
      const row = rows.get(lemma) ?? new Float64Array(T);
      for (let t = 0; t < T; t++) row[t] = (row[t] as number) + (weights[t] as number);
      rows.set(lemma, row);
    }
  }
  const features: Record<string, number[]> = {};
  for (const name of [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const row = Array.from(rows.get(name) as Float64Array, (x) => round(x, 4));
    if (row.some((x) => x !== 0)) features[name] = row;
  }
  return {
    model: {
      version: 1,
      zones: options.zones,
      topics,
      priors: slugs,
      bias: Array.from(fitted.b, (x) => round(x, 4)),
      prior: topics.map((_s, t) => Array.from({ length: P }, (_v, u) => round(fitted.v[t * P + u] as number, 4))),
      thresholds: calibration.thresholds,
      fallback: calibration.fallback,
      ...(options.passageWords > 0 ? { passageWords: options.passageWords } : {}),
      features,
    },
    calibration,
    outOfFold: oof,
  };
}

function keyName(key: number, vocabulary: Vocabulary): string {
  if (key < KEY_SHIFT) return vocabulary.lemmas[key] as string;
  const a = Math.floor(key / KEY_SHIFT) - 1;
  return `${vocabulary.lemmas[a]} ${vocabulary.lemmas[key % KEY_SHIFT]}`;
}

/** The model file's text: one feature a line, keys in a fixed order, so diffs stay readable. */
export function serialiseModel(model: TopicModelData): string {
  const head = { ...model, features: undefined };
  const lines = Object.entries(model.features).map(([name, row]) => `    ${JSON.stringify(name)}: ${JSON.stringify(row)}`);
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "features": {\n${lines.join(',\n')}\n  }\n}\n`;
}
