// A build worker thread: runs one job (`render` a shard of pages, or `analyse`
// a batch of seeds) and answers with its result. Plain JS because a worker
// starts without the parent's TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./worker-jobs.ts');

parentPort.on('message', async (message) => {
  try {
    parentPort.postMessage({ result: await runJob(message) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
