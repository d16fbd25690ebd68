// The page writer's thread (src/render/write.ts). Each message is a batch of files: their paths
// and the end offset of each one's UTF-8 bytes, which sit in one slot of the shared buffer
// (`slot`) or, for a file larger than a slot, in a buffer of its own (`buffer`). The slot is
// handed back (its state set to 0, and the writer woken) as soon as the batch is written.
// Plain JS with only Node's modules, so it runs from src/ and from dist/ alike.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { shared, states, slotBytes } = workerData;
const folders = new Set();
let failure;

parentPort.on('message', (message) => {
  if (message.flush !== undefined) {
    parentPort.postMessage({ failure });
    return;
  }
  const bytes = message.buffer ? new Uint8Array(message.buffer) : new Uint8Array(shared, message.slot * slotBytes, slotBytes);
  try {
    if (failure) return;
    let start = 0;
    message.paths.forEach((path, index) => {
      const end = message.ends[index];
      const folder = dirname(path);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(path, bytes.subarray(start, end));
      start = end;
    });
  } catch (error) {
    failure = { message: error.message, code: error.code, path: error.path, syscall: error.syscall };
  } finally {
    if (message.buffer === undefined) {
      Atomics.store(states, message.slot, 0);
      Atomics.notify(states, message.slot);
    }
  }
});
