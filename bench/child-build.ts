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
  // Social cards only with ND_CARDS=1: the plain Eleventy baseline makes none, and 110,000 cards would take the 100,000-story run past an hour.
  cards: process.env.ND_CARDS === '1',
};
const summary = await build({ seedsDir, outDir, search: search === 'search', ...tuning, ...(cacheDir ? { cacheDir } : {}) });
console.log(JSON.stringify({ ...summary, warnings: undefined, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
