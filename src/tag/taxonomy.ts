/**
 * The tagging data as the build uses it: the default tagger, and the display
 * names the site prints for country, topic and organisation slugs.
 */
import { join } from 'node:path';
import { SeedCache } from '../engine/cache.ts';
import { fallbackLabels, type SiteLabels } from '../site.ts';
import { createTagger } from './tagger.ts';
import { loadTaggerData, type TaggerData } from './data.ts';
import type { Tagger } from '../records/records.ts';
import type { TagVocabulary } from '../records/corrections.ts';

export interface Taxonomy {
  readonly tagger: Tagger;
  readonly labels: SiteLabels;
  /** Every country and topic slug a story can carry (what editors' corrections may name). */
  readonly vocabulary: TagVocabulary;
}

export function siteLabels(data: TaggerData): SiteLabels {
  const countries = new Map(data.countries.map((c) => [c.slug, c.name]));
  const topics = new Map(data.topics.map((t) => [t.slug, t]));
  return {
    country: (slug) => countries.get(slug) ?? fallbackLabels.country(slug),
    topic: (slug) => topics.get(slug)?.label ?? fallbackLabels.topic(slug),
    topicDescription: (slug) => topics.get(slug)?.description ?? '',
  };
}

/**
 * A tagger compiled from `data` when it tags its first story: a rebuild whose
 * seeds all come from the cache never compiles one (45 ms).
 */
export function lazyTagger(data: TaggerData): Tagger {
  let compiled: Tagger | undefined;
  return (story) => (compiled ??= createTagger(data))(story);
}

export function taxonomyOf(data: TaggerData): Taxonomy {
  return {
    tagger: lazyTagger(data),
    labels: siteLabels(data),
    vocabulary: { countries: new Set(data.countries.map((c) => c.slug)), topics: new Set(data.topics.map((t) => t.slug)) },
  };
}

export function loadTaxonomy(dataDir: string): Taxonomy {
  return taxonomyOf(loadTaggerData(dataDir));
}

/**
 * `loadTaxonomy`, with the tagging data kept in `cache.dir` under
 * `cache.version`, which must change with the data files and the code that
 * reads them (the build's code version covers both). Parsing the YAML and the
 * country dataset took 66 ms of every build; reading the result back, 1 ms.
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
