/**
 * Pair, topic and country pages: every story with the tag, newest first, 100
 * to a page (`/pairs/<slug>/`, `/pairs/<slug>/page/2/`, …); the overview page
 * of each kind; and for each pair a redirect from its reversed slug.
 */
import type { Catalog, Context, TagGroup } from './catalog.ts';
import { plural } from './format.ts';
import { pageMeta, tagFeeds } from './meta.ts';
import type { RedirectPage, TagCount, TagIndexPage, TagKind, TagPage } from './types.ts';

export const STORIES_PER_PAGE = 100;

const SECTIONS = { pair: 'pairs', topic: 'topics', country: 'countries' } as const;
const NOUNS: Record<TagKind, string> = { pair: 'Country pairs', topic: 'Topics', country: 'Countries' };
const INTROS: Record<TagKind, string> = {
  pair: 'Every pair of countries the stories are about, with the number of stories on each.',
  topic: 'Every topic the stories are tagged with, with the number of stories on each.',
  country: 'Every country the stories mention, with the number of stories on each.',
};

export const pageUrl = (tagUrl: string, number: number): string => (number === 1 ? tagUrl : `${tagUrl}page/${number}/`);

function describe(kind: TagKind, group: TagGroup, context: Context): string {
  const count = plural(group.indexes.length, 'story', 'stories');
  if (kind === 'topic') {
    const own = context.labels.topicDescription(group.ref.slug);
    if (own !== '') return `${own} ${count}.`;
  }
  if (kind === 'pair') return `${count} on relations between ${group.countries.map((c) => c.label).join(' and ') || group.ref.label}.`;
  return `${count} tagged ${group.ref.label}.`;
}

export function tagPages(kind: TagKind, catalog: Catalog, context: Context, perPage = STORIES_PER_PAGE): TagPage[] {
  const pages: TagPage[] = [];
  for (const group of sortedGroups(catalog.tags[kind])) {
    const { ref } = group;
    const newestFirst = group.indexes.map((index) => catalog.links[index]!).reverse();
    const count = Math.max(1, Math.ceil(newestFirst.length / perPage));
    const description = describe(kind, group, context);
    const feeds = kind === 'country' ? [] : tagFeeds(ref.url, ref.label, context.settings.title);
    for (let number = 1; number <= count; number++) {
      const url = pageUrl(ref.url, number);
      const heading = number === 1 ? ref.label : `${ref.label}, page ${number} of ${count}`;
      pages.push({
        url,
        meta: pageMeta(context, url, heading, { section: SECTIONS[kind], description, feeds }),
        kind,
        slug: ref.slug,
        label: ref.label,
        description,
        tagUrl: ref.url,
        total: newestFirst.length,
        stories: newestFirst.slice((number - 1) * perPage, number * perPage),
        pagination: {
          number,
          count,
          previous: number > 1 ? pageUrl(ref.url, number - 1) : null,
          next: number < count ? pageUrl(ref.url, number + 1) : null,
        },
        countries: group.countries,
      });
    }
  }
  return pages;
}

/** Alphabetical by label, then slug: the order of overview pages. */
function sortedGroups(groups: ReadonlyMap<string, TagGroup>): TagGroup[] {
  return [...groups.values()].sort((a, b) => a.ref.label.localeCompare(b.ref.label, 'en') || (a.ref.slug < b.ref.slug ? -1 : 1));
}

export function tagCounts(groups: ReadonlyMap<string, TagGroup>): TagCount[] {
  return sortedGroups(groups).map((group) => ({ ...group.ref, count: group.indexes.length }));
}

/** The most-used tags, most stories first. */
export function busiest(groups: ReadonlyMap<string, TagGroup>, limit: number): TagCount[] {
  return tagCounts(groups).sort((a, b) => b.count - a.count).slice(0, limit);
}

export function tagIndexPage(kind: TagKind, catalog: Catalog, context: Context): TagIndexPage {
  const url = `/${SECTIONS[kind]}/`;
  return {
    url,
    meta: pageMeta(context, url, NOUNS[kind], { section: SECTIONS[kind], description: INTROS[kind] }),
    kind,
    heading: NOUNS[kind],
    intro: INTROS[kind],
    tags: tagCounts(catalog.tags[kind]),
  };
}

/**
 * `/pairs/russia-china/` → `/pairs/china-russia/`. The reversed slug is the
 * pair's two country slugs in the other order, and is skipped when it is some
 * other page's slug.
 */
export function pairRedirects(catalog: Catalog, context: Context): RedirectPage[] {
  const pairs = catalog.tags.pair;
  const redirects: RedirectPage[] = [];
  for (const group of sortedGroups(pairs)) {
    const [first, second] = group.countries;
    if (!first || !second) continue;
    const reversed = `${second.slug}-${first.slug}`;
    if (reversed === group.ref.slug || pairs.has(reversed)) continue;
    redirects.push({ url: `/pairs/${reversed}/`, target: group.ref.url, canonical: context.absolute(group.ref.url), label: group.ref.label });
  }
  return redirects;
}
