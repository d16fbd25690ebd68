import { describe, expect, it } from 'vitest';
import { shardCount, shardPages } from '../src/render-pool.ts';

const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ url: `/${prefix}/${i}/` }));

describe('shardCount', () => {
  it.each([
    [10, 2, 6000, 1],
    [6000, 2, 6000, 1],
    [6001, 2, 6000, 2],
    [11_907, 2, 6000, 2],
    [12_001, 2, 6000, 4],
    [116_538, 2, 6000, 20],
    [116_538, 3, 6000, 21],
  ])('should split %i pages over %i lanes (at most %i a shard) into %i shards', (total, lanes, max, expected) => {
    expect(shardCount(total, lanes, max)).toBe(expected);
  });
});

describe('shardPages', () => {
  const pages = { story: items('s', 7), home: items('h', 1), month: items('m', 2) };

  it('should keep every page exactly once, in near-equal shards, each with every kind', () => {
    const shards = shardPages(pages, 3);
    expect(shards.map((shard) => Object.values(shard).reduce((sum, list) => sum + list.length, 0))).toEqual([4, 4, 2]);
    for (const shard of shards) expect(Object.keys(shard).sort()).toEqual(['home', 'month', 'story']);
    const urls = shards.flatMap((shard) => Object.values(shard).flat().map((item) => item.url));
    expect(urls.sort()).toEqual(Object.values(pages).flat().map((item) => item.url).sort());
  });

  it('should give one shard with everything when asked for one', () => {
    expect(shardPages(pages, 1)).toEqual([pages]);
  });
});
