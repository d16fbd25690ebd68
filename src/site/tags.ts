/**
 * Pair, topic and country pages; the overview page of each kind; and for each
 * pair a redirect from its reversed slug.
 *
 * A tag's stories are cut into runs of `STORIES_PER_PAGE` (20) counted from
 * the oldest. The tag's own page (`/pairs/<slug>/`) shows its newest stories:
 * the last, unfinished run and the full run before it (20 to 39 stories). Every older run is an
 * archive page (`/pairs/<slug>/page/1/` the oldest, then 2, …) that never
 * changes when newer stories arrive, so a new digest re-renders a tag's own
 * page, not every page of its listing as newest-first pages would (they all
 * shift by one story). Only a story dated before the newest run (a back-dated
 * digest) shifts the runs after it. Archive pages name their date range and
 * link newer and older; no page says how many pages there are, which would
 * change them all.
 */
import type { Catalog, Context, TagGroup } from './catalog.ts';
import { countOf } from '../count.ts';
import { tagCardRef } from './cards.ts';
import { pageMeta, tagFeeds } from './meta.ts';
import { TAG_SECTIONS, tagIndexUrl, tagUrl } from './urls.ts';
import type { RedirectPage, TagCount, TagIndexPage, TagKind, TagPage } from './types.ts';
import { DEFAULT_INTROS } from '../settings/site.ts';

/**
 * A listed story is about 23 elements (headline, date, digest, tags), so a
 * page of at most 39 stories stays near 900 elements, and a pair's own page,
 * with its chart and topic counts (about 500 more on 1,000 stories), under
 * the 1,500 of Lighthouse's `dom-size` audit. Runs of 100 made pages of 4,500.
 */
export const STORIES_PER_PAGE = 20;

const NOUNS: Record<TagKind, string> = { pair: 'Country pairs', topic: 'Topics', country: 'Countries' };

/** Archive page `archive` of a tag; 0 is the tag's own page. */
export const pageUrl = (tagUrl: string, archive: number): string => (archive === 0 ? tagUrl : `${tagUrl}page/${archive}/`);

/** Archive pages of a listing of `total` stories: every full run but the newest. */
export const archiveCount = (total: number, perPage = STORIES_PER_PAGE): number => Math.max(0, Math.floor(total / perPage) - 1);

function describe(kind: TagKind, group: TagGroup, context: Context): string {
  const count = countOf(group.indexes.length, 'story', 'stories', 'grouped');
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
    const oldestFirst = group.indexes.map((index) => catalog.links[index]!);
    const archives = archiveCount(oldestFirst.length, perPage);
    const feeds = kind === 'country' ? [] : tagFeeds(ref.url, ref.label, context.settings.title);
    // The tag's own page first, then its archive pages, newest to oldest.
    for (let archive = 0; archive <= archives; archive++) {
      const stories = archive === 0 ? oldestFirst.slice(archives * perPage) : oldestFirst.slice((archive - 1) * perPage, archive * perPage);
      const from = stories[0]!.dateLabel;
      const to = stories.at(-1)!.dateLabel;
      const url = pageUrl(ref.url, archive);
      // The next older run: from the tag's own page, the newest archive page.
      const older = archive === 0 ? archives : archive - 1;
      const heading = archive === 0 ? ref.label : `${ref.label}, ${from} to ${to}`;
      const description = archive === 0 ? describe(kind, group, context) : `${countOf(stories.length, 'story', 'stories', 'grouped')} tagged ${ref.label}, from ${from} to ${to}.`;
      pages.push({
        url,
        meta: pageMeta(context, url, heading, {
          section: TAG_SECTIONS[kind], description, feeds, card: tagCardRef(ref, context),
          schema: { type: 'CollectionPage', crumbs: [{ name: NOUNS[kind], url: tagIndexUrl(kind) }, { name: ref.label, url: ref.url }, ...(archive === 0 ? [] : [{ name: `${from} to ${to}`, url }])] },
        }),
        kind,
        slug: ref.slug,
        label: ref.label,
        description,
        tagUrl: ref.url,
        stories: [...stories].reverse(),
        pagination: {
          archive,
          newer: archive === 0 ? null : pageUrl(ref.url, archive === archives ? 0 : archive + 1),
          older: older > 0 ? pageUrl(ref.url, older) : null,
          from,
          to,
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
  const url = tagIndexUrl(kind);
  // The editors' words (`intros` in data/site.yaml).
  const intro = (context.settings.intros ?? DEFAULT_INTROS)[TAG_SECTIONS[kind]];
  return {
    url,
    meta: pageMeta(context, url, NOUNS[kind], { section: TAG_SECTIONS[kind], description: intro, schema: { type: 'CollectionPage', crumbs: [{ name: NOUNS[kind], url }] } }),
    kind,
    heading: NOUNS[kind],
    intro,
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
    redirects.push({ url: tagUrl('pair', reversed), target: group.ref.url, canonical: context.absolute(group.ref.url), label: group.ref.label });
  }
  return redirects;
}
