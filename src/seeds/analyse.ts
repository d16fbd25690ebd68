/**
 * One seed's bytes → its parsed digest, each story's facts (date, slug, word
 * count) and tags, and its messages: plain data, so a result can be cached or
 * sent back from a worker thread. Pure apart from the VFile it fills; reading
 * files, the cache and the workers are the engine's (src/engine/load.ts).
 */
import { basename } from 'node:path';
import type { VFile } from 'vfile';
import type { MarkdownKit } from './markdown.ts';
import { parseSeed } from './parse.ts';
import { storyFacts, type StoryFacts } from '../records/records.ts';
import type { ParsedDigest, StoryTags, Tagger } from '../types.ts';

/** A message without its VFile, as the cache stores it. */
export interface CachedMessage {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly fatal: boolean;
}

/** What one seed yields; stored in the cache as is. */
export interface SeedResult {
  readonly messages: readonly CachedMessage[];
  readonly digest?: ParsedDigest;
  /** Date, slug and word count by story. */
  readonly facts?: readonly StoryFacts[];
  readonly tags?: readonly StoryTags[];
}

/** Parse, date and tag one seed's bytes (a Markdown seed needs `markdown`: see parseSeed). Pure apart from the VFile it fills. */
export function analyseSeed(file: VFile, tagger: Tagger, markdown?: MarkdownKit): SeedResult {
  const digest = parseSeed(file, basename(file.path), markdown);
  const messages = file.messages.map((m) => ({ reason: m.reason, line: m.line ?? 1, column: m.column ?? 1, ruleId: m.ruleId ?? 'news-digest', fatal: m.fatal === true }));
  if (!digest) return { messages };
  const facts = digest.stories.map((story) => storyFacts(digest.digest, story));
  const tags = digest.stories.map((story) => tagger(story));
  return { messages, digest, facts, tags };
}
