/** What a card shows, and how a page points at it: page data, made in src/site/cards.ts and drawn by src/cards/. */

/** Pixels: the size Open Graph and Twitter recommend for a large summary card. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The text of one card: everything its PNG is made from, so its key. */
export interface CardSpec {
  /** `story`: a headline, up to four lines; `name`: a tag's or the site's name, big, up to two. */
  readonly titleStyle: 'story' | 'name';
  /** The amber label above the title: a story's primary pair, a tag's kind. */
  readonly eyebrow: string;
  readonly title: string;
  /** Lines under the title: date and topics, a count and a date range. */
  readonly details: readonly string[];
  /** The site's title, in the band at the foot. */
  readonly footer: string;
  /** The site's host name, right of it. */
  readonly host: string;
}

/** A card as a page item: its output URL (`/cards/….png`) and what it shows. */
export interface CardItem {
  readonly url: string;
  readonly spec: CardSpec;
}

/** A card as a page's meta refers to it (site-relative URL, the alt text): what a page's hash sees. */
export interface CardRef {
  readonly url: string;
  readonly alt: string;
}

/** `meta.card` of a page: what its `og:image`, `twitter:image` and JSON-LD `image` say. */
export interface PageCard {
  /** Absolute, from the base URL. */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly type: 'image/png';
  readonly alt: string;
}
