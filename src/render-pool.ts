/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on a pool of worker threads (one per core). Eleventy's
 * memory grows with the pages of a build, so bounded shards keep 100,000-story
 * archives within memory, and the cores render side by side. Small sites (and
 * incremental rebuilds) are one shard, rendered in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageItem, PageSet } from './incremental.ts';
import { renderSite, RenderError, type RenderOptions } from './render.ts';

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

  // A fresh worker per shard: Eleventy keeps process-wide caches that would
  // otherwise grow with every shard a worker renders.
  const lanes = Math.max(1, Math.min(options.workers ?? availableParallelism(), jobs.length));
  let next = 0;
  let done = 0;
  let written = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < jobs.length) {
      const id = next++;
      const worker = new Worker(new URL('./render-worker.js', import.meta.url));
      try {
        written += await runJob(worker, id, jobs[id]!);
      } finally {
        await worker.terminate();
      }
      options.onShard?.(++done, jobs.length);
    }
  }));
  return written;
}

function runJob(worker: Worker, id: number, options: RenderOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { id: number; pages?: number; error?: string }): void => {
      if (message.id !== id) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (message.error !== undefined) reject(new RenderError(message.error));
      else resolve(message.pages ?? 0);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(new RenderError(`A render worker failed: ${error.message}`, { cause: error }));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, options });
  });
}
