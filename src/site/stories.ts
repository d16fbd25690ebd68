/** One page per story: body with paragraph anchors, tags, timeline neighbours, related stories, JSON-LD. */
import type { StoryRecord } from '../types.ts';
import type { Catalog, Context } from './catalog.ts';
import { storyCardRef } from './cards.ts';
import { CITATION_FORMATS, citationFile, citationMeta, citationUrl, formatReference, siteIdentity, type CitationFormat, type Reference } from './citation.ts';
import { dateLabel, excerpt, monthKey } from './format.ts';
import { monthUrl } from './urls.ts';
import { pageMeta } from './meta.ts';
import { storyParagraphs } from './paragraphs.ts';
import { buildRelatedIndex, relatedStories } from './related.ts';
import { author, logoImage, publisher } from './structured-data.ts';
import type { CitationFilePage, MadeOf, OnDemand, StoryPage, TagKind, TagRef } from './types.ts';

/** A story's reference, in every citation format the same (src/site/citation.ts). */
export function storyReference(record: StoryRecord, context: Context): Reference {
  const { settings } = context;
  const { author, publisher } = siteIdentity(settings);
  return {
    key: record.id.replace(/[^A-Za-z0-9_:-]/g, '-'),
    title: record.headline,
    author,
    publisher,
    series: settings.title,
    issue: record.digest.title,
    date: record.date,
    datePrecision: record.datePrecision,
    dateLabel: dateLabel(record.date),
    url: context.absolute(record.url),
    language: settings.language,
  };
}

/**
 * The citation files next to every story page (`cite.bib`, `cite.ris`,
 * `cite.json`), on demand like the pages: three per story, each made of its
 * story alone (its format is its file name; the settings are in the render
 * version), so an incremental build writes a story's files when its record or
 * its labels changed.
 */
export function citationFileList(catalog: Catalog, context: Context): OnDemand<CitationFilePage> {
  const formats = CITATION_FORMATS.map((entry) => entry.format);
  const urls = catalog.records.flatMap((record) => formats.map((format) => citationUrl(record.url, format)));
  const at = (index: number): { record: StoryRecord; story: number; format: CitationFormat } => {
    const story = Math.floor(index / formats.length);
    return { record: catalog.records[story]!, story, format: formats[index % formats.length]! };
  };
  return {
    urls,
    madeOf: (index) => ({ stories: [at(index).story], facts: [] }),
    build: (index) => {
      const { record, format } = at(index);
      return { url: urls[index]!, body: citationFile(storyReference(record, context), format) };
    },
  };
}

/**
 * Story pages on demand. A story page is made of its story (record and tags'
 * labels), its neighbours and related stories, its place in its digest, and
 * the settings (which the render version covers): `madeOf` names exactly
 * those, and an incremental build builds only the pages whose key changed.
 */
export function storyPageList(catalog: Catalog, context: Context): OnDemand<StoryPage> {
  const { records, briefs, digests, storyTags } = catalog;
  const related = relatedStories(records, buildRelatedIndex(records));
  const positions = new Map<number, number>();
  for (const digest of digests.values()) digest.indexes.forEach((story, position) => positions.set(story, position + 1));
  const story = (index: number): number | null => (index >= 0 && index < records.length ? index : null);

  const madeOf = (index: number): MadeOf => {
    const record = records[index]!;
    const count = digests.get(record.digest.id)!.indexes.length;
    return { stories: [index, story(index - 1), story(index + 1), ...related[index]!], facts: [String(related[index]!.length), String(positions.get(index)), String(count)] };
  };

  const build = (index: number): StoryPage => {
    const record = records[index]!;
    const link = briefs[index]!;
    const digest = digests.get(record.digest.id)!;
    const tags = storyTags[index]!;
    const ofKind = (kind: TagKind): TagRef[] => tags.filter((tag) => tag.kind === kind);
    const permalink = context.absolute(record.url);
    const reference = storyReference(record, context);
    const structuredData = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: record.headline,
      // The card replaces it when the page has one (src/site/structured-data.ts).
      image: logoImage(context),
      datePublished: record.date,
      // A story changes only with its digest: the later of its own date and the issue's, stable across rebuilds.
      dateModified: record.digest.date > record.date ? record.digest.date : record.date,
      author: author(context),
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
        isPartOf: { '@type': 'Periodical', name: context.settings.title, url: context.settings.baseUrl },
      },
      about: ofKind('country').map((country) => ({ '@type': 'Country', name: country.label, url: context.absolute(country.url) })),
      publisher: publisher(context),
    };
    return {
      url: record.url,
      meta: pageMeta(context, record.url, record.headline, {
        section: 'none',
        ogType: 'article',
        description: excerpt(record.paragraphs[0] ?? record.headline),
        structuredData,
        card: storyCardRef(record, link.dateLabel, tags, context),
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
      citation: {
        text: formatReference(reference),
        meta: citationMeta(reference),
        files: CITATION_FORMATS.map(({ format, label, type }) => ({ url: citationUrl(record.url, format), label, type, name: `cite.${format}` })),
      },
    };
  };
  return { urls: records.map((record) => record.url), madeOf, build };
}
