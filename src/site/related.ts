/**
 * Related stories: those sharing a pair and a topic with the story come first,
 * then those sharing a pair, then a topic, each tier nearest in time. Every
 * tag's story list is sorted by time, so the nearest stories in a list are the
 * story's neighbours there: a few steps outwards per list, never a scan.
 */
import type { StoryRecord } from '../types.ts';
import { dayNumber } from './format.ts';

export const RELATED_COUNT = 5;

/** Story index lists keyed by tag, each oldest first, with each story's place in them. */
export interface RelatedIndex {
  readonly lists: ReadonlyMap<string, readonly number[]>;
  readonly places: ReadonlyMap<string, number>[]; // story index → list key → position
}

const keysOf = (record: StoryRecord): { both: string[]; pair: string[]; topic: string[] } => ({
  both: record.pairs.flatMap((pair) => record.topics.map((topic) => `b:${pair}|${topic}`)),
  pair: record.pairs.map((pair) => `p:${pair}`),
  topic: record.topics.map((topic) => `t:${topic}`),
});

export function buildRelatedIndex(records: readonly StoryRecord[]): RelatedIndex {
  const lists = new Map<string, number[]>();
  const places = records.map((record, index) => {
    const place = new Map<string, number>();
    const { both, pair, topic } = keysOf(record);
    for (const key of new Set([...both, ...pair, ...topic])) {
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      place.set(key, list.length);
      list.push(index);
    }
    return place;
  });
  return { lists, places };
}

/** Up to `count` stories of `list` nearest to position `at`, outwards from it. */
function nearest(list: readonly number[], at: number, count: number, days: readonly number[], self: number): number[] {
  const found: number[] = [];
  let before = at - 1;
  let after = at + 1;
  while (found.length < count && (before >= 0 || after < list.length)) {
    const older = before >= 0 ? list[before]! : -1;
    const newer = after < list.length ? list[after]! : -1;
    const olderGap = older === -1 ? Infinity : days[self]! - days[older]!;
    const newerGap = newer === -1 ? Infinity : days[newer]! - days[self]!;
    if (newerGap <= olderGap) {
      found.push(newer);
      after++;
    } else {
      found.push(older);
      before--;
    }
  }
  return found;
}

export function relatedStories(records: readonly StoryRecord[], index: RelatedIndex, count = RELATED_COUNT): number[][] {
  const days = records.map((record) => dayNumber(record.date));
  return records.map((record, self) => {
    const chosen: number[] = [];
    const seen = new Set<number>([self]);
    const keys = keysOf(record);
    for (const tier of [keys.both, keys.pair, keys.topic]) {
      if (chosen.length >= count) break;
      const candidates: number[] = [];
      for (const key of tier) {
        // Twice `count`: up to `count` of them may already be chosen from an earlier tier.
        candidates.push(...nearest(index.lists.get(key) ?? [], index.places[self]!.get(key) ?? 0, 2 * count, days, self));
      }
      const gap = (other: number): number => Math.abs(days[other]! - days[self]!);
      candidates.sort((a, b) => gap(a) - gap(b) || b - a);
      for (const other of candidates) {
        if (chosen.length >= count) break;
        if (!seen.has(other)) {
          seen.add(other);
          chosen.push(other);
        }
      }
    }
    return chosen;
  });
}
