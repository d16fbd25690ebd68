/**
 * `npm run eval [-- --split test|train|all]`: tag the labelled stories of eval/*.yaml and print
 * per-topic precision/recall/F1, topic micro-F1, primary-pair accuracy, country recall and
 * trap countries (a country a story's `absent:` says must not be tagged), then the misses.
 * The default is the test split: the figure to report. Tune on `--split train` only; the
 * test split's misses are printed only on request (`--misses`), so no one tunes on them by
 * accident. `evaluate` is pure so tests/tag/eval.test.ts can hold the figures.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { StoryTags } from '../src/types.ts';
import { createTagger, type TaggableStory } from '../src/tag/tagger.ts';
import { loadTaggerData } from '../src/tag/data.ts';

export type Split = 'train' | 'test';

export interface EvalStory extends TaggableStory {
  readonly pair: readonly string[] | null; // acceptable primary pairs; null: no pair
  readonly countries: readonly string[];
  readonly absent: readonly string[]; // trap countries that must not be tagged
  readonly topics: readonly string[];
  readonly split: Split;
  readonly file: string;
}

export interface TopicFigures {
  readonly topic: string;
  readonly given: number;
  readonly wanted: number;
  readonly hits: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface EvalMetrics {
  readonly stories: number;
  readonly pairAccuracy: number;
  readonly countryRecall: number;
  readonly trapCountries: number; // stories tagged with a country their `absent:` lists
  readonly topicPrecision: number;
  readonly topicRecall: number;
  readonly topicMicroF1: number;
  readonly perTopic: readonly TopicFigures[];
}

export interface EvalMiss {
  readonly headline: string;
  readonly problems: readonly string[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

type Scored = Pick<EvalStory, 'headline' | 'paragraphs' | 'pair' | 'countries' | 'topics'> & { readonly absent?: readonly string[] };

export function evaluate(tag: (story: TaggableStory) => StoryTags, stories: readonly Scored[]): EvalMetrics & { misses: EvalMiss[] } {
  let pairHits = 0;
  let countryFound = 0;
  let countryWanted = 0;
  let traps = 0;
  const perTopic = new Map<string, { given: number; wanted: number; hits: number }>();
  const bump = (topic: string, key: 'given' | 'wanted' | 'hits') => {
    const entry = perTopic.get(topic) ?? { given: 0, wanted: 0, hits: 0 };
    entry[key]++;
    perTopic.set(topic, entry);
  };
  const misses: EvalMiss[] = [];
  for (const story of stories) {
    const tags = tag(story);
    const problems: string[] = [];
    const primary = tags.pairs[0] ?? null;
    const pairOk = story.pair === null ? primary === null : primary !== null && story.pair.includes(primary);
    if (pairOk) pairHits++;
    else problems.push(`pair ${primary} ≠ ${story.pair === null ? 'null' : story.pair.join('|')}`);
    const missing = story.countries.filter((c) => !tags.countries.includes(c));
    countryWanted += story.countries.length;
    countryFound += story.countries.length - missing.length;
    if (missing.length) problems.push(`missing countries ${missing.join(', ')}`);
    const trapped = (story.absent ?? []).filter((c) => tags.countries.includes(c));
    if (trapped.length) {
      traps++;
      problems.push(`trap countries ${trapped.join(', ')}`);
    }
    for (const t of tags.topics) bump(t, 'given');
    for (const t of story.topics) bump(t, 'wanted');
    const hits = tags.topics.filter((t) => story.topics.includes(t));
    for (const t of hits) bump(t, 'hits');
    if (hits.length !== tags.topics.length || hits.length !== story.topics.length) problems.push(`topics [${tags.topics.join(', ')}] ≠ [${story.topics.join(', ')}]`);
    if (problems.length) misses.push({ headline: story.headline, problems });
  }
  const total = { given: 0, wanted: 0, hits: 0 };
  const figures = [...perTopic.keys()].sort().map((topic): TopicFigures => {
    const { given, wanted, hits } = perTopic.get(topic) as { given: number; wanted: number; hits: number };
    total.given += given;
    total.wanted += wanted;
    total.hits += hits;
    const precision = ratio(hits, given);
    const recall = ratio(hits, wanted);
    return { topic, given, wanted, hits, precision, recall, f1: f1(precision, recall) };
  });
  const topicPrecision = ratio(total.hits, total.given);
  const topicRecall = ratio(total.hits, total.wanted);
  return {
    stories: stories.length,
    pairAccuracy: ratio(pairHits, stories.length),
    countryRecall: ratio(countryFound, countryWanted),
    trapCountries: traps,
    topicPrecision,
    topicRecall,
    topicMicroF1: total.given + total.wanted === 0 ? 1 : (2 * total.hits) / (total.given + total.wanted),
    perTopic: figures,
    misses,
  };
}

const strings = (value: unknown, where: string): string[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`Expected a list of strings at ${where}`);
  return value as string[];
};

/** The labelled files: every `.yaml` in `dir`, in name order. */
export function evalFiles(dir = 'eval'): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The stories of one labelled file. A story without `split:` is train (eval/stories.yaml was
 * tuned on before there was a split). `known` (countries and topics) checks every slug.
 */
