/**
 * `npm run eval`: tag the labelled stories in eval/stories.yaml and print primary-pair
 * accuracy, country recall and topic precision/recall (micro-averaged), then the misses.
 * `evaluate` is pure so tests/eval.test.ts can hold the figures.
 */

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { StoryTags } from '../src/types.ts';
import { createTagger, type TaggableStory } from '../src/tag.ts';
import { loadTaggerData } from '../src/tag-data.ts';

export interface EvalStory extends TaggableStory {
  readonly pair: readonly string[] | null; // acceptable primary pairs; null: no pair
  readonly countries: readonly string[];
  readonly topics: readonly string[];
}

export interface EvalMetrics {
  readonly stories: number;
  readonly pairAccuracy: number;
  readonly countryRecall: number;
  readonly topicPrecision: number;
  readonly topicRecall: number;
}

export interface EvalMiss {
  readonly headline: string;
  readonly problems: readonly string[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function evaluate(tag: (story: TaggableStory) => StoryTags, stories: readonly EvalStory[]): EvalMetrics & { misses: EvalMiss[] } {
  let pairHits = 0;
  let countryFound = 0;
  let countryWanted = 0;
  let topicHits = 0;
  let topicGiven = 0;
  let topicWanted = 0;
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
    const hits = tags.topics.filter((t) => story.topics.includes(t)).length;
    topicHits += hits;
    topicGiven += tags.topics.length;
    topicWanted += story.topics.length;
    if (hits !== tags.topics.length || hits !== story.topics.length) problems.push(`topics [${tags.topics.join(', ')}] ≠ [${story.topics.join(', ')}]`);
    if (problems.length) misses.push({ headline: story.headline, problems });
  }
  return {
    stories: stories.length,
    pairAccuracy: ratio(pairHits, stories.length),
    countryRecall: ratio(countryFound, countryWanted),
    topicPrecision: ratio(topicHits, topicGiven),
    topicRecall: ratio(topicHits, topicWanted),
    misses,
  };
}

const strings = (value: unknown, where: string): string[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`Expected a list of strings at ${where}`);
  return value as string[];
};

export function loadEvalStories(file = 'eval/stories.yaml'): EvalStory[] {
  const doc = parse(readFileSync(file, 'utf8')) as { stories?: unknown };
  if (!Array.isArray(doc?.stories)) throw new Error(`Expected \`stories:\` list in ${file}`);
  return doc.stories.map((raw: Record<string, unknown>, i: number): EvalStory => {
    const where = `${file} stories[${i}]`;
    if (typeof raw['headline'] !== 'string') throw new Error(`Expected a headline at ${where}`);
    const pair = raw['pair'];
    return {
      headline: raw['headline'],
      paragraphs: strings(raw['paragraphs'], `${where}.paragraphs`),
      pair: pair === null ? null : typeof pair === 'string' ? [pair] : strings(pair, `${where}.pair`),
      countries: strings(raw['countries'], `${where}.countries`),
      topics: strings(raw['topics'], `${where}.topics`),
    };
  });
}

function main(): void {
  const result = evaluate(createTagger(loadTaggerData()), loadEvalStories());
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`eval: ${result.stories} stories`);
  console.log(`  primary-pair accuracy  ${pct(result.pairAccuracy)}`);
  console.log(`  country recall         ${pct(result.countryRecall)}`);
  console.log(`  topic precision        ${pct(result.topicPrecision)}`);
  console.log(`  topic recall           ${pct(result.topicRecall)}`);
  for (const miss of result.misses) console.log(`  - ${miss.headline}\n      ${miss.problems.join('\n      ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
