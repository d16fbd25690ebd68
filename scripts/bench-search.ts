/**
 * Search index size and build time, for the seeds and for a synthetic archive
 * of 10,000 stories (`gen-corpus.mjs`, found by bench/generator.ts). Each corpus is
 * built with the project's own `build()`, search on, `runs` times; the index
 * time is the median. `npm run bench` calls `benchSearch()`; run this file
 * directly to print the table.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findGenerator, GENERATOR_MISSING } from '../bench/generator.ts';
import { build } from '../src/commands/build.ts';
import type { Tagger } from '../src/types.ts';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');


export interface SearchBenchRow {
  readonly corpus: string;
  readonly stories: number;
  readonly pages: number;
  /** Median over the runs, of the index step alone. */
  readonly indexMilliseconds: number;
  /** Median over the runs, of the whole build. */
  readonly buildMilliseconds: number;
  readonly files: number;
  readonly bytes: number;
}

export interface SearchBenchOptions {
  readonly runs?: number;
  readonly digests?: number;
  readonly storiesPerDigest?: number;
  readonly includeSeeds?: boolean;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The real tagger when it loads (it is still being written), else none: the index then has no tag filters. */
async function loadTagger(): Promise<Tagger | undefined> {
  try {
    const { createTagger } = await import('../src/tag/tagger.ts');
    const { loadTaggerData } = await import('../src/tag/data.ts');
    return createTagger(loadTaggerData(join(ROOT, 'data'))) as Tagger;
  } catch {
    return undefined;
  }
}

async function benchCorpus(corpus: string, seedsDir: string, runs: number, tagger: Tagger | undefined): Promise<SearchBenchRow> {
  const work = await mkdtemp(join(tmpdir(), 'nd-bench-search-'));
  try {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const summary = await build({ seedsDir, outDir: join(work, 'site') }, tagger);
      if (!summary.search) throw new Error('Expected a search summary, got none');
      samples.push({ summary, search: summary.search });
    }
    const last = samples.at(-1) as (typeof samples)[number];
    return {
      corpus,
      stories: last.summary.stories,
      pages: last.search.pages,
      indexMilliseconds: median(samples.map((s) => s.search.milliseconds)),
      buildMilliseconds: median(samples.map((s) => s.summary.milliseconds)),
      files: last.search.files,
      bytes: last.search.bytes,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<SearchBenchRow[]> {
  const runs = options.runs ?? 3;
  const digests = options.digests ?? 1000;
  const perDigest = options.storiesPerDigest ?? 10;
  const tagger = await loadTagger();
  const rows: SearchBenchRow[] = [];
  if (options.includeSeeds ?? true) rows.push(await benchCorpus('seeds', join(ROOT, 'seeds'), runs, tagger));
  const generator = findGenerator();
  if (!generator) throw new Error(GENERATOR_MISSING);
  const corpusDir = await mkdtemp(join(tmpdir(), 'nd-bench-corpus-'));
  try {
    await promisify(execFile)(process.execPath, [generator, '--digests', String(digests), '--stories-per-digest', String(perDigest), '--out', corpusDir]);
    rows.push(await benchCorpus(`synthetic ${digests}×${perDigest}`, corpusDir, runs, tagger));
  } finally {
    await rm(corpusDir, { recursive: true, force: true });
  }
  return rows;
}

export function formatSearchBench(rows: readonly SearchBenchRow[]): string {
  const lines = ['corpus | stories | indexed | index ms (median) | build ms (median) | files | bytes', '--- | ---: | ---: | ---: | ---: | ---: | ---:'];
  for (const r of rows) lines.push(`${r.corpus} | ${r.stories} | ${r.pages} | ${Math.round(r.indexMilliseconds)} | ${Math.round(r.buildMilliseconds)} | ${r.files} | ${r.bytes}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  console.log(formatSearchBench(await benchSearch()));
}
