/**
 * Rendered pages → files. Eleventy's own writer checks for and creates each
 * page's folder and writes through its file-system manager; pages are written
 * here instead, from `toJSON()`: one `mkdir` per folder (every page has its own
 * folder, `…/slug/index.html`, so one call a page and no existence check).
 * In a large build a thread of its own writes them (`PageWriter`), while this
 * one renders the next shard.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface RenderedPage {
  /** Where Eleventy would have written it, under the output folder; `false` for a page without a permalink. */
  readonly outputPath: string | false;
  readonly content: string;
}

/** Below this many files a writer writes on this thread: a thread costs more to start than a small build's writes. */
const SYNC_FILES = 2000;
/** Batches travel in the slots of one shared buffer, 8 of 2 MiB: what is in flight stays bounded, and no buffer is garbage. */
const SLOTS = 8;
const SLOT_BYTES = 2 << 20;

interface WriteFailure {
  readonly message: string;
  readonly code?: string;
  readonly path?: string;
  readonly syscall?: string;
}

/**
 * Files written in the background. `write` hands a file over and returns at
 * once; `flush` waits until every file is written and fails with the first
 * error (a full disk, a folder that cannot be made), so a build that flushes
 * before its files move into the output never moves a half-written page.
 * The first `SYNC_FILES` files are written here and now; after them, a
 * thread of its own writes them (src/render/write-worker.js), on the second
 * core, while this thread renders the next shard: Eleventy keeps this thread
 * busy, so libuv's asynchronous writes would wait for it (docs/performance.md).
 * When every slot is in flight, `write` waits for the thread to free one.
 */
export class PageWriter {
  private readonly folders = new Set<string>();
  private thread: { worker: Worker; shared: SharedArrayBuffer; states: Int32Array; next: number } | undefined;
  private paths: string[] = [];
  private texts: string[] = [];
  private bytes = 0;
  private failure: Error | undefined;
  written = 0;

  /** `syncFiles`: how many files to write on this thread before the writer's thread takes over. */
  constructor(private readonly syncFiles = SYNC_FILES) {}

  write(path: string, content: string): void {
    this.written++;
    if (this.written <= this.syncFiles) {
      if (this.failure) return;
      try {
        const folder = dirname(path);
        if (!this.folders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          this.folders.add(folder);
        }
        writeFileSync(path, content);
      } catch (error) {
        this.failure = error as Error;
      }
      return;
    }
    const size = Buffer.byteLength(content);
    if (size > SLOT_BYTES) return this.sendAlone(path, content, size);
    if (this.bytes + size > SLOT_BYTES) this.send();
    this.paths.push(path);
    this.texts.push(content);
    this.bytes += size;
  }

  /** Every page of `pages` with a path; returns how many. */
  writePages(pages: readonly RenderedPage[]): number {
    let count = 0;
    for (const page of pages) {
      if (page.outputPath === false) continue;
      this.write(page.outputPath, page.content);
      count++;
    }
    return count;
  }

  /** Wait until every file handed over is written; the writer can be used again after. */
  async flush(): Promise<void> {
    this.send();
    const thread = this.thread;
    this.thread = undefined;
    if (thread) {
      const answer = await new Promise<{ failure?: WriteFailure }>((resolve, reject) => {
        thread.worker.once('message', resolve);
        thread.worker.once('error', reject);
        thread.worker.postMessage({ flush: 1 });
      });
      await thread.worker.terminate();
      if (!this.failure && answer.failure) this.failure = Object.assign(new Error(answer.failure.message), answer.failure);
    }
    if (this.failure) throw this.failure;
  }

  private started(): NonNullable<PageWriter['thread']> {
    if (!this.thread) {
      const shared = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
      const states = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
      const worker = new Worker(new URL('./write-worker.js', import.meta.url), { workerData: { shared, states, slotBytes: SLOT_BYTES } });
      this.thread = { worker, shared, states, next: 0 };
    }
    return this.thread;
  }

  /** The batch so far, as UTF-8 bytes in the next slot, once the thread has freed it. */
  private send(): void {
    if (this.paths.length === 0) return;
    const thread = this.started();
    const slot = thread.next;
    thread.next = (slot + 1) % SLOTS;
    // Atomics.wait blocks this thread until the writer's thread frees the slot: the back-pressure.
    while (Atomics.load(thread.states, slot) !== 0) Atomics.wait(thread.states, slot, 1, 1000);
    const bytes = Buffer.from(thread.shared, slot * SLOT_BYTES, SLOT_BYTES);
    const ends: number[] = [];
    let at = 0;
    for (const text of this.texts) {
      at += bytes.write(text, at);
      ends.push(at);
    }
    Atomics.store(thread.states, slot, 1);
    thread.worker.postMessage({ slot, paths: this.paths, ends });
    this.paths = [];
    this.texts = [];
    this.bytes = 0;
  }

  /** A file larger than a slot, in a buffer of its own, after the batch before it. */
  private sendAlone(path: string, content: string, size: number): void {
    this.send();
    const buffer = Buffer.allocUnsafeSlow(size);
    buffer.write(content, 0);
    this.started().worker.postMessage({ paths: [path], ends: [size], buffer: buffer.buffer }, [buffer.buffer]);
  }
}

/**
 * The static assets: `templatesDir/assets/` → `/assets/`, and the favicon at
 * the root, where browsers look for it. Templates without assets (a test's)
 * copy nothing, as Eleventy's passthrough copy did.
 */
export function copyAssets(templatesDir: string, outDir: string): void {
  const assets = join(templatesDir, 'assets');
  if (!existsSync(assets)) return;
  cpSync(assets, join(outDir, 'assets'), { recursive: true, preserveTimestamps: true });
  if (existsSync(join(assets, 'favicon.svg'))) cpSync(join(assets, 'favicon.svg'), join(outDir, 'favicon.svg'), { preserveTimestamps: true });
}
