import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFiles, type AnalysedFile } from '../../src/engine/analyse.ts';
import { runInWorkers, WorkerError } from '../../src/engine/pool.ts';
import { loadTaxonomy } from '../../src/tag/taxonomy.ts';
import type { Job } from '../../src/engine/worker-jobs.ts';
import { ROOT } from '../helpers/seeds.ts';

const SEEDS = ['2024-05.txt', '2025-05.txt'].map((name) => join(ROOT, 'seeds', name));
type AnalyseJob = Extract<Job, { kind: 'analyse' }>;
const analyse = (paths: readonly string[]): AnalyseJob => ({ kind: 'analyse', paths, dataDir: join(ROOT, 'data'), version: 'pool-test' });

describe('runInWorkers', () => {
  it('should share jobs between this thread and a worker and return the results in job order', async () => {
    const tagger = loadTaxonomy(join(ROOT, 'data')).tagger;
    const jobs = [SEEDS, [SEEDS[1]!], [SEEDS[0]!], SEEDS, [SEEDS[1]!], [SEEDS[0]!]].map(analyse);
    let here = 0;
    const results = await runInWorkers(jobs, {
      lanes: 2,
      here: async (job) => {
        here++;
        // Slow enough (3.6 s for all six) that the worker, started in about a second, takes some of the jobs.
        await new Promise((resolve) => setTimeout(resolve, 600));
        return analyseFiles(job.paths, { tagger, version: job.version });
      },
    });
    expect(results.map((files: AnalysedFile[]) => files.map((file) => file.path))).toEqual(jobs.map((job) => job.paths));
    // Both lanes worked, and both tag alike (a worker builds its own tagger from the data folder).
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(jobs.length);
    const storiesOf = (files: AnalysedFile[]) => files.flatMap((file) => file.result?.tags ?? []);
    expect(storiesOf(results[1]!)).toEqual(storiesOf(results[4]!));
    expect(storiesOf(results[0]!).length).toBeGreaterThan(5);
  }, 60_000);

  it('should fail with the job\'s own message when a job fails in a worker', async () => {
    const broken: Job = { kind: 'render', options: { templatesDir: join(ROOT, 'no-such-templates'), outDir: join(ROOT, '.no-such-output'), data: {} } };
    const failure = runInWorkers([broken], { lanes: 1 });
    await expect(failure).rejects.toBeInstanceOf(WorkerError);
    await expect(failure).rejects.toThrow(/^Rendering the site failed in Eleventy: .*no-such-templates/);
  }, 60_000);
});
