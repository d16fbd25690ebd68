/**
 * The tagging stage: countries (most salient first), country pairs (primary first), topics
 * (best first, at most three) and organisations for one story. Pure: the data comes in as
 * `TaggerData` (see src/tag/data.ts) and is compiled once by `createTagger`.
 */

import type { StoryTags, Tagger } from '../types.ts';
import type { TaggableStory, TaggerData } from './types.ts';
import { compileEntities, findMentions, type Mention } from './entities.ts';
import { resolveMentions } from './context.ts';
import { rankCountries } from './salience.ts';
import { choosePairs } from './pairs.ts';
import { compileTopics, pickTopics, scoreZone } from './topics.ts';
import { chooseTopics, compileTopicModel, createLemmatiser } from './choose-topics.ts';
import { TokenBuffer } from './tokens.ts';
import { LemmaBuffer } from './lemmas.ts';

export { pairSlug } from './pairs.ts';
export type { TaggableStory, TaggerData } from './types.ts';

export function createTagger(data: TaggerData): Tagger {
  const entities = compileEntities(data);
  const topics = compileTopics(data);
  const model = compileTopicModel(data);
  const lemmatiser = createLemmatiser(model);
  const buffer = new TokenBuffer(); // reused zone after zone: tagging allocates little
  const cues = new Float64Array(entities.readings.length); // cue counts per reading of an ambiguous name
  const lemmas = new LemmaBuffer(); // the same tokens as lemmas, for topics
  let muted = new Uint8Array(512); // tokens inside negative phrases, per zone
  return (story) => {
    if (typeof story?.headline !== 'string' || !Array.isArray(story.paragraphs)) {
      throw new TypeError('Expected a story with a `headline` string and `paragraphs` array');
    }
    const mentions: Mention[] = [];
    const scores = new Float64Array(data.topics.length);
    cues.fill(0);
    model?.reset();
    for (let zone = 0; zone <= story.paragraphs.length; zone++) {
      buffer.load(zone === 0 ? story.headline : (story.paragraphs[zone - 1] as string));
      findMentions(entities, buffer, zone, mentions, cues);
      lemmatiser.lemmatise(buffer, lemmas);
      if (muted.length < buffer.count) muted = new Uint8Array(buffer.count * 2);
      scoreZone(topics, lemmas, zone, scores, muted);
      model?.addZone(lemmas, lemmatiser.ids, zone, muted);
    }
    // Ambiguous names take their reading only now, from the cues of the whole story.
    const ranked = rankCountries(resolveMentions(entities, mentions, cues));
    const organizations: string[] = [];
    for (const m of mentions) if (m.kind === 'organization' && !organizations.includes(m.slug)) organizations.push(m.slug);
    return {
      countries: ranked.map((c) => c.slug),
      pairs: choosePairs(ranked),
      topics: model ? chooseTopics(model, topics, scores) : pickTopics(topics, scores),
      organizations,
    };
  };
}