export function loadEvalStories(file = 'eval/stories.yaml', known?: { countries: ReadonlySet<string>; topics: ReadonlySet<string> }): EvalStory[] {
  const doc = parse(readFileSync(file, 'utf8')) as { stories?: unknown };
  if (!Array.isArray(doc?.stories)) throw new Error(`Expected \`stories:\` list in ${file}`);
  return doc.stories.map((raw: Record<string, unknown>, i: number): EvalStory => {
    const where = `${file} stories[${i}]`;
    if (typeof raw['headline'] !== 'string') throw new Error(`Expected a headline at ${where}`);
    const pair = raw['pair'];
    const split = raw['split'] ?? 'train';
    if (split !== 'train' && split !== 'test') throw new Error(`Unexpected split \`${String(split)}\` at ${where}, expected train or test`);
    const story: EvalStory = {
      headline: raw['headline'],
      paragraphs: strings(raw['paragraphs'], `${where}.paragraphs`),
      pair: pair === null || pair === undefined ? null : typeof pair === 'string' ? [pair] : strings(pair, `${where}.pair`),
      countries: strings(raw['countries'] ?? [], `${where}.countries`),
      absent: strings(raw['absent'] ?? [], `${where}.absent`),
      topics: strings(raw['topics'], `${where}.topics`),
      split,
      file,
    };
    if (known) {
      for (const c of [...story.countries, ...story.absent]) {
        if (!known.countries.has(c)) throw new Error(`Unexpected country \`${c}\` at ${where}, expected a country slug`);
      }
      for (const p of story.pair ?? []) {
        const ok = [...known.countries].some((a) => p.startsWith(`${a}-`) && known.countries.has(p.slice(a.length + 1)) && a < p.slice(a.length + 1));
        if (!ok) throw new Error(`Unexpected pair \`${p}\` at ${where}, expected two country slugs in alphabetical order`);
      }
      for (const t of story.topics) if (!known.topics.has(t)) throw new Error(`Unexpected topic \`${t}\` at ${where}, expected one of data/topics.yaml`);
    }
    return story;
  });
}

/** Every labelled story of every file in `dir`, each slug checked against the tagger's data. */
export function loadCorpus(dir = 'eval', dataDir = 'data'): EvalStory[] {
  const data = loadTaggerData(dataDir);
  const known = { countries: new Set(data.countries.map((c) => c.slug)), topics: new Set(data.topics.map((t) => t.slug)) };
  return evalFiles(dir).flatMap((file) => loadEvalStories(file, known));
}

function main(argv: string[]): void {
  const at = argv.indexOf('--split');
  const split = at >= 0 ? argv[at + 1] : 'test';
  if (split !== 'test' && split !== 'train' && split !== 'all') throw new Error(`Unexpected --split ${split}, expected test, train or all`);
  const showMisses = split === 'train' || argv.includes('--misses');
  const stories = loadCorpus().filter((s) => split === 'all' || s.split === split);
  const result = evaluate(createTagger(loadTaggerData()), stories);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`eval: ${result.stories} stories (${split} split)`);
  console.log(`  primary-pair accuracy  ${pct(result.pairAccuracy)}`);
  console.log(`  country recall         ${pct(result.countryRecall)}`);
  console.log(`  trap countries         ${result.trapCountries} stories`);
  console.log(`  topic precision        ${pct(result.topicPrecision)}`);
  console.log(`  topic recall           ${pct(result.topicRecall)}`);
  console.log(`  topic micro-F1         ${pct(result.topicMicroF1)}`);
  console.log('  topic            given wanted hits  precision recall  F1');
  for (const t of result.perTopic) {
    console.log(`  ${t.topic.padEnd(16)} ${String(t.given).padStart(5)} ${String(t.wanted).padStart(6)} ${String(t.hits).padStart(4)}  ${pct(t.precision).padStart(9)} ${pct(t.recall).padStart(6)} ${pct(t.f1).padStart(6)}`);
  }
  if (showMisses) for (const miss of result.misses) console.log(`  - ${miss.headline}\n      ${miss.problems.join('\n      ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
