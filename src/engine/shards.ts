/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on the lanes of src/engine/pool.ts (this thread, and a worker
 * per further lane). Small shards bound memory: a lane holds one shard's pages
 * at a time. Small sites (and most incremental rebuilds) are one shard.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outputPathOf, type PageItem, type PageSet } from './incremental.ts';
import { runInWorkers } from './pool.ts';
import { renderSite, type RenderOptions } from '../render/eleventy.ts';

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
 * shard has every kind, empty where it has none; a shard's Eleventy build adds
 * templates only for the kinds it has pages of (src/render/page-kinds.ts).
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

/**
 * An item with a `body` is a file written as it is, not a page (a story's
 * `cite.bib`, src/site/citation.ts): Eleventy would spend half a millisecond on
 * each, 15 s for the 30,000 citation files of 10,000 stories; written here
 * they cost a write each. They are still items, so the manifest keeps and
 * deletes them like pages. Written synchronously: nothing else runs meanwhile,
 * and 3,000 small files took 40 ms of CPU on tmpfs that way against 320 ms
 * through the promise API (measured on this project's machine; on its ext4 disk
 * 0.7 s against 1.6 s, the file system's own cost).
 */
const isFile = (item: PageItem): item is PageItem & { readonly body: string } => typeof (item as { body?: unknown }).body === 'string';

/** Write the file items of `pages` into `outDir`; returns the pages left for Eleventy and how many files were written. */
export function writeFileItems(pages: PageSet, outDir: string): { pages: PageSet; written: number } {
  const rest: Record<string, readonly PageItem[]> = {};
  const files: (PageItem & { readonly body: string })[] = [];
  for (const [kind, items] of Object.entries(pages)) {
    const own = items.filter(isFile);
    files.push(...own);
    // A kind of files only leaves no (empty) kind behind: it has no template (src/render/page-kinds.ts).
    if (own.length < items.length || items.length === 0) rest[kind] = own.length === 0 ? items : items.filter((item) => !isFile(item));
  }
  let folder = '';
  for (const file of files) {
    const path = join(outDir, outputPathOf(file.url));
    // A story's three files are neighbours: one mkdir for the three.
    if (dirname(path) !== folder) mkdirSync((folder = dirname(path)), { recursive: true });
    writeFileSync(path, file.body);
  }
  return { pages: rest, written: files.length };
}

/** Render every page; returns the number of files written. */
export async function renderPages(options: RenderPagesOptions): Promise<number> {
  const { pages, written } = writeFileItems(options.pages, options.outDir);
  return written + (await renderEleventyPages({ ...options, pages }));
}

async function renderEleventyPages(options: RenderPagesOptions): Promise<number> {
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
