/**
 * One measured build in its own process (so peak RSS is this build's alone):
 * prints a JSON line with stage timings and peak RSS. Used by bench/run.ts.
 */
import { build } from '../src/commands/build.ts';

const [seedsDir, outDir, search, cacheDir] = process.argv.slice(2);
if (!seedsDir || !outDir) throw new TypeError('Expected `child-build.ts SEEDS OUT [search|no-search] [CACHE]`');
const tuning = {
  ...(process.env.ND_WORKERS ? { workers: Number(process.env.ND_WORKERS) } : {}),
  ...(process.env.ND_SHARD ? { shardSize: Number(process.env.ND_SHARD) } : {}),
};
const summary = await build({ seedsDir, outDir, search: search === 'search', ...tuning, ...(cacheDir ? { cacheDir } : {}) });
console.log(JSON.stringify({ ...summary, warnings: undefined, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
