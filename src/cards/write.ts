/**
 * Cards into the output: each from the card cache
 * (`node_modules/.cache/news-digest/cards/<key>.png`, the key hashing the
 * card's text and the renderer's version) or rendered and put there first. A
 * cached card is hard-linked into the output (copied where links fail): the
 * cache file is only ever replaced by a rename, never written in place, so the
 * two stay the same bytes.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashOf } from '../hash.ts';
import { replaceFile } from '../output/files.ts';
import { outputPathOf, type LazyPages, type PageManifest } from '../engine/incremental.ts';
import { DigestError } from '../errors.ts';
import { mapLimit } from '../limit.ts';
import { cardRendererVersion } from './version.ts';
import type { CardItem, CardSpec } from '../site/card-types.ts';

export class CardError extends DigestError {}

/** What a card's PNG is made from, besides the renderer (whose version the cache adds). */
export const cardKey = (spec: CardSpec): string => hashOf(JSON.stringify(spec));

export interface CardSummary {
  /** Cards the site has. */
  readonly cards: number;
  /** Cards this build put into the output (new or changed ones; all of them in a full build). */
  readonly written: number;
  /** Of those, cards rendered because the cache had none with their key. */
  readonly rendered: number;
  readonly milliseconds: number;
}

/** The cards whose output changed since `previous` (every card without one): the manifest's rule for pages. */
export function changedCards(cards: LazyPages<CardItem>, next: PageManifest, previous: PageManifest | undefined): CardItem[] {
  return cards.urls.flatMap((url, index) => {
    const path = outputPathOf(url);
    return previous && previous.outputs.get(path) === next.outputs.get(path) ? [] : [cards.build(index)];
  });
}

export interface WriteCardsOptions {
  /** Where the card files go (`<outDir>/cards/…`). */
  readonly outDir: string;
  /** The card cache; none: every card is rendered. */
  readonly cacheDir?: string | undefined;
  /** Cards rendered at once (default: the cores; resvg draws on libuv's threads). */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
  /** Aborted: no card starts after it (the build failed elsewhere); the cards under way end. */
  readonly signal?: AbortSignal | undefined;
}

export async function writeCards(items: readonly CardItem[], total: number, options: WriteCardsOptions): Promise<CardSummary> {
  const started = performance.now();
  const version = cardRendererVersion();
  const made = new Set<string>();
  // Cards of the same text (two stories with one headline) share a cache file: the first renders it, the others wait and link it.
  const rendering = new Map<string, Promise<void>>();
  let rendered = 0;
  const one = async (item: CardItem): Promise<void> => {
    options.signal?.throwIfAborted();
    const target = join(options.outDir, outputPathOf(item.url));
    const folder = dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const cached = options.cacheDir && join(options.cacheDir, `${hashOf(version, cardKey(item.spec))}.png`);
    if (!cached) return make(item, target, undefined);
    const placed = async (): Promise<void> => {
      if (!(await place(cached, target))) await make(item, target, cached);
    };
    const first = rendering.get(cached);
    if (first) return first.then(placed);
    // Marked before any await, so that no other lane starts the same card meanwhile.
    const making = placed();
    rendering.set(cached, making.catch(() => {}));
    return making;
  };
  const make = async (item: CardItem, target: string, cached: string | undefined): Promise<void> => {
    let card;
    try {
      // Loaded on the first card not in the cache: resvg and fontkit are most of a small build's start-up.
      const { renderCard } = await import('./render.ts');
      card = await renderCard(item.spec);
    } catch (error) {
      throw new CardError(`Rendering the social card ${item.url} failed (${(error as Error).message}); build with --no-cards to skip cards, and please report it`, { cause: error });
    }
    rendered++;
    if (card.missing.length > 0) options.log?.(`${item.url}: ${card.missing.length} characters have no glyph in the card fonts and show as boxes: ${card.missing.join(' ')}`);
    if (cached) {
      await replaceFile(cached, card.png);
      if (await place(cached, target)) return;
    }
    await replaceFile(target, card.png);
  };
  await mapLimit(items, options.concurrency ?? availableParallelism(), one);
  return { cards: total, written: items.length, rendered, milliseconds: performance.now() - started };
}

/**
 * `writeCards` on a thread of its own (src/cards/worker.js), so that a build draws its cards
 * while this thread renders its pages: laying out and outlining text and encoding the PNG are
 * JavaScript, which would otherwise wait for the pages or slow them (docs/performance.md,
 * "Cards beside the pages"). Nothing to write, no thread.
 */
export async function writeCardsBeside(items: readonly CardItem[], total: number, options: WriteCardsOptions): Promise<CardSummary> {
  if (items.length === 0 || options.signal?.aborted) return writeCards(items, total, options);
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { items, total, outDir: options.outDir, cacheDir: options.cacheDir } });
  const stop = (): void => worker.postMessage({ stop: true });
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<CardSummary>((resolve, reject) => {
      worker.on('message', (message: { log?: string; summary?: CardSummary; error?: string }) => {
        if (message.log !== undefined) options.log?.(message.log);
        else if (message.error !== undefined) reject(new CardError(message.error));
        else resolve(message.summary!);
      });
      worker.once('error', (error) => reject(new CardError(`The social cards' thread failed (${error.message}); build with --no-cards to skip cards, and please report it`, { cause: error })));
      worker.once('exit', () => reject(new CardError('The social cards\' thread stopped before it answered; build with --no-cards to skip cards, and please report it')));
    });
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

/** The cached card at `target`: a hard link, or a copy across file systems; false if the cache has none. */
async function place(cached: string, target: string): Promise<boolean> {
  await rm(target, { force: true });
  try {
    await link(cached, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK' && code !== 'ENOTSUP') throw error;
  }
  try {
    await copyFile(cached, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
