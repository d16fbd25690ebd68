/**
 * Topics from the trained model where it has learnt the topic, and from the taxonomy's
 * phrases alone where it has not (a topic added to data/topics.yaml after the last
 * `npm run train`): the taxonomy is the prior, the model the learnt evidence.
 */

import type { TaggerData } from './types.ts';
import { compileModel, decideTopics, ModelScores, topicCap } from './model.ts';
import { Lemmatiser, Vocabulary } from './lemmas.ts';
import type { TopicMatcher } from './topics.ts';

export function compileTopicModel(data: TaggerData): ModelScores | undefined {
  return data.topicModel ? new ModelScores(compileModel(data.topicModel, data.topics.map((t) => t.slug))) : undefined;
}

/** The tagger's lemmatiser: ids from the model's vocabulary, or none without a model. */
export function createLemmatiser(model: ModelScores | undefined): Lemmatiser {
  return new Lemmatiser(model?.model.vocabulary ?? new Vocabulary(false));
}

/**
 * The model's calibrated choice, plus any topic the model does not know whose phrase score
 * clears the taxonomy's rule (threshold and share of the best), ranked by `score / (score +
 * threshold)`, which is ½ at the threshold like a probability at an even-odds cut.
 */
export function chooseTopics(scores: ModelScores, matcher: TopicMatcher, phraseScores: Float64Array): string[] {
  const { data, topicIndex } = scores.model;
  const { scoring, slugs } = matcher;
  const story = scores.storyProbabilities(phraseScores);
  const probabilities = scores.probabilities(phraseScores, story);
  const ranked: { slug: string; p: number; order: number }[] = [];
  const max = topicCap(scoring.max, scores.long);
  for (const t of decideTopics(data, probabilities, max, story)) {
    if ((topicIndex[t] as number) >= 0) ranked.push({ slug: data.topics[t] as string, p: story[t] as number, order: topicIndex[t] as number });
  }
  const floor = Math.max(scoring.threshold, scoring.relative * Math.max(0, ...phraseScores));
  slugs.forEach((slug, index) => {
    const score = phraseScores[index] ?? 0;
    if (!data.topics.includes(slug) && score > 0 && score >= floor) ranked.push({ slug, p: score / (score + scoring.threshold), order: index });
  });
  return ranked
    .sort((a, b) => b.p - a.p || a.order - b.order)
    .slice(0, max)
    .map((t) => t.slug);
}
