// The card thread (src/cards/write.ts `writeCardsBeside`): draws and places one build's cards
// while the build's own thread renders its pages, so that the two share the machine's cores.
// Plain JS because a worker starts without the parent's TypeScript loader; beside the sources it
// registers tsx's loader itself, compiled (dist/cards/worker.js) its import names a .js file.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

if (existsSync(new URL('./write.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { writeCards } = await import('./write.ts');

const stop = new AbortController();
parentPort.on('message', (message) => {
  if (message.stop) stop.abort(new Error('stopped'));
});
const { items, total, outDir, cacheDir } = workerData;
try {
  const summary = await writeCards(items, total, { outDir, cacheDir, signal: stop.signal, log: (line) => parentPort.postMessage({ log: line }) });
  parentPort.postMessage({ summary });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
parentPort.close();
