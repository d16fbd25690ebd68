/**
 * Tagging throughput: generate a synthetic corpus with gen-corpus.mjs, read its stories with
 * the project's seed parser (as the build reads them), then time tagging
 * every story: one warm-up run, median of five. Also prints a rough agreement with the
 * generator's own tags (a sanity figure, not a target: its topic slugs differ a little).
 * Run: `npx tsx scripts/bench-tag.ts [--digests N] [--stories-per-digest M]`.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findGenerator, GENERATOR_MISSING } from '../bench/generator.ts';
import { pathToFileURL } from 'node:url';
import type { StoryTags } from '../src/types.ts';
import { createTagger, type TaggableStory } from '../src/tag/tagger.ts';
import { loadTaggerData } from '../src/tag/data.ts';
import { parseSeed } from '../src/seeds/parse.ts';
import { VFile } from 'vfile';

export interface BenchOptions {
  readonly digests?: number;
  readonly storiesPerDigest?: number;
  readonly runs?: number;
  readonly dataDir?: string;
  readonly generator?: string; // path to gen-corpus.mjs
}

export interface BenchResult {
  readonly stories: number;
  readonly medianMs: number; // wall clock
  readonly medianCpuMs: number; // this process's CPU time: steadier on a busy machine
  readonly storiesPerSecond: number; // from the wall clock
  readonly pairAgreement: number; // share of generator pair tags we match as primary pair
  readonly topicAgreement: number; // share of generator topic tags we also give
}

// The generator's topic slugs → ours.
const TOPIC_MAP: Record<string, string> = { 'trade-finance': 'trade', 'culture-media': 'culture', 'military-exercises': 'military' };

/** The stories as the build reads them: the project's own seed parser, so their strings are the build's too. */
function readStories(rawDir: string): TaggableStory[] {
  return readdirSync(rawDir)
    .sort()
    .flatMap((name) => {
      const file = new VFile({ path: join(rawDir, name), value: readFileSync(join(rawDir, name)) });
      const parsed = parseSeed(file, name);
      if (!parsed) throw new Error(`bench-tag: ${name} does not parse: ${file.messages.map(String).join('; ')}`);
      return parsed.stories;
    });
}

/** The generator's tags per story, in corpus order (md files sort like the raw stories). */
function generatorTags(mdDir: string): string[][] {
  return readdirSync(mdDir)
    .sort()
    .map((name) => [...readFileSync(join(mdDir, name), 'utf8').matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1] as string));
}

function agreement(ours: readonly StoryTags[], theirs: readonly string[][]): { pair: number; topic: number } {
  let pairs = 0;
  let pairHits = 0;
  let topics = 0;
  let topicHits = 0;
  ours.forEach((tags, i) => {
    const [place, ...rest] = theirs[i] ?? [];
    if (place?.includes('-') && !['north-korea', 'south-korea', 'united-states'].includes(place)) {
      pairs++;
      if (tags.pairs[0] === place) pairHits++;
    }
    for (const topic of rest) {
      topics++;
      if (tags.topics.includes(TOPIC_MAP[topic] ?? topic)) topicHits++;
    }
  });
  return { pair: pairs ? pairHits / pairs : 1, topic: topics ? topicHits / topics : 1 };
}

export function benchTag(options: BenchOptions = {}): BenchResult {
  const { digests = 1000, storiesPerDigest = 10, runs = 5, dataDir = 'data' } = options;
  const generator = options.generator ?? findGenerator();
  if (!generator) throw new Error(GENERATOR_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'bench-tag-'));
  try {
    execFileSync(process.execPath, [generator, '--digests', String(digests), '--stories-per-digest', String(storiesPerDigest), '--out', dir, '--format', 'both'], { stdio: 'ignore' });
    const rawDir = join(dir, 'raw');
    const stories = readStories(rawDir);
    const tag = createTagger(loadTaggerData(dataDir));
    let tagged: StoryTags[] = stories.map(tag); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      tagged = stories.map(tag);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const medianMs = median(times);
    const agree = agreement(tagged, generatorTags(join(dir, 'md')));
    return { stories: stories.length, medianMs, medianCpuMs: median(cpu), storiesPerSecond: stories.length / (medianMs / 1000), pairAgreement: agree.pair, topicAgreement: agree.topic };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const digests = arg('--digests');
  const perDigest = arg('--stories-per-digest');
  const r = benchTag({ ...(digests ? { digests } : {}), ...(perDigest ? { storiesPerDigest: perDigest } : {}) });
  console.log(
    `bench-tag: ${r.stories} stories in ${r.medianMs.toFixed(1)} ms (median of 5; CPU ${r.medianCpuMs.toFixed(1)} ms) = ` +
      `${Math.round(r.storiesPerSecond).toLocaleString('en-US')} stories/s`,
  );
  console.log(`  agreement with gen-corpus tags (sanity only): primary pair ${(r.pairAgreement * 100).toFixed(1)}%, topics ${(r.topicAgreement * 100).toFixed(1)}%`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
