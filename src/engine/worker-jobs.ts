/** The jobs a build worker runs (src/engine/worker.js); each maps plain data to plain data. */
import type { AnalysedFile } from './analyse.ts';
import type { SeedResult } from '../seeds/analyse.ts';
import type { Tagger } from '../types.ts';
import type { RenderOptions } from '../render/eleventy.ts';

export type Job =
  | { readonly kind: 'render'; readonly options: RenderOptions }
  | { readonly kind: 'analyse'; readonly paths: readonly string[]; readonly dataDir: string; readonly cacheDir?: string; readonly version: string };

/** A lane analyses several batches: its tagger is built once per data folder. */
const taggers = new Map<string, Tagger>();

/** Modules are imported by the first job that needs them: a render lane never loads the parser, nor an analysis lane Eleventy. */
export async function runJob(job: Job): Promise<number | AnalysedFile[]> {
  if (job.kind === 'render') {
    const { renderSite } = await import('../render/eleventy.ts');
    return renderSite(job.options);
  }
  const [{ SeedCache }, { analyseFiles }, { loadTaxonomy }] = await Promise.all([import('./cache.ts'), import('./analyse.ts'), import('../tag/taxonomy.ts')]);
  let tagger = taggers.get(job.dataDir);
  if (!tagger) taggers.set(job.dataDir, (tagger = loadTaxonomy(job.dataDir).tagger));
  const cache = job.cacheDir === undefined ? undefined : new SeedCache<SeedResult>(job.cacheDir);
  return analyseFiles(job.paths, { tagger, cache, version: job.version });
}
