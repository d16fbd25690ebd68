// A render worker: runs one Eleventy build of a shard of pages in this thread.
// Plain JS because a worker starts without the parent's TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { renderSite } = await import('./render.ts');

parentPort.on('message', async (job) => {
  try {
    parentPort.postMessage({ id: job.id, pages: await renderSite(job.options) });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
