import { describe, expect, it } from 'vitest';
import { shardCount, shardPages, splitFileItems } from '../../src/engine/shards.ts';

const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ url: `/${prefix}/${i}/` }));

describe('shardCount', () => {
  it.each([
    [0, 1000, 1],
    [10, 1000, 1],
    [1000, 1000, 1],
    [1001, 1000, 2],
    [11_907, 1000, 12],
    [116_538, 6000, 20],
  ])('should split %i pages (at most %i a shard) into %i shards', (total, max, expected) => {
    expect(shardCount(total, max)).toBe(expected);
  });
});

describe('shardPages', () => {
  const pages = { story: items('s', 7), home: items('h', 1), month: items('m', 2) };

  it('should keep every page exactly once, in near-equal shards, each with every kind', () => {
    const shards = shardPages(pages, 3);
    expect(shards.map((shard) => Object.values(shard).reduce((sum, list) => sum + list.length, 0))).toEqual([4, 3, 3]);
    for (const shard of shards) expect(Object.keys(shard).sort()).toEqual(['home', 'month', 'story']);
    const urls = shards.flatMap((shard) => Object.values(shard).flat().map((item) => item.url));
    expect(urls.sort()).toEqual(Object.values(pages).flat().map((item) => item.url).sort());
  });

  it('should give each shard its share of every kind, not one kind\'s heavy pages to one shard', () => {
    const shards = shardPages({ story: items('s', 6), year: items('y', 3) }, 3);
    for (const shard of shards) expect([shard.story!.length, shard.year!.length]).toEqual([2, 1]);
  });

  it('should make no empty shard when asked for more shards than there are pages', () => {
    const shards = shardPages({ story: items('s', 2), home: [] }, 5);
    expect(shards.map((shard) => shard.story!.length)).toEqual([1, 1]);
    expect(shardPages({ story: [], home: [] }, 3)).toEqual([{ story: [], home: [] }]);
  });

  it('should give one shard with everything when asked for one', () => {
    expect(shardPages(pages, 1)).toEqual([pages]);
  });
});

describe('splitFileItems', () => {
  it('should set apart the file items of a 100,000-story site (300,000 citation files) without running out of stack', () => {
    const files = Array.from({ length: 300_000 }, (_, i) => ({ url: `/stories/${i}/cite.bib`, body: `@misc{s${i}}` }));
    const { files: split, rest } = splitFileItems({ citation: files, story: items('s', 2), feedAtom: [] });
    expect(split).toHaveLength(300_000);
    expect(split[299_999]!.url).toBe('/stories/299999/cite.bib');
    expect(Object.keys(rest).sort()).toEqual(['feedAtom', 'story']);
    expect(rest.story).toHaveLength(2);
  });
});
