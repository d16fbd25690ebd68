/**
 * The tagging data as the build uses it: the default tagger, the display
 * names it knows for country and topic slugs, and the vocabulary editors'
 * corrections may name.
 */
import { createTagger } from './tagger.ts';
import { loadTaggerData, type TaggerData } from './data.ts';
import type { Tagger } from '../types.ts';
import type { TagVocabulary } from '../records/corrections.ts';

/**
 * Display names from the tagging data; '' for a slug it does not know, which
 * the site then shows title-cased (src/site/labels.ts `safeLabels`).
 */
export interface TagLabels {
  country(slug: string): string;
  topic(slug: string): string;
  topicDescription(slug: string): string;
}

export interface Taxonomy {
  readonly tagger: Tagger;
  readonly labels: TagLabels;
  /** Every country and topic slug a story can carry (what editors' corrections may name). */
  readonly vocabulary: TagVocabulary;
}

export function tagLabels(data: TaggerData): TagLabels {
  const countries = new Map(data.countries.map((c) => [c.slug, c.name]));
  const topics = new Map(data.topics.map((t) => [t.slug, t]));
  return {
    country: (slug) => countries.get(slug) ?? '',
    topic: (slug) => topics.get(slug)?.label ?? '',
    topicDescription: (slug) => topics.get(slug)?.description ?? '',
  };
}

/**
 * A tagger compiled from `data` when it tags its first story: a rebuild whose
 * seeds all come from the cache never compiles one (docs/performance.md).
 */
export function lazyTagger(data: TaggerData): Tagger {
  let compiled: Tagger | undefined;
  return (story) => (compiled ??= createTagger(data))(story);
}

export function taxonomyOf(data: TaggerData): Taxonomy {
  return {
    tagger: lazyTagger(data),
    labels: tagLabels(data),
    vocabulary: { countries: new Set(data.countries.map((c) => c.slug)), topics: new Set(data.topics.map((t) => t.slug)) },
  };
}

export function loadTaxonomy(dataDir: string): Taxonomy {
  return taxonomyOf(loadTaggerData(dataDir));
}
