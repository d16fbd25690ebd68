/**
 * Rendering large sites: pages are split into shards and each shard is one
 * Eleventy build, run on the lanes of src/engine/pool.ts (this thread, and a worker
 * per further lane). Small shards bound memory: a lane holds one shard's pages
 * at a time. Small sites (and most incremental rebuilds) are one shard.
 */
import { join } from 'node:path';
import { outputPathOf, type PageItem, type PageSet, type PendingPages, type PendingPageSet } from './incremental.ts';
import { runInWorkers } from './pool.ts';
import { renderSite, type RenderOptions } from '../render/eleventy.ts';
import { PageWriter } from '../render/write.ts';

/**
 * Pages per Eleventy build. An Eleventy build holds every page's output until
 * it ends, and each costs a start-up and a full garbage collection after it:
 * larger shards render faster and take more memory; this size keeps a
 * 10,000-story build near the memory target (docs/performance.md, "Engine").
 */
export const SHARD_SIZE = 2400;

/**
 * Render lanes by default: one, this thread. On the 2-core machine a second
 * lane rendered no faster (the lanes contend for memory bandwidth and the file
 * system) and cost memory (docs/performance.md, "Engine"). `workers` overrides
 * it where cores are truly independent.
 */
export const RENDER_LANES = 1;

