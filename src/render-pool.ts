/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on the lanes of src/pool.ts (this thread, and a worker
 * per further lane). Small shards bound memory: a lane holds one shard's pages
 * at a time. Small sites (and most incremental rebuilds) are one shard.
 */
import type { PageItem, PageSet } from './engine/incremental.ts';
import { runInWorkers } from './engine/pool.ts';
import { renderSite, type RenderOptions } from './render.ts';

/**
 * Pages per Eleventy build. An Eleventy build holds every page's output until
 * it ends, and each costs a start-up and a full garbage collection after it
 * (together about 0.15 s). Measured at 10,000 stories (11,865 pages, pages
 * dealt out in turn by `shardPages`): 1,500 pages a shard rendered in 7.3 s
 * within 486 MB, 2,000 in 7.2 s within 509 MB, 2,400 in 6.5 s within 535 MB,
 * 3,000 in 5.8 s but 566 MB. (Before pages were dealt out, each shard held a
 * run of one kind: the shard with the country and month pages peaked at
 * 590 MB with 1,500 pages.)
 */
export const SHARD_SIZE = 2400;

/**
 * Render lanes by default: one, this thread. Measured on the 2-core machine
 * (README, Performance): a second lane rendered 10,000 stories no faster (10.4 s
 * against 10.0 s on tmpfs, slower on disk: the two lanes contend for memory
 * bandwidth and the file system) and cost 170 MB more. `workers` overrides it
 * where cores are truly independent.
 */
export const RENDER_LANES = 1;

export interface RenderPagesOptions extends Omit<RenderOptions, 'data' | 'passthrough'> {
  readonly site: unknown;
  readonly pages: PageSet;
  /** Copy static assets (off for incremental builds whose templates did not change). */
  readonly assets: boolean;
  readonly workers?: number;
  readonly shardSize?: number;
  readonly onShard?: (done: number, total: number) => void;
}

/**
 * Split pages into `count` shards of near-equal size, dealt out in turn
 * (page n of all kinds, in kind order, to shard n mod count), so that every
 * shard gets its share of each kind: heavy pages (tag listings of 100 to 199
 * stories, year pages) no longer crowd into the shards of their kinds. Each
 * shard has every kind, empty where it has none (every template paginates
 * over its kind).
 */
export function shardPages(pages: PageSet, count: number): PageSet[] {
  const kinds = Object.keys(pages);
  const total = kinds.reduce((sum, kind) => sum + (pages[kind]?.length ?? 0), 0);
  // Never more shards than pages: none would be empty.
  const shards = Array.from({ length: Math.max(1, Math.min(count, total)) }, () => Object.fromEntries(kinds.map((kind): [string, PageItem[]] => [kind, []])));
  let dealt = 0;
  for (const kind of [...kinds].sort()) {
    for (const item of pages[kind] ?? []) shards[dealt++ % shards.length]![kind]!.push(item);
  }
  return shards;
}

/** How many shards: none above `maxShard` pages. */
export function shardCount(total: number, maxShard = SHARD_SIZE): number {
  return Math.max(1, Math.ceil(total / maxShard));
}

/** Render every page; returns the number of files written. */
export async function renderPages(options: RenderPagesOptions): Promise<number> {
  const lanes = options.workers ?? RENDER_LANES;
  const total = Object.values(options.pages).reduce((sum, items) => sum + items.length, 0);
  const shards = shardPages(options.pages, shardCount(total, options.shardSize));
  const jobs = shards.map((pages, index) => ({
    templatesDir: options.templatesDir,
    outDir: options.outDir,
    pathPrefix: options.pathPrefix ?? '/',
    passthrough: options.assets && index === 0,
    data: { site: options.site, pages },
  }));
  if (jobs.length === 1) return renderSite(jobs[0]!);
  const written = await runInWorkers(jobs.map((options) => ({ kind: 'render' as const, options })), {
    lanes, onDone: options.onShard, here: (job) => renderSite(job.options),
  });
  return written.reduce((sum, pages) => sum + pages, 0);
}
