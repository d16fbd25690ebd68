/**
 * The heading levels of a Markdown digest. A digest that gives each story a
 * `#` heading may give a story subheadings of its own (`## Background`, `##
 * Why it matters`), and one that groups its stories under `##` sections may
 * give a section a paragraph of introduction. Either way one level holds the
 * stories; a deeper heading inside a story is part of it, not a story.
 */
import { wordsIn } from '../space.ts';
import type { Block } from './blocks.ts';
import { isStandingSection } from './furniture.ts';

/** A heading with at least one paragraph before the next heading: one that may head a story. */
interface Headed {
  readonly depth: number;
  readonly words: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The level the stories' headings are at, or `undefined` when headings with
 * paragraphs are all at one level (nothing to tell apart). Of the levels whose
 * headings have paragraphs, it is the one whose headings are longest (median
 * words): a headline says what happened (`China lends Russia's rail operator 2
 * billion yuan`), a subheading or a section's name is a label (`Background`,
 * `China–Russia`); a level with only one such heading is a candidate only when
 * no level has two (a title with an introduction above the stories).
 */
export function storyDepth(blocks: readonly Block[]): number | undefined {
  return storyLevel(blocks)?.depth;
}

/** `storyDepth`, and whether two or more headings with paragraphs stand at that level (a surer reading). */
function storyLevel(blocks: readonly Block[]): { depth: number; several: boolean } | undefined {
  const headed: Headed[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading' || block.depth === undefined) return;
    const next = blocks[index + 1];
    if (next !== undefined && next.kind !== 'heading') headed.push({ depth: block.depth, words: wordsIn(block.text) });
  });
  const byDepth = new Map<number, number[]>();
  for (const { depth, words } of headed) byDepth.set(depth, [...(byDepth.get(depth) ?? []), words]);
  if (byDepth.size < 2) return undefined;
  const several = [...byDepth].filter(([, words]) => words.length >= 2);
  const candidates = several.length > 0 ? several : [...byDepth];
  // Longest median first; on a tie the shallower level (the outline's own order).
  candidates.sort(([depthA, a], [depthB, b]) => median(b) - median(a) || depthA - depthB);
  return { depth: candidates[0]![0], several: several.length > 0 };
}

/** Longer than this, a deeper heading may be a story of its own (`## China opens a consulate in Tehran` under a `#` story). */
const MAX_SUBHEADING_WORDS = 5;

/**
 * Which headings are subheadings of a story: deeper than the stories' level,
 * with a story heading above them, and a label (a few words, fewer than the
 * stories' headlines have), not the name of one of the standing
 * sections. Such a heading is kept in its story as a paragraph of its own;
 * every other heading is read as before.
 */
export function subheadings(blocks: readonly Block[]): ReadonlySet<number> {
  const depth = storyDepth(blocks);
  const found = new Set<number>();
  if (depth === undefined) return found;
  const headlineWords = median(blocks.filter((block) => block.kind === 'heading' && block.depth === depth).map((block) => wordsIn(block.text)));
  let inStory = false;
  // The depth of the standing section the headings are in (`## What to watch`), if any.
  let section: number | undefined;
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading' || block.depth === undefined) return;
    if (section !== undefined && block.depth > section) {
      // Its own headings (`### Iran`) stay in it, and are left out with it.
      found.add(index);
      return;
    }
    section = undefined;
    if (isStandingSection(block.text)) {
      // Under the last story too, it is the section, not the story's: it ends the story.
      section = block.depth;
      inStory = false;
    } else if (block.depth <= depth) inStory = block.depth === depth;
    else if (inStory) {
      const words = wordsIn(block.text);
      if (words <= MAX_SUBHEADING_WORDS && words < headlineWords) found.add(index);
    }
  });
  return found;
}

/**
 * Which headings name a section above the stories, with an introduction of its own:
 * shallower than the stories' level (read from two or more stories), a label of a few words
 * with no final mark (`## China–Russia` over `### Putin and Xi discuss …`), and followed by a
 * paragraph. The paragraph introduces the
 * section's stories; published under the label it would be a story that reports nothing.
 */
/** A section's label names its subject (`Iran–Russia`, `Arms and technology`); a heading longer than this may be a short headline. */
const MAX_LABEL_WORDS = 3;

export function sectionLabels(blocks: readonly Block[]): ReadonlySet<number> {
  const level = storyLevel(blocks);
  const found = new Set<number>();
  // One story at its level is too little to tell a label from a short headline (`### Will Tehran get its S-400s?`).
  if (level === undefined || !level.several) return found;
  const { depth } = level;
  const headlineWords = median(blocks.filter((block) => block.kind === 'heading' && block.depth === depth).map((block) => wordsIn(block.text)));
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading' || block.depth === undefined || block.depth >= depth) return;
    const next = blocks[index + 1];
    if (next === undefined || next.kind === 'heading') return;
    const words = wordsIn(block.text);
    if (words <= MAX_LABEL_WORDS && words < headlineWords && !/[?!.]$/.test(block.text) && !isStandingSection(block.text)) found.add(index);
  });
  return found;
}
