/** The jobs a build worker runs (src/worker.js); each maps plain data to plain data. */
import { SeedCache } from './cache.ts';
import { analyseFiles, type AnalysedFile, type SeedResult } from './load.ts';
import { renderSite, type RenderOptions } from './render.ts';
import { loadTaxonomy } from './taxonomy.ts';

export type Job =
  | { readonly kind: 'render'; readonly options: RenderOptions }
  | { readonly kind: 'analyse'; readonly paths: readonly string[]; readonly dataDir: string; readonly cacheDir?: string; readonly version: string };

export async function runJob(job: Job): Promise<number | AnalysedFile[]> {
  if (job.kind === 'render') return renderSite(job.options);
  const cache = job.cacheDir === undefined ? undefined : new SeedCache<SeedResult>(job.cacheDir);
  return analyseFiles(job.paths, { tagger: loadTaxonomy(job.dataDir).tagger, cache, version: job.version });
}
