/**
 * The pages the permalink registry keeps answering (src/records/permalinks.ts):
 * withdrawn stories, moved stories and renamed digests, as page data.
 */
import type { PermalinkPlan } from '../records/permalinks.ts';
import { digestUrl } from './urls.ts';
import type { RegistryPages } from './types.ts';

export function registryPages(registry: PermalinkPlan['registry']): RegistryPages {
  return {
    withdrawn: registry.withdrawn.map((entry) => ({ url: entry.url, headline: entry.headline, digest: entry.digest, date: entry.date })),
    storyRedirect: registry.redirects.map((redirect) => ({ url: redirect.from, target: redirect.to })),
    digestRedirect: (registry.digests ?? []).map((redirect) => ({ url: digestUrl(redirect.from), target: digestUrl(redirect.to) })),
  };
}
