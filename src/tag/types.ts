/**
 * The data a tagger is built from. `loadTaggerData` (src/tag-data.ts) produces it from
 * `data/*.yaml` and world-countries; tests may build it by hand. Plain JSON-able values only,
 * so the site can reuse `countries`, `topics` and `organizations` for labels.
 */

export interface NamedSlug {
  readonly slug: string;
  readonly name: string;
}

/** One country or territory, with every surface form that names it (exact case). */
export interface CountryData extends NamedSlug {
  readonly iso3: string;
  readonly forms: readonly string[];
}

/** An organisation (`nato`, `unsc`): recorded apart from countries, never as one. */
export interface OrganizationData extends NamedSlug {
  readonly forms: readonly string[];
}

/** Evidence for a topic: a lowercase phrase (`natural gas`, `sanction*`) and its weight. */
export interface TopicPhrase {
  readonly text: string;
  readonly weight: number;
}

export interface TopicData {
  readonly slug: string;
  readonly label: string;
  readonly description: string;
  readonly phrases: readonly TopicPhrase[];
}

/** How topic evidence adds up; lives in `data/topics.yaml` so editors can tune it. */
export interface TopicScoring {
  readonly headline: number; // multiplier for evidence in the headline
  readonly lead: number; // … in the first paragraph
  readonly body: number; // … in later paragraphs
  readonly threshold: number; // minimum score for a topic
  readonly relative: number; // minimum share of the best topic's score
  readonly max: number; // at most this many topics
}

export interface TaggerData {
  readonly countries: readonly CountryData[];
  readonly organizations: readonly OrganizationData[];
  readonly topics: readonly TopicData[];
  readonly topicScoring: TopicScoring;
  /** Phrases that contain a country name but do not mean it (`New Mexico`); they win over it. */
  readonly notCountries: readonly string[];
  /** Country names that are also personal names (`Jordan`, `Chad`). */
  readonly nameLike: readonly string[];
  /** Names with several readings (`Georgia`, `Korea`), decided per story from cues (context.ts). */
  readonly ambiguous?: readonly AmbiguousName[];
}

/**
 * One ambiguous name: the forms that carry it, its readings with their cue phrases, and the
 * reading to take when the cues do not decide. A reading's `country` is a slug, or null for
 * a reading that is not a country (the US state of Georgia, a person, a river).
 */
export interface AmbiguousName {
  readonly name: string;
  readonly forms: readonly string[];
  readonly readings: readonly { readonly name: string; readonly country: string | null; readonly cues: readonly string[] }[];
  readonly default: string;
}

/** What a tagger reads from a story. */
export interface TaggableStory {
  readonly headline: string;
  readonly paragraphs: readonly string[];
}
