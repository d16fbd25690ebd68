/**
 * Run jobs on worker threads, a fresh worker per job, at most `lanes` at once
 * (one per core by default). Fresh workers keep Eleventy's process-wide caches
 * from growing across shards and give every job a clean heap.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DigestError } from './messages.ts';
import type { Job } from './worker-jobs.ts';

export class WorkerError extends DigestError {}

export const defaultLanes = (): number => availableParallelism();

export async function runInWorkers<R>(jobs: readonly Job[], lanes = defaultLanes(), onDone?: (done: number, total: number) => void): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, jobs.length)) }, async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await runOne<R>(jobs[index]!);
      onDone?.(++done, jobs.length);
    }
  }));
  return results;
}

function runOne<R>(job: Job): Promise<R> {
  const worker = new Worker(new URL('./worker.js', import.meta.url));
  return new Promise<R>((resolve, reject) => {
    worker.once('message', (message: { result?: R; error?: string }) => {
      if (message.error !== undefined) reject(new WorkerError(message.error));
      else resolve(message.result as R);
    });
    worker.once('error', (error) => reject(new WorkerError(`A build worker failed: ${error.message}`, { cause: error })));
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}
