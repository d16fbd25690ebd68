/**
 * Story records → the data the templates render (`nd` in every template).
 * Everything a page needs is computed here, once, over sorted records;
 * templates only print it.
 */
import type { StoryRecord } from './types.ts';

export interface SiteConfig {
  readonly title: string;
  readonly baseUrl: string;
}

export interface SiteData {
  readonly site: SiteConfig;
  readonly stories: readonly StoryRecord[];
  readonly storiesNewestFirst: readonly StoryRecord[];
}

export function buildSiteData(records: readonly StoryRecord[], site: SiteConfig): SiteData {
  return { site, stories: records, storiesNewestFirst: [...records].reverse() };
}
