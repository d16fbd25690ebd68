/**
 * The tagging stage: countries (most salient first), country pairs (primary first), topics
 * (best first, at most three) and organisations for one story. Pure: the data comes in as
 * `TaggerData` (see src/tag/data.ts) and is compiled once by `createTagger`.
 */

import type { StoryTags, Tagger } from '../types.ts';
import type { TaggableStory, TaggerData } from './types.ts';
import { armsMakers, compileEntities, findMentions, leadBuyer, leadWatcher, openingMediator, openingWatcher, ownTest, type Mention } from './entities.ts';
import { resolveMentions } from './context.ts';
import { rankCountries } from './salience.ts';
import { armsAtWar, choosePairs, pairRule, watchedGoods, withoutMediator, type PairRule } from './pairs.ts';
import { compileTopics, pickTopics, scoreZone } from './topics.ts';
import { chooseTopics, compileTopicModel, createLemmatiser } from './choose-topics.ts';
import { TokenBuffer } from './tokens.ts';
import { LemmaBuffer } from './lemmas.ts';
import { capitalWords, isInCapitals, titleCased } from './case.ts';

export { pairSlug } from '../pairs.ts';
export type { TaggableStory, TaggerData } from './types.ts';

/** Why a story got its tags (`news-digest check --explain`): the cues and scores behind them. */
export interface TagExplanation {
  readonly tags: StoryTags;
  /** Every country found, most salient first: its salience and the words that named it. */
  readonly countries: readonly { readonly slug: string; readonly score: number; readonly named: readonly string[] }[];
  /** Which rule gave the primary pair (pairs.ts `pairRule`), or why there is none. */
  readonly pairRule: PairRule;
  /** Every topic with evidence: the model's probability (when it knows the topic) and the phrase score. */
  readonly topics: readonly { readonly slug: string; readonly probability?: number; readonly threshold?: number; readonly phrases: number }[];
}

export function createTagger(data: TaggerData): Tagger {
  const analyse = compileAnalysis(data);
  return (story) => analyse(story).tags;
}

/** A tagger that also says why: for editors, not for the build (it keeps every mention's text). */
export function createExplainer(data: TaggerData): (story: TaggableStory) => TagExplanation {
  const analyse = compileAnalysis(data);
  return (story) => analyse(story, true).explanation!;
}

