/**
 * Atom and JSON Feed for the whole site (`/feed.xml`, `/feed.json`) and for
 * every pair and topic (`/pairs/<slug>/feed.xml`, …): the 20 newest stories.
 * `updated` is the newest story's date, never the build time, so a rebuild
 * of the same seeds writes the same bytes. Story HTML holds only absolute
 * http(s) links (see src/seeds/html.ts), so it needs no URL rewriting.
 *
 * Feeds are built on demand, keyed by what they are made of (`MadeOf`): a
 * feed carries 20 stories' whole text, and building and hashing every feed
 * would cost every rebuild that changes two or three of them
 * (docs/performance.md).
 */
import type { Catalog, Context } from './catalog.ts';
import { excerpt, rfc3339 } from './format.ts';
import type { AtomEntry, FeedPage, JsonFeedPage, MadeOf, OnDemand } from './types.ts';

export const FEED_SIZE = 20;

interface FeedSource {
  readonly path: string; // folder of the feed files: `/` or `/pairs/china-russia/`
  readonly title: string;
  readonly subtitle: string;
  readonly indexes: readonly number[]; // oldest first
}

function atomFeed(source: FeedSource, catalog: Catalog, context: Context): FeedPage {
  const entries = source.indexes.slice(-FEED_SIZE).reverse().map((index): AtomEntry => {
    const record = catalog.records[index]!;
    const url = context.absolute(record.url);
    return {
      id: url,
      url,
      title: record.headline,
      updated: rfc3339(record.date),
      summary: excerpt(record.paragraphs[0] ?? record.headline, 280),
      html: record.html,
      categories: catalog.storyTags[index]!.map((tag) => tag.label),
    };
  });
  return {
    url: `${source.path}feed.xml`,
    selfUrl: context.absolute(`${source.path}feed.xml`),
    htmlUrl: context.absolute(source.path),
    title: source.title,
    subtitle: source.subtitle,
    updated: entries[0]?.updated ?? '1970-01-01T00:00:00Z',
    author: context.settings.title,
    language: context.settings.language,
    entries,
  };
}

function jsonFeed(atom: FeedPage, path: string, context: Context): JsonFeedPage {
  const url = `${path}feed.json`;
  return {
    url,
    json: `${JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: atom.title,
      home_page_url: atom.htmlUrl,
      feed_url: context.absolute(url),
      description: atom.subtitle,
      language: atom.language,
      authors: [{ name: atom.author }],
      items: atom.entries.map((entry) => ({
        id: entry.id,
        url: entry.url,
        title: entry.title,
        content_html: entry.html,
        summary: entry.summary,
        date_published: entry.updated,
        tags: entry.categories,
      })),
    }, null, 2)}\n`,
  };
}

/** The site's feed, then one per pair and one per topic. */
function feedSources(catalog: Catalog, context: Context): FeedSource[] {
  const { title, description } = context.settings;
  const sources: FeedSource[] = [{ path: '/', title, subtitle: description, indexes: catalog.links.map((_, index) => index) }];
  for (const kind of ['pair', 'topic'] as const) {
    for (const group of catalog.tags[kind].values()) {
      sources.push({ path: group.ref.url, title: `${group.ref.label} · ${title}`, subtitle: `The newest stories tagged ${group.ref.label}.`, indexes: group.indexes });
    }
  }
  return sources;
}

/**
 * Atom and JSON feeds on demand, each made of its newest stories and its own
 * path, title and subtitle; the settings are in the build's render version.
 */
export function feedPageLists(catalog: Catalog, context: Context): { atom: OnDemand<FeedPage>; json: OnDemand<JsonFeedPage> } {
  const sources = feedSources(catalog, context);
  const madeOf = (index: number): MadeOf => {
    const source = sources[index]!;
    return { stories: source.indexes.slice(-FEED_SIZE), facts: [source.path, source.title, source.subtitle] };
  };
  const atom = (index: number): FeedPage => atomFeed(sources[index]!, catalog, context);
  return {
    atom: { urls: sources.map((source) => `${source.path}feed.xml`), madeOf, build: atom },
    json: { urls: sources.map((source) => `${source.path}feed.json`), madeOf, build: (index) => jsonFeed(atom(index), sources[index]!.path, context) },
  };
}
