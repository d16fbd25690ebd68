/**
 * Full garbage collections on request. Rendering shard after shard in one
 * thread leaves each shard's pages garbage; V8 collects lazily and lets the
 * heap grow by the size of a shard or two each time (docs/performance.md,
 * "Garbage collection"). Collecting between shards
 * keeps a lane's memory at its start-up size plus about one shard.
 *
 * `gc` is exposed for this module only, the way jest-leak-detector does it:
 * switch the V8 flag on, take `gc` from a fresh context, switch it off again.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');

const MB = 2 ** 20;
let liveAfterLast = 0;

/**
 * Collect when the heap has grown by half its live size since the last
 * collection, and by 64 MB at least. A full collection costs in proportion to
 * what is live, so collecting after every shard of a large build costs more
 * than it frees; growing by half first is V8's own heuristic (figures in
 * docs/performance.md).
 */
export function collectGarbageWhenGrown(): void {
  if (getHeapStatistics().used_heap_size - liveAfterLast < Math.max(64 * MB, liveAfterLast / 2)) return;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
