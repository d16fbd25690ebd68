/**
 * A full garbage collection on request. Rendering shard after shard in one
 * thread leaves each shard's pages garbage; V8 collects lazily and lets the
 * heap grow by the size of a shard or two each time (measured: 47 MB a shard of
 * 1,000 pages, 300 → 840 MB RSS over 12 shards). Collecting between shards
 * keeps a lane's memory at its start-up size plus one shard.
 *
 * `gc` is exposed for this module only, the way jest-leak-detector does it:
 * switch the V8 flag on, take `gc` from a fresh context, switch it off again.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');

export function collectGarbage(): void {
  gc();
}
