/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on worker threads (src/pool.ts). Bounded shards keep
 * 100,000-story archives within memory, and the cores render side by side.
 * Small sites (and most incremental rebuilds) are one shard, rendered here.
 */
import type { PageItem, PageSet } from './incremental.ts';
import { defaultLanes, runInWorkers } from './pool.ts';
import { renderSite, type RenderOptions } from './render.ts';

/** Pages per Eleventy build: large enough to amortise its start-up, small enough to bound its memory. */
export const SHARD_SIZE = 6000;

export interface PoolOptions extends Omit<RenderOptions, 'data' | 'passthrough'> {
  readonly site: unknown;
  readonly pages: PageSet;
  /** Copy static assets (off for incremental builds whose templates did not change). */
  readonly assets: boolean;
  readonly workers?: number;
  readonly shardSize?: number;
  readonly onShard?: (done: number, total: number) => void;
}

/**
 * Split pages into `count` shards of near-equal size, kinds kept together in
 * order (every template paginates over its kind: each shard has every kind,
 * empty where it has none).
 */
export function shardPages(pages: PageSet, count: number): PageSet[] {
  const kinds = Object.keys(pages).sort();
  const total = kinds.reduce((sum, kind) => sum + (pages[kind]?.length ?? 0), 0);
  const size = Math.max(1, Math.ceil(total / Math.max(1, count)));
  const shards: Record<string, PageItem[]>[] = [{}];
  let filled = 0;
  for (const kind of kinds) {
    for (const item of pages[kind] ?? []) {
      if (filled === size) {
        shards.push({});
        filled = 0;
      }
      (shards.at(-1)![kind] ??= []).push(item);
      filled++;
    }
  }
  return shards.map((shard) => Object.fromEntries(Object.keys(pages).map((kind) => [kind, shard[kind] ?? []])));
}

/** How many shards: none above `maxShard` pages, and a multiple of the lanes so no lane idles at the end. */
export function shardCount(total: number, lanes: number, maxShard = SHARD_SIZE): number {
  if (total <= maxShard) return 1;
  return lanes * Math.ceil(total / (lanes * maxShard));
}

/** Render every page; returns the number of files written. */
export async function renderPages(options: PoolOptions): Promise<number> {
  const lanes = options.workers ?? defaultLanes();
  const total = Object.values(options.pages).reduce((sum, items) => sum + items.length, 0);
  const shards = shardPages(options.pages, shardCount(total, lanes, options.shardSize));
  const jobs = shards.map((pages, index) => ({
    templatesDir: options.templatesDir,
    outDir: options.outDir,
    pathPrefix: options.pathPrefix ?? '/',
    passthrough: options.assets && index === 0,
    data: { site: options.site, pages },
  }));
  if (jobs.length === 1) return renderSite(jobs[0]!);
  const written = await runInWorkers<number>(jobs.map((options) => ({ kind: 'render', options })), lanes, options.onShard);
  return written.reduce((sum, pages) => sum + pages, 0);
}
