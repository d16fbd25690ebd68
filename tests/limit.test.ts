import { describe, expect, it } from 'vitest';
import { bothSettled, mapLimit } from '../src/limit.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapLimit', () => {
  it('should keep the items\' order and never run more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      most = Math.max(most, ++running);
      await tick(ms);
      running--;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it('should start no item after a failure, and throw only once the calls under way have ended', async () => {
    const ended: number[] = [];
    const started: number[] = [];
    const run = mapLimit([0, 1, 2, 3, 4, 5], 3, async (item) => {
      started.push(item);
      if (item === 0) throw new Error('first fails');
      await tick(20);
      ended.push(item);
      return item;
    });
    await expect(run).rejects.toThrow('first fails');
    // 1 and 2 were under way when 0 failed: both ended before the failure came back; nothing else began.
    expect(ended.sort()).toEqual([1, 2]);
    expect(started.sort()).toEqual([0, 1, 2]);
  });
});

describe('bothSettled', () => {
  it('should give both results, and throw the first failure only once the other has ended', async () => {
    expect(await bothSettled(tick(5).then(() => 1), Promise.resolve('b'))).toEqual([1, 'b']);
    let ended = false;
    const run = bothSettled(Promise.reject(new Error('pages failed')), tick(30).then(() => (ended = true)));
    await expect(run).rejects.toThrow('pages failed');
    expect(ended).toBe(true);
    await expect(bothSettled(Promise.resolve(1), Promise.reject(new Error('cards failed')))).rejects.toThrow('cards failed');
  });
});
