/**
 * Dated stories and their tags (as the engine loads them) + the permalink registry → story records in the documented
 * order with their permanent URLs: what `build` publishes and what `check`
 * validates editors' corrections against.
 */
import { planPermalinks, type PermalinkPlan, type PermalinkRegistry } from './permalinks.ts';
import { compareDated, toRecord, type DatedStory } from './records.ts';
import type { StoryRecord, StoryTags } from '../types.ts';

export interface PlannedRecords {
  /** Tagged records, sorted by date, then digest, then position. */
  readonly records: StoryRecord[];
  /** Per record: the index of its story in `seeds.stories`. */
  readonly order: readonly number[];
  readonly registry: PermalinkPlan['registry'];
  readonly redirects: PermalinkPlan['registry']['redirects'];
}

export function plannedRecords(seeds: { readonly stories: readonly DatedStory[]; readonly tags: readonly StoryTags[] }, previous: PermalinkRegistry): PlannedRecords {
  const order = seeds.stories.map((_, index) => index).sort((a, b) => compareDated(seeds.stories[a]!, seeds.stories[b]!));
  const dated = order.map((index) => seeds.stories[index]!);
  const permalinks = planPermalinks(dated, previous);
  const records = dated.map((story, index) => toRecord(story, permalinks.urls[index]!, seeds.tags[order[index]!]!));
  return { records, order, registry: permalinks.registry, redirects: permalinks.registry.redirects };
}
