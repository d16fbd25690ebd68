/** One page per story: body with paragraph anchors, tags, timeline neighbours, related stories, JSON-LD. */
import { hashOf } from '../hash.ts';
import type { LazyPages } from '../engine/incremental.ts';
import type { StoryRecord } from '../types.ts';
import type { Catalog, Context } from './catalog.ts';
import { excerpt, monthKey, monthUrl } from './format.ts';
import { pageMeta } from './meta.ts';
import { storyParagraphs } from './paragraphs.ts';
import { buildRelatedIndex, relatedStories } from './related.ts';
import type { StoryPage, TagKind, TagRef } from './types.ts';

/**
 * Story pages on demand (src/incremental.ts `LazyPages`). A story page is made
 * from its story (record and tags' labels), its neighbours' and related
 * stories' records, its place in its digest, and the settings (which the
 * render version covers), so its key hashes exactly those: hashing 10,000
 * records costs about a fifth of building and hashing 10,000 pages, and an
 * incremental build then builds only the pages whose key changed.
 * `storyKeys`, parallel to the catalog's records: what fixes each story as a
 * page shows it (src/site.ts).
 */
export function storyPageList(catalog: Catalog, context: Context, storyKeys: readonly string[]): LazyPages<StoryPage> {
  const { records, briefs, digests, storyTags } = catalog;
  const related = relatedStories(records, buildRelatedIndex(records));
  const positions = new Map<number, number>();
  for (const digest of digests.values()) digest.indexes.forEach((story, position) => positions.set(story, position + 1));
  const keyOf = (index: number): string => storyKeys[index] ?? '';

  const key = (index: number): string => {
    const record = records[index]!;
    const count = digests.get(record.digest.id)!.indexes.length;
    return hashOf(keyOf(index), keyOf(index - 1), keyOf(index + 1), related[index]!.map(keyOf).join(' '), String(positions.get(index)), String(count));
  };

  const build = (index: number): StoryPage => {
    const record = records[index]!;
    const link = briefs[index]!;
    const digest = digests.get(record.digest.id)!;
    const tags = storyTags[index]!;
    const ofKind = (kind: TagKind): TagRef[] => tags.filter((tag) => tag.kind === kind);
    const permalink = context.absolute(record.url);
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: record.headline,
      datePublished: record.date,
      url: permalink,
      mainEntityOfPage: permalink,
      inLanguage: context.settings.language,
      wordCount: record.wordCount,
      keywords: tags.map((tag) => tag.label),
      isPartOf: {
        '@type': 'PublicationIssue',
        name: record.digest.title,
        datePublished: record.digest.date,
        url: context.absolute(digest.ref.url),
      },
      publisher: { '@type': 'Organization', name: context.settings.title, url: context.settings.baseUrl },
    };
    return {
      url: record.url,
      meta: pageMeta(context, record.url, record.headline, {
        section: 'none',
        ogType: 'article',
        description: excerpt(record.paragraphs[0] ?? record.headline),
        jsonLd,
      }),
      headline: record.headline,
      date: record.date,
      datePrecision: record.datePrecision,
      dateLabel: link.dateLabel,
      digest: { ...digest.ref, position: positions.get(index) ?? 1, count: digest.indexes.length },
      paragraphs: storyParagraphs(record.html, record.paragraphs),
      pairs: ofKind('pair'),
      topics: ofKind('topic'),
      countries: ofKind('country'),
      previous: briefs[index - 1] ?? null,
      next: briefs[index + 1] ?? null,
      related: related[index]!.map((other) => briefs[other]!),
      permalink,
      timelineUrl: monthUrl(monthKey(record.date)),
    };
  };
  return { urls: records.map((record) => record.url), key, build };
}
