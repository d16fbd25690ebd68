/**
 * The tagging data as the build uses it: the default tagger, and the display
 * names the site prints for country, topic and organisation slugs.
 */
import { fallbackLabels, type SiteLabels } from './site.ts';
import { createTagger } from './tag.ts';
import { loadTaggerData, type TaggerData } from './tag-data.ts';
import type { Tagger } from './records.ts';

export function siteLabels(data: TaggerData): SiteLabels {
  const countries = new Map(data.countries.map((c) => [c.slug, c.name]));
  const topics = new Map(data.topics.map((t) => [t.slug, t]));
  return {
    country: (slug) => countries.get(slug) ?? fallbackLabels.country(slug),
    topic: (slug) => topics.get(slug)?.label ?? fallbackLabels.topic(slug),
    topicDescription: (slug) => topics.get(slug)?.description ?? '',
  };
}

export function loadTaxonomy(dataDir: string): { tagger: Tagger; labels: SiteLabels } {
  const data = loadTaggerData(dataDir);
  return { tagger: createTagger(data), labels: siteLabels(data) };
}
