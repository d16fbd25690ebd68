/**
 * The taxonomy with its tagging data kept in the build's cache folder: parsing
 * the YAML and the country dataset is most of loading it (docs/performance.md).
 */
import { join } from 'node:path';
import { SeedCache } from './cache.ts';
import { loadTaggerData, type TaggerData } from '../tag/data.ts';
import { taxonomyOf, type Taxonomy } from '../tag/taxonomy.ts';

/**
 * `loadTaxonomy`, with the tagging data kept in `cache.dir` under
 * `cache.version`, which must change with the data files and the code that
 * reads them (the build's code version covers both).
 */
export async function loadTaxonomyCached(dataDir: string, cache: { readonly dir: string; readonly version: string }): Promise<Taxonomy> {
  const store = new SeedCache<TaggerData>(cache.dir);
  const cached = store.get(cache.version);
  if (cached) return taxonomyOf(cached);
  const data = loadTaggerData(dataDir);
  await store.set(cache.version, data);
  await store.prune(new Set([cache.version]));
  return taxonomyOf(data);
}

/** Where `loadTaxonomyCached` keeps the tagging data in a build's cache folder. */
export const taxonomyCacheDir = (cacheDir: string): string => join(cacheDir, 'taxonomy');
