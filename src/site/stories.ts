/** One page per story: body with paragraph anchors, tags, timeline neighbours, related stories, JSON-LD. */
import type { Catalog, Context } from './catalog.ts';
import { excerpt, monthKey, monthUrl } from './format.ts';
import { pageMeta } from './meta.ts';
import { storyParagraphs } from './paragraphs.ts';
import { buildRelatedIndex, relatedStories } from './related.ts';
import type { StoryPage, TagKind, TagRef } from './types.ts';

export function storyPages(catalog: Catalog, context: Context): StoryPage[] {
  const { records, briefs, digests, storyTags } = catalog;
  const related = relatedStories(records, buildRelatedIndex(records));
  const positions = new Map<number, number>();
  for (const digest of digests.values()) digest.indexes.forEach((story, position) => positions.set(story, position + 1));

  return records.map((record, index): StoryPage => {
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
  });
}
