import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbageWhenGrown } from '../../src/engine/gc.ts';

const MB = 2 ** 20;
const used = (): number => getHeapStatistics().used_heap_size;

describe('collectGarbageWhenGrown', () => {
  it('should give back what a finished job left once the heap has grown past the threshold', () => {
    collectGarbageWhenGrown(); // sets the live size
    const live = used();
    // What a rendered shard leaves behind: live while the job runs, garbage after.
    let shard: string[] | undefined = Array.from({ length: 400_000 }, (_, i) => `<li>story ${i}</li>`.repeat(20));
    expect(used() - live).toBeGreaterThan(64 * MB);
    expect(shard.length).toBe(400_000);
    shard = undefined;
    collectGarbageWhenGrown();
    expect(used()).toBeLessThan(live + 32 * MB);
  });
});
