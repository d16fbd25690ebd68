// A build worker thread: runs jobs (`render` a shard of pages, or `analyse` a
// batch of seeds) one at a time and answers each with its result, collecting
// its garbage in between once its heap has grown (src/engine/gc.ts). Plain JS because
// a worker starts without the parent's TypeScript loader.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

// Beside the sources, the worker registers tsx's loader itself; compiled
// (dist/engine/worker.js, scripts/compile.mjs) there are no .ts files beside it
// and its imports below already name .js files.
if (existsSync(new URL('./worker-jobs.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { runJob } = await import('./worker-jobs.ts');
const { collectGarbageWhenGrown } = await import('./gc.ts');

parentPort.on('message', async (message) => {
  let answer;
  try {
    answer = { result: await runJob(message) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  collectGarbageWhenGrown();
  parentPort.postMessage(answer);
});
