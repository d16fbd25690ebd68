/**
 * The data a tagger is built from. `loadTaggerData` (src/tag/data.ts) produces it from
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
  /** Phrases that are no evidence at all (`brothers in arms`, `nuclear option`): they mute their words. */
  readonly negative: readonly string[];
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
  /** The trained topic model (data/topic-model.json); without it topics come from phrases alone. */
  readonly topicModel?: TopicModelData | undefined;
  /** Phrases that contain a country name but do not mean it (`New Mexico`); they win over it. */
  readonly notCountries: readonly string[];
  /** Country names that are also personal names (`Jordan`, `Chad`). */
  readonly nameLike: readonly string[];
  /** Names with several readings (`Georgia`, `Korea`), decided per story from cues (context.ts). */
  readonly ambiguous?: readonly AmbiguousName[];
  /** A country at war → its adversary, who fires the weapons a third country supplies (pairs.ts `armsAtWar`). */
  readonly atWar?: Readonly<Record<string, string>>;
  /** Weapons named by model (`Su-35`, `KN-23`), by maker's slug: read as the maker's demonym before a weapon (entities.ts). */
  readonly weapons?: Readonly<Record<string, readonly string[]>>;
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

/**
 * A trained one-vs-rest logistic model per topic (src/tag/model.ts, made by `npm run train`).
 * `features` maps a lemma unigram (`hold`) or bigram (`hold talk`) to one weight per entry of
 * `topics`; `prior[u][t]` weighs the phrase evidence of taxonomy topic `u` (data/topics.yaml)
 * for model topic `t`. A topic is given when its probability reaches its `thresholds` entry.
 */
export interface TopicModelData {
  readonly version: number;
  /** Evidence multipliers by place, like `TopicScoring`'s. */
  readonly zones: { readonly headline: number; readonly lead: number; readonly body: number };
  readonly topics: readonly string[];
  /** The taxonomy topics whose phrase scores are the prior features, in that order. */
  readonly priors: readonly string[];
  readonly bias: readonly number[];
  readonly prior: readonly (readonly number[])[];
  readonly thresholds: readonly number[];
  /** When no topic reaches its threshold, the best one still counts if its probability reaches this. */
  readonly fallback: number;
  /**
   * A story of two or more paragraphs and at least this many weighted words (the norm's count:
   * words that are not stop words, the headline's twice) is also read paragraph by paragraph:
   * a topic's probability is the larger of the whole story's and its best paragraph's (absent:
   * never). A long story's second thread (a pipeline in a summit story) is a paragraph's main topic.
   */
  readonly passageWords?: number;
  readonly features: Readonly<Record<string, readonly number[]>>;
}

/** What a tagger reads from a story. */
export interface TaggableStory {
  readonly headline: string;
  readonly paragraphs: readonly string[];
}
