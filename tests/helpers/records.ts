/**
 * Digests → records without a permalink registry, for tests: the build goes
 * through src/records/plan.ts, which keeps URLs stable across builds.
 */
import { assignUrls, compareDated, NO_TAGS, storyFacts, toRecord, type DatedStory } from '../../src/records/records.ts';
import type { ParsedDigest, StoryRecord, Tagger } from '../../src/types.ts';

/** Every story of every digest, dated and sorted. */
export function datedStories(digests: readonly ParsedDigest[]): DatedStory[] {
  return digests.flatMap(({ digest, stories }) => stories.map((story) => ({ digest, story, ...storyFacts(digest, story) }))).sort(compareDated);
}

/** Records with fresh URLs (no registry) and the tags `tag` gives. */
export function toRecords(digests: readonly ParsedDigest[], tag: Tagger = () => NO_TAGS): StoryRecord[] {
  const dated = datedStories(digests);
  const urls = assignUrls(dated);
  return dated.map((item, index) => toRecord(item, urls[index]!, tag(item.story)));
}