export interface RenderPagesOptions extends Omit<RenderOptions, 'data' | 'passthrough'> {
  readonly site: unknown;
  readonly pages: PageSet;
  /** On-demand pages, built as their shard renders (`planPages`). */
  readonly pending?: PendingPageSet;
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
export function shardPages<S>(pages: Readonly<Record<string, readonly S[]>>, count: number): Record<string, S[]>[] {
  const kinds = Object.keys(pages);
  const total = kinds.reduce((sum, kind) => sum + (pages[kind]?.length ?? 0), 0);
  // Never more shards than pages: none would be empty.
  const shards = Array.from({ length: Math.max(1, Math.min(count, total)) }, () => Object.fromEntries(kinds.map((kind): [string, S[]] => [kind, []])));
  let dealt = 0;
  for (const kind of [...kinds].sort()) {
    for (const item of pages[kind] ?? []) shards[dealt++ % shards.length]![kind]!.push(item);
  }
  return shards;
}

export function shardCount(total: number, maxShard = SHARD_SIZE): number {
  return Math.max(1, Math.ceil(total / maxShard));
}

/**
 * An item with a `body` is a file written as it is, not a page (a story's
 * `cite.bib`, src/site/citation.ts): through Eleventy each would cost as much
 * as a page; written here (by src/render/write.ts) they cost a write each.
 * They are still items, so the manifest keeps and deletes them like pages
 * (docs/performance.md, "Engine"). A kind's first item says whether it is a
 * kind of files: its pages are built before rendering, the others' with their shard.
 */
const isFile = (item: PageItem): item is PageItem & { readonly body: string } => typeof (item as { body?: unknown }).body === 'string';

/** The file items of `pages`, and the pages left for Eleventy. */
export function splitFileItems(pages: PageSet): { files: (PageItem & { readonly body: string })[]; rest: PageSet } {
  const rest: Record<string, readonly PageItem[]> = {};
  const files: (PageItem & { readonly body: string })[] = [];
  for (const [kind, items] of Object.entries(pages)) {
    const own = items.filter(isFile);
    // Not push(...own): the arguments of one call live on the stack, and 100,000 stories have 300,000 files.
    for (const file of own) files.push(file);
    // A kind of files only leaves no (empty) kind behind: it has no template (src/render/page-kinds.ts).
    if (own.length < items.length || items.length === 0) rest[kind] = own.length === 0 ? items : items.filter((item) => !isFile(item));
  }
  return { files, rest };
}

/** Start writing file items; returns how many. */
function writeFiles(files: readonly (PageItem & { readonly body: string })[], outDir: string, writer: PageWriter): number {
  for (const file of files) writer.write(join(outDir, outputPathOf(file.url)), file.body);
  return files.length;
}

/** File items are built and written this many at a time: a folder made once a batch, a batch in memory. */
const FILE_BATCH = 1000;

/** Build the pages of a kind of files, writing the files among them; returns the pages left for Eleventy. */
function writeKindOfFiles(list: PendingPages, outDir: string, writer: PageWriter): { pages: PageItem[]; written: number } {
  const pages: PageItem[] = [];
  let written = 0;
  for (let from = 0; from < list.indices.length; from += FILE_BATCH) {
    const { files, rest } = splitFileItems({ batch: list.indices.slice(from, from + FILE_BATCH).map((index) => list.build(index)) });
    written += writeFiles(files, outDir, writer);
    for (const page of rest.batch ?? []) pages.push(page);
  }
  return { pages, written };
}

/** A page of a shard: the index of a page of its kind, or a page built already. */
type Slot = PageItem | number;

/**
 * Render every page; returns the number of files written. Files are written in the background
 * while rendering goes on (src/render/write.ts), and all of them are on disk when this returns.
 */
export async function renderPages(options: RenderPagesOptions): Promise<number> {
  const writer = new PageWriter();
  try {
    return await renderAll(options, writer);
  } finally {
    // On failure too: no write may still be running when the caller removes the staging folder.
    await writer.flush();
  }
}

async function renderAll(options: RenderPagesOptions, writer: PageWriter): Promise<number> {
  // Built pages and pending ones alike: each kind as the pages to render and a way to build one.
  const kinds: Record<string, PendingPages> = { ...options.pending };
  for (const [kind, items] of Object.entries(options.pages)) kinds[kind] = { indices: items.map((_, index) => index), build: (index) => items[index]! };
  let written = 0;
  const slots: Record<string, readonly Slot[]> = {};
  for (const [kind, list] of Object.entries(kinds)) {
    const first = list.indices[0];
    // A kind of files (a story's citation files) is written as it is built; a kind of pages waits for its shard.
    if (first === undefined || !isFile(list.build(first))) {
      slots[kind] = list.indices;
      continue;
    }
    const left = writeKindOfFiles(list, options.outDir, writer);
    written += left.written;
    if (left.pages.length > 0) slots[kind] = left.pages;
  }
  return written + (await renderEleventyPages(options, slots, kinds, writer));
}

async function renderEleventyPages(options: RenderPagesOptions, slots: Readonly<Record<string, readonly Slot[]>>, kinds: PendingPageSet, writer: PageWriter): Promise<number> {
  const lanes = options.workers ?? RENDER_LANES;
  const total = Object.values(slots).reduce((sum, items) => sum + items.length, 0);
  const shards = shardPages(slots, shardCount(total, options.shardSize));
  // A shard's pages are built just before it renders, and dropped with it.
  const jobOf = (shard: Readonly<Record<string, readonly Slot[]>>, index: number): RenderOptions => ({
    templatesDir: options.templatesDir,
    outDir: options.outDir,
    pathPrefix: options.pathPrefix ?? '/',
    passthrough: options.assets && index === 0,
    data: { site: options.site, pages: Object.fromEntries(Object.entries(shard).map(([kind, list]) => [kind, list.map((slot) => (typeof slot === 'number' ? kinds[kind]!.build(slot) : slot))])) },
  });
  if (shards.length === 1) return renderSite(jobOf(shards[0]!, 0), writer);
  const written = await runInWorkers(shards.map((shard, index) => ({ shard, index })), {
    lanes,
    onDone: options.onShard,
    here: ({ shard, index }) => renderSite(jobOf(shard, index), writer),
    toWorker: ({ shard, index }) => ({ kind: 'render', options: jobOf(shard, index) }),
  });
  return written.reduce((sum, pages) => sum + pages, 0);
}
