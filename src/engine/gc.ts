/**
 * Full garbage collections on request. Rendering shard after shard in one
 * thread leaves each shard's pages garbage; V8 collects lazily and lets the
 * heap grow by the size of a shard or two each time (measured: 47 MB a shard of
 * 1,000 pages, 300 → 840 MB RSS over 12 shards). Collecting between shards
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
 * what is live: 75 ms with the 170 MB of a 10,000-story build, where a shard
 * leaves more than that much garbage and is still collected every time; with
 * the 1.2 GB live in a 100,000-story build, collecting after each of its 78
 * shards made rendering take 137 s, growing by half first 79 s (peak RSS
 * 2.4 -> 3.0 GB), as V8's own heuristic would.
 */
export function collectGarbageWhenGrown(): void {
  if (getHeapStatistics().used_heap_size - liveAfterLast < Math.max(64 * MB, liveAfterLast / 2)) return;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
