/**
 * Display names. The tagging data knows the real ones (`China`, `North Korea`,
 * `Arms trade`); until it is wired in, or for a slug it does not know, a slug
 * reads as itself title-cased. Pair labels are made from the country names
 * (`pairLabel`, src/pairs.ts).
 */
import type { SiteLabels } from './types.ts';

export function titleCase(slug: string): string {
  return slug
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export const fallbackLabels: SiteLabels = {
  country: titleCase,
  topic: titleCase,
};

/** Labels that never come back empty, whatever the data source returns. */
export function safeLabels(labels: SiteLabels): Required<SiteLabels> {
  const pick = (value: string | undefined, slug: string): string => (value && value.trim() !== '' ? value : titleCase(slug));
  return {
    country: (slug) => pick(labels.country(slug), slug),
    topic: (slug) => pick(labels.topic(slug), slug),
    topicDescription: (slug) => labels.topicDescription?.(slug) ?? '',
  };
}
