#!/usr/bin/env -S node --max-semi-space-size=32
// --max-semi-space-size: rendering makes many short-lived strings; a 32 MB young
// generation (16 MB by default) collects them in fewer scavenges. Measured at
// 10,000 stories: build 17.6 s -> 15.3 s, peak RSS 523 -> 551 MB (64 MB: 13.8 s
// but 621 MB, over the 600 MB target). bench/run.ts reads the flags from here.
// The sources are TypeScript, run through tsx's loader: no compile step to forget.
import { register } from 'tsx/esm/api';

register();
const { main, handleError } = await import('../src/cli.ts');
// Not a top-level await: a promise that never settles (a child process gone) would
// make Node exit 13. The CLI exits 0 or 1 only.
let settled = false;
main().catch(handleError).finally(() => (settled = true));
process.on('beforeExit', () => {
  if (!settled) {
    console.error('news-digest: internal error, please report it: the command stopped before it finished');
    process.exitCode = 1;
  }
});
