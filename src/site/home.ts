/** The home page: the latest issue, the most recent stories, the busiest pairs and topics, a small relations map. */
import type { Relations } from './relations.ts';
import type { Catalog, Context, DigestGroup } from './catalog.ts';
import { digestSummary } from './digests.ts';
import { homeRelations } from './extras.ts';
import { pageMeta } from './meta.ts';
import { webSite } from './structured-data.ts';
import { busiest } from './tags.ts';
import type { HomePage } from './types.ts';

export const RECENT_STORIES = 20;
export const BUSIEST_TAGS = 10;

export function homePage(digests: readonly DigestGroup[], catalog: Catalog, relations: Relations, context: Context): HomePage {
  const latest = digests.at(-1);
  return {
    url: '/',
    meta: pageMeta(context, '/', context.settings.title, { section: 'home', bare: true, structuredData: webSite(context) }),
    latestDigest: latest ? { ...digestSummary(latest), stories: latest.indexes.map((index) => catalog.links[index]!) } : null,
    recent: catalog.links.slice(-RECENT_STORIES).reverse(),
    busiestPairs: busiest(catalog.tags.pair, BUSIEST_TAGS),
    busiestTopics: busiest(catalog.tags.topic, BUSIEST_TAGS),
    total: catalog.links.length,
    relations: homeRelations(relations, context.labels),
  };
}
