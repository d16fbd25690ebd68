/** Digest issues: `/digests/` and `/digests/<id>/`, each issue's stories in their original order. */
import { countOf } from '../count.ts';
import type { Catalog, Context, DigestGroup } from './catalog.ts';
import { dateLabel } from './format.ts';
import { pageMeta } from './meta.ts';
import { URLS } from './urls.ts';
import type { DigestPage, DigestsIndexPage, DigestSummary } from './types.ts';

/** Oldest first: by issue date, then id. */
export function sortedDigests(catalog: Catalog): DigestGroup[] {
  return [...catalog.digests.values()].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.ref.id < b.ref.id ? -1 : 1));
}

export function digestSummary(group: DigestGroup): DigestSummary {
  return { ...group.ref, date: group.date, dateLabel: dateLabel(group.date), count: group.indexes.length };
}

export function digestPages(digests: readonly DigestGroup[], catalog: Catalog, context: Context): DigestPage[] {
  return digests.map((group, index): DigestPage => ({
    url: group.ref.url,
    meta: pageMeta(context, group.ref.url, group.ref.title, {
      section: 'digests',
      schema: { type: 'CollectionPage', crumbs: [{ name: 'Digest issues', url: URLS.digests }, { name: group.ref.title, url: group.ref.url }] },
      description: `${group.ref.title}: ${countOf(group.indexes.length, 'story', 'stories', 'grouped')}, ${dateLabel(group.date)}.`,
    }),
    id: group.ref.id,
    title: group.ref.title,
    date: group.date,
    dateLabel: dateLabel(group.date),
    stories: group.indexes.map((story) => catalog.links[story]!),
    previous: digests[index - 1]?.ref ?? null,
    next: digests[index + 1]?.ref ?? null,
  }));
}

export function digestsIndexPage(digests: readonly DigestGroup[], context: Context): DigestsIndexPage {
  return {
    url: URLS.digests,
    meta: pageMeta(context, URLS.digests, 'Digest issues', {
      section: 'digests',
      schema: { type: 'CollectionPage', crumbs: [{ name: 'Digest issues', url: URLS.digests }] },
      description: `Every digest issue, newest first: ${countOf(digests.length, 'issue', undefined, 'grouped')}.`,
    }),
    digests: digests.map(digestSummary).reverse(),
  };
}
