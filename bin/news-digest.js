#!/usr/bin/env -S node --max-semi-space-size=32
// --max-semi-space-size: rendering makes many short-lived strings; a 32 MB young
// generation (16 MB by default) collects them in fewer scavenges, within the
// memory target (docs/performance.md, "Start-up"). bench/run.ts reads the flags from here.
//
// The sources are TypeScript. They run compiled from dist/ while it is current
// (scripts/compile.mjs: checked by stat calls at every start, compiled again when
// a source changed), else through tsx's loader, which costs about a second a start.
// NEWS_DIGEST_SOURCES=1 always runs the sources.
import { currentEntry } from '../scripts/compile.mjs';

const entry = await currentEntry();
let cli;
if (entry) cli = await import(entry);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
const { main, handleError } = cli;
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
