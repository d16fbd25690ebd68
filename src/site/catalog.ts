/**
 * One pass over the sorted records: a `StoryLink` per story, and for every
 * tag and digest the indexes of its stories. Every page builder works from
 * this, so nothing scans the whole archive per page.
 */
import type { SiteSettings } from '../settings/site.ts';
import type { StoryRecord } from '../types.ts';
import { compareRecords } from '../records/records.ts';
import { absoluteUrl, dateLabel } from './format.ts';
import { digestUrl, tagUrl } from './urls.ts';
import { pairLabel, splitPair } from '../pairs.ts';
import { titleCase } from './labels.ts';
import type { DigestRef, SiteLabels, StoryBrief, StoryLink, TagKind, TagRef } from './types.ts';

export interface Context {
  readonly settings: SiteSettings;
  readonly labels: Required<SiteLabels>;
  readonly absolute: (url: string) => string;
}

export interface TagGroup {
  readonly ref: TagRef;
  readonly indexes: number[]; // into `records`, oldest first
  readonly countries: readonly TagRef[]; // a pair's two countries
}

export interface DigestGroup {
  readonly ref: DigestRef;
  readonly date: string;
  readonly indexes: number[]; // original order (source line)
}

export interface Catalog {
  readonly records: readonly StoryRecord[]; // oldest first
  readonly links: readonly StoryLink[]; // parallel to `records`
  readonly briefs: readonly StoryBrief[]; // parallel to `records`
  readonly tags: Readonly<Record<TagKind, ReadonlyMap<string, TagGroup>>>;
  readonly digests: ReadonlyMap<string, DigestGroup>;
  /** Story index → its tag refs, pairs then topics then countries. */
  readonly storyTags: readonly (readonly TagRef[])[];
}


export function createContext(settings: SiteSettings, labels: Required<SiteLabels>): Context {
  return { settings, labels, absolute: (url) => absoluteUrl(settings.baseUrl, url) };
}

/** The slugs without repeats: almost always the list itself (a `Set` per list and story cost a tenth of the catalog). */
function distinct(slugs: readonly string[]): readonly string[] {
  for (let i = 1; i < slugs.length; i++) if (slugs.indexOf(slugs[i]!) < i) return [...new Set(slugs)];
  return slugs;
}

export function buildCatalog(input: readonly StoryRecord[], context: Context): Catalog {
  const records = [...input].sort(compareRecords);
  const { labels } = context;
  const knownCountries = new Set(records.flatMap((record) => record.countries));
  const refs: Record<TagKind, Map<string, TagRef>> = { pair: new Map(), topic: new Map(), country: new Map() };
  const tags: Record<TagKind, Map<string, TagGroup>> = { pair: new Map(), topic: new Map(), country: new Map() };

  const countryRef = (slug: string): TagRef => ref('country', slug, () => labels.country(slug));
  function ref(kind: TagKind, slug: string, label: () => string): TagRef {
    let found = refs[kind].get(slug);
    if (!found) refs[kind].set(slug, (found = { kind, slug, label: label(), url: tagUrl(kind, slug) }));
    return found;
  }
  function group(kind: TagKind, tag: TagRef, index: number, countries: readonly TagRef[] = []): void {
    let found = tags[kind].get(tag.slug);
    if (!found) tags[kind].set(tag.slug, (found = { ref: tag, indexes: [], countries }));
    found.indexes.push(index);
  }

  const pairs = new Map<string, readonly TagRef[]>();
  const digests = new Map<string, DigestGroup>();
  const storyTags: TagRef[][] = [];
  const briefs: StoryBrief[] = [];
  const links = records.map((record, index): StoryLink => {
    const own: TagRef[] = [];
    for (const slug of distinct(record.pairs)) {
      // A pair's countries and label come from the first story that has it.
      let countries = pairs.get(slug);
      if (!countries) {
        const pair = splitPair(slug, record.countries, knownCountries);
        pairs.set(slug, (countries = pair ? pair.map(countryRef) : []));
      }
      const [first, second] = countries;
      const tag = ref('pair', slug, () => (first && second ? pairLabel(first.label, second.label) : titleCase(slug)));
      group('pair', tag, index, countries);
      own.push(tag);
    }
    for (const slug of distinct(record.topics)) {
      const tag = ref('topic', slug, () => labels.topic(slug));
      group('topic', tag, index);
      own.push(tag);
    }
    for (const slug of distinct(record.countries)) {
      const tag = countryRef(slug);
      group('country', tag, index);
      own.push(tag);
    }
    storyTags.push(own);
    let digest = digests.get(record.digest.id);
    if (!digest) {
      const digestRef = { id: record.digest.id, title: record.digest.title, url: digestUrl(record.digest.id) };
      digests.set(record.digest.id, (digest = { ref: digestRef, date: record.digest.date, indexes: [] }));
    }
    digest.indexes.push(index);
    const brief = { url: record.url, headline: record.headline, date: record.date, dateLabel: dateLabel(record.date), digest: digest.ref };
    briefs.push(brief);
    return { url: brief.url, headline: brief.headline, date: brief.date, dateLabel: brief.dateLabel, digest: brief.digest, tags: own };
  });
  for (const digest of digests.values()) digest.indexes.sort((a, b) => records[a]!.source.line - records[b]!.source.line);
  return { records, links, briefs, tags, digests, storyTags };
}
