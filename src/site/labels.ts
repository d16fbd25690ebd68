/**
 * Display names. The tagging data knows the real ones (`China`, `North Korea`,
 * `Arms trade`); until it is wired in, or for a slug it does not know, a slug
 * reads as itself title-cased. Pair labels join the two country names with an
 * en dash in slug order: `china-russia` → `China–Russia`.
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

/**
 * The two country slugs of a pair slug. Country slugs contain hyphens
 * (`north-korea`), so the pair is found among the countries of the stories
 * that carry it, never by splitting the string; failing that, among every
 * country slug the site knows.
 */
export function pairCountries(pair: string, storyCountries: readonly string[], known: ReadonlySet<string>): [string, string] | undefined {
  for (let i = 0; i < storyCountries.length; i++) {
    for (let j = i + 1; j < storyCountries.length; j++) {
      const a = storyCountries[i]!;
      const b = storyCountries[j]!;
      const [first, second] = a < b ? [a, b] : [b, a];
      if (`${first}-${second}` === pair) return [first, second];
    }
  }
  for (let at = pair.indexOf('-'); at !== -1; at = pair.indexOf('-', at + 1)) {
    const first = pair.slice(0, at);
    const second = pair.slice(at + 1);
    if (first < second && known.has(first) && known.has(second)) return [first, second];
  }
  return undefined;
}
