/**
 * Run jobs on a few lanes: long-lived worker threads (one per core by
 * default), each taking the next job from a shared queue, and optionally this
 * thread as one of the lanes. A worker's start-up (TypeScript loader, parser or
 * Eleventy) is paid once per lane, not once per job, and a lane
 * collects its garbage between jobs once its heap has grown (src/engine/gc.ts), so its
 * memory stays near its start-up size plus a job or two, however many it runs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { collectGarbageWhenGrown } from './gc.ts';
import { DigestError } from '../errors.ts';
import type { Job } from './worker-jobs.ts';

export class WorkerError extends DigestError {}

export const defaultLanes = (): number => availableParallelism();

export interface PoolOptions<J, R> {
  /** Lanes in all, this thread's included when `here` is given (default: one per core). */
  readonly lanes?: number;
  /**
   * Run a job on this thread, as one of the lanes: saves a worker's start-up
   * and memory when this thread would otherwise only wait.
   */
  readonly here?: (job: J) => Promise<R>;
  readonly onDone?: ((done: number, total: number) => void) | undefined;
  /** The message a worker gets for a job, made as the worker takes it (default: the job itself, which must then be a `Job`). */
  readonly toWorker?: (job: J) => Job;
}

export async function runInWorkers<J, R>(jobs: readonly J[], options: PoolOptions<J, R> = {}): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  const lanes = Math.max(1, Math.min(options.lanes ?? defaultLanes(), jobs.length));
  let next = 0;
  let done = 0;
  let failed = false;
  const take = (): number | undefined => (failed || next >= jobs.length ? undefined : next++);
  const finish = (index: number, result: R): void => {
    results[index] = result;
    options.onDone?.(++done, jobs.length);
  };
  const workerLanes = options.here ? lanes - 1 : lanes;
  const runLane = async (lane: () => Promise<void>): Promise<void> => {
    try {
      await lane();
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const settled = await Promise.allSettled([
    ...(options.here ? [runLane(() => hereLane(options.here!, jobs, take, finish))] : []),
    ...Array.from({ length: workerLanes }, () => runLane(() => workerLane(jobs, options.toWorker ?? ((job) => job as Job), take, finish))),
  ]);
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

async function hereLane<J, R>(run: (job: J) => Promise<R>, jobs: readonly J[], take: () => number | undefined, finish: (index: number, result: R) => void): Promise<void> {
  for (let index = take(); index !== undefined; index = take()) {
    const result = await run(jobs[index]!);
    collectGarbageWhenGrown();
    finish(index, result);
  }
}

/** One worker thread, fed jobs until the queue is empty; terminated at the end or on the first failure. */
async function workerLane<J, R>(jobs: readonly J[], toWorker: (job: J) => Job, take: () => number | undefined, finish: (index: number, result: R) => void): Promise<void> {
  let index = take();
  if (index === undefined) return;
  const worker = new Worker(new URL('./worker.js', import.meta.url));
  try {
    while (index !== undefined) {
      finish(index, await ask<R>(worker, toWorker(jobs[index]!)));
      index = take();
    }
  } finally {
    await worker.terminate();
  }
}

function ask<R>(worker: Worker, job: Job): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onMessage = (message: { result?: R; error?: string }): void => {
      worker.off('error', onError);
      if (message.error !== undefined) reject(new WorkerError(message.error));
      else resolve(message.result as R);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(new WorkerError(`A build worker failed: ${error.message}`, { cause: error }));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}