function compileAnalysis(data: TaggerData): (story: TaggableStory, explain?: boolean) => { tags: StoryTags; explanation?: TagExplanation } {
  const entities = compileEntities(data);
  const atWar = data.atWar ?? {};
  const topics = compileTopics(data);
  const model = compileTopicModel(data);
  const lemmatiser = createLemmatiser(model);
  const buffer = new TokenBuffer(); // reused zone after zone: tagging allocates little
  const cues = new Float64Array(entities.readings.length); // cue counts per reading of an ambiguous name
  const lemmas = new LemmaBuffer(); // the same tokens as lemmas, for topics
  const capitals = capitalWords(data); // kept in capitals when a zone in capitals is read (case.ts)
  let muted = new Uint8Array(512); // tokens inside negative phrases, per zone
  const zoneScores = new Float64Array(data.topics.length); // one zone's phrase scores, for the model's passages
  return (story, explain = false) => {
    if (typeof story?.headline !== 'string' || !Array.isArray(story.paragraphs)) {
      throw new TypeError('Expected a story with a `headline` string and `paragraphs` array');
    }
    const mentions: Mention[] = [];
    // Explaining only: the words of each mention, by zone and first token (resolved mentions are copies).
    const named = explain ? new Map<string, string>() : undefined;
    const scores = new Float64Array(data.topics.length);
    cues.fill(0);
    let twoParties = 0; // `the two countries`, `both sides`: the story is about a pair (entities.ts)
    let watched: ReturnType<typeof openingWatcher>; // the headline opens with a watcher acting on goods (entities.ts openingWatcher)
    let buyer: string | undefined; // … and whom the first paragraph says the goods went to (leadBuyer)
    let mediator: string | undefined; // the headline opens with a country brokering others' dealings (entities.ts openingMediator)
    let testOnly = false; // the headline is one country's own weapons test (entities.ts ownTest)
    let arms: { makers: string[]; owners: string[] } = { makers: [], owners: [] }; // whose weapons and firms the headline names (entities.ts armsMakers)
    model?.reset();
    for (let zone = 0; zone <= story.paragraphs.length; zone++) {
      const text = zone === 0 ? story.headline : (story.paragraphs[zone - 1] as string);
      buffer.load(isInCapitals(text) ? titleCased(text, capitals) : text);
      const before = mentions.length;
      twoParties += findMentions(entities, buffer, zone, mentions, cues);
      if (zone === 0) {
        arms = armsMakers(buffer, mentions, before);
        testOnly = ownTest(buffer, mentions, before);
        watched = openingWatcher(buffer, mentions, before);
        mediator = openingMediator(buffer, mentions, before);
      } else if (zone === 1 && watched !== undefined) {
        if (watched.subject !== undefined) watched = { ...watched, watcher: leadWatcher(buffer, mentions, before, watched.subject) };
        buyer = leadBuyer(buffer, mentions, before, watched.watcher);
      }
      if (named) for (const m of mentions.slice(before)) named.set(`${m.zone}:${m.start}`, buffer.text.slice(buffer.start[m.start], buffer.end[m.end - 1]));
      lemmatiser.lemmatise(buffer, lemmas);
      if (muted.length < buffer.count) muted = new Uint8Array(buffer.count * 2);
      zoneScores.fill(0);
      scoreZone(topics, lemmas, zone, zoneScores, muted);
      for (let t = 0; t < scores.length; t++) scores[t] = (scores[t] as number) + (zoneScores[t] as number);
      model?.addZone(lemmas, lemmatiser.ids, zone, muted, zoneScores);
    }
    // Ambiguous names take their reading only now, from the cues of the whole story.
    const resolved = resolveMentions(entities, mentions, cues);
    const ranked = rankCountries(resolved);
    const organizations: string[] = [];
    for (const m of mentions) if (m.kind === 'organization' && !organizations.includes(m.slug)) organizations.push(m.slug);
    const parties = withoutMediator(ranked, mediator);
    const chosen = choosePairs(parties, twoParties > 0, testOnly);
    const bought = watchedGoods(chosen, ranked, watched, buyer, atWar);
    const tags: StoryTags = {
      countries: ranked.map((c) => c.slug),
      pairs: armsAtWar(bought, ranked, arms, resolved, atWar),
      topics: model ? chooseTopics(model, topics, scores) : pickTopics(topics, scores),
      organizations,
    };
    if (!named) return { tags };
    const wordsOf = (slug: string): string[] => [...new Set(resolved.filter((m) => m.kind === 'country' && m.slug === slug).map((m) => named.get(`${m.zone}:${m.start}`) ?? ''))].filter(Boolean);
    const probabilities = model?.probabilities(scores);
    const modelTopics = model?.model.data.topics ?? [];
    const explanation: TagExplanation = {
      tags,
      pairRule: pairRule(chosen, bought, tags.pairs, ranked, testOnly, parties !== ranked),
      countries: ranked.map((c) => ({ slug: c.slug, score: c.score, named: wordsOf(c.slug) })),
      topics: data.topics
        .map((topic, index) => {
          const t = modelTopics.indexOf(topic.slug);
          return {
            slug: topic.slug,
            phrases: scores[index] ?? 0,
            ...(t >= 0 && probabilities ? { probability: probabilities[t] as number, threshold: model!.model.data.thresholds[t] as number } : {}),
          };
        })
        .filter((t) => t.phrases > 0 || (t.probability ?? 0) >= 0.05)
        .sort((a, b) => (b.probability ?? 0) - (a.probability ?? 0) || b.phrases - a.phrases),
    };
    return { tags, explanation };
  };
}
