/**
 * Which cards the site has and what each shows: one per story, per pair, topic
 * and country, and the site's own (the home page's, which every other page
 * shows too). A card's URL follows its page's, which is permanent
 * (`/stories/2024/05/12/<slug>/` → `/cards/stories/2024/05/12/<slug>.png`,
 * `/pairs/china-russia/` → `/cards/pairs/china-russia.png`, `/` →
 * `/cards/home.png`), so a shared link's image URL is as stable as the link.
 * Pages refer to a card by URL and alt text only (`CardRef`), which never
 * holds a count: a tag's archive pages show the tag's card and stay unchanged
 * when a new digest changes that card's story count.
 */
import { countOf } from '../count.ts';
import type { Catalog, Context, DigestGroup, TagGroup } from './catalog.ts';
import type { OnDemand, TagKind, TagRef } from './types.ts';
import type { StoryRecord } from '../types.ts';
import { CARD_HEIGHT, CARD_WIDTH, type CardItem, type CardRef, type CardSpec, type PageCard } from './card-types.ts';

export const SITE_CARD_URL = '/cards/home.png';

const KIND_NAMES: Record<TagKind, string> = { pair: 'Country pair', topic: 'Topic', country: 'Country' };

/** `/stories/2024/05/12/slug/` → `/cards/stories/2024/05/12/slug.png`. */
export const cardUrlOf = (pageUrl: string): string => (pageUrl === '/' ? SITE_CARD_URL : `/cards${pageUrl.replace(/\/$/, '')}.png`);

/** What `og:image` and friends say: absolute URL, size, alt; none when the build makes no cards. */
export function pageCard(context: Context, ref: CardRef | undefined): PageCard | undefined {
  if (context.settings.cards === false) return undefined;
  const { url, alt } = ref ?? siteCardRef(context);
  return { url: context.absolute(url), width: CARD_WIDTH, height: CARD_HEIGHT, type: 'image/png', alt };
}

export function siteCardRef(context: Context): CardRef {
  const { title, description } = context.settings;
  return { url: SITE_CARD_URL, alt: `${title}: ${description}` };
}

export function tagCardRef(ref: TagRef, context: Context): CardRef {
  return { url: cardUrlOf(ref.url), alt: `${KIND_NAMES[ref.kind]} ${ref.label} · ${context.settings.title}` };
}

/** A story's primary pair (or, without one, its first country), its topics. */
function storyLabels(tags: readonly TagRef[]): { primary: string; topics: string[] } {
  const primary = tags.find((tag) => tag.kind === 'pair') ?? tags.find((tag) => tag.kind === 'country');
  return { primary: primary?.label ?? '', topics: tags.filter((tag) => tag.kind === 'topic').map((tag) => tag.label) };
}

export function storyCardRef(record: StoryRecord, dateLabel: string, tags: readonly TagRef[], context: Context): CardRef {
  const { primary, topics } = storyLabels(tags);
  const about = [primary, topics.join(', ')].filter((part) => part !== '').join(' · ');
  return { url: cardUrlOf(record.url), alt: `${record.headline} (${dateLabel}${about ? `; ${about}` : ''}) · ${context.settings.title}` };
}

function frame(context: Context): Pick<CardSpec, 'footer' | 'host'> {
  const base = new URL(context.settings.baseUrl);
  return { footer: context.settings.title, host: `${base.host}${base.pathname.replace(/\/$/, '')}` };
}

function storySpec(catalog: Catalog, index: number, context: Context): CardSpec {
  const record = catalog.records[index]!;
  const { primary, topics } = storyLabels(catalog.storyTags[index]!);
  const dateLabel = catalog.links[index]!.dateLabel;
  return {
    titleStyle: 'story',
    eyebrow: primary || record.digest.title,
    title: record.headline,
    details: [[dateLabel, topics.join(', ')].filter((part) => part !== '').join(' · ')],
    ...frame(context),
  };
}

function tagSpec(group: TagGroup, catalog: Catalog, context: Context): CardSpec {
  const first = catalog.links[group.indexes[0]!]!;
  const last = catalog.links[group.indexes.at(-1)!]!;
  const span = first.dateLabel === last.dateLabel ? first.dateLabel : `${first.dateLabel} to ${last.dateLabel}`;
  return {
    titleStyle: 'name',
    eyebrow: KIND_NAMES[group.ref.kind],
    title: group.ref.label,
    details: [countOf(group.indexes.length, 'story', 'stories', 'grouped'), span],
    ...frame(context),
  };
}

function siteSpec(catalog: Catalog, digests: readonly DigestGroup[], context: Context): CardSpec {
  const latest = digests.at(-1);
  return {
    titleStyle: 'name',
    eyebrow: [countOf(catalog.records.length, 'story', 'stories', 'grouped'), latest ? `latest: ${latest.ref.title}` : ''].filter((part) => part !== '').join(' · '),
    title: context.settings.title,
    details: [context.settings.description],
    ...frame(context),
  };
}

/**
 * Every card of the site, built on demand: card i is made of what it shows
 * (its spec, which has no story's record in it), and the build renders only the cards
 * whose key changed. A new digest changes its stories' cards, its tags' (their
 * counts and date ranges) and the site's, nothing else.
 */
export function cardList(catalog: Catalog, digests: readonly DigestGroup[], context: Context): OnDemand<CardItem> {
  const makers: { url: string; spec: () => CardSpec }[] = [{ url: SITE_CARD_URL, spec: () => siteSpec(catalog, digests, context) }];
  catalog.records.forEach((record, index) => makers.push({ url: cardUrlOf(record.url), spec: () => storySpec(catalog, index, context) }));
  for (const kind of ['pair', 'topic', 'country'] as const) {
    for (const group of catalog.tags[kind].values()) makers.push({ url: cardUrlOf(group.ref.url), spec: () => tagSpec(group, catalog, context) });
  }
  return {
    urls: makers.map((maker) => maker.url),
    madeOf: (index) => ({ stories: [], facts: [JSON.stringify(makers[index]!.spec())] }),
    build: (index) => ({ url: makers[index]!.url, spec: makers[index]!.spec() }),
  };
}
