/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on worker threads (src/pool.ts). Bounded shards keep
 * 100,000-story archives within memory, and the cores render side by side.
 * Small sites (and most incremental rebuilds) are one shard, rendered here.
 */
import type { PageItem, PageSet } from './incremental.ts';
import { runInWorkers } from './pool.ts';
import { renderSite, type RenderOptions } from './render.ts';

/** Pages per Eleventy build: large enough to amortise its start-up, small enough to bound its memory. */
export const SHARD_SIZE = 5000;

export interface PoolOptions extends Omit<RenderOptions, 'data' | 'passthrough'> {
  readonly site: unknown;
  readonly pages: PageSet;
  /** Copy static assets (off for incremental builds whose templates did not change). */
  readonly assets: boolean;
  readonly workers?: number;
  readonly shardSize?: number;
  readonly onShard?: (done: number, total: number) => void;
}

export function shardPages(pages: PageSet, size = SHARD_SIZE): PageSet[] {
  const shards: Record<string, PageItem[]>[] = [];
  let current: Record<string, PageItem[]> = {};
  let count = 0;
  for (const kind of Object.keys(pages).sort()) {
    for (const item of pages[kind] ?? []) {
      if (count === size) {
        shards.push(current);
        current = {};
        count = 0;
      }
      (current[kind] ??= []).push(item);
      count++;
    }
  }
  if (count > 0 || shards.length === 0) shards.push(current);
  // Every template paginates over its kind: give each shard every kind, empty where it has none.
  return shards.map((shard) => Object.fromEntries(Object.keys(pages).map((kind) => [kind, shard[kind] ?? []])));
}

/** Render every page; returns the number of files written. */
export async function renderPages(options: PoolOptions): Promise<number> {
  const shards = shardPages(options.pages, options.shardSize);
  const jobs = shards.map((pages, index) => ({
    templatesDir: options.templatesDir,
    outDir: options.outDir,
    pathPrefix: options.pathPrefix ?? '/',
    passthrough: options.assets && index === 0,
    data: { site: options.site, pages },
  }));
  if (jobs.length === 1) return renderSite(jobs[0]!);
  const written = await runInWorkers<number>(jobs.map((options) => ({ kind: 'render', options })), options.workers, options.onShard);
  return written.reduce((sum, pages) => sum + pages, 0);
}
