/**
 * `npm run test:browser:large [-- --sample N] [--keep]`: the quality gates of
 * tests/browser/ on a large site. Generates 1,000 synthetic stories (100 digests
 * × 10, with ../shared/bench/gen-corpus.mjs), builds them with the search index
 * under the path prefix /news/, then runs the browser test project against that
 * site (ND_TEST_SITE), visiting N pages of each type (ND_TEST_SAMPLE, default 2).
 * Screenshots go to test-results/screenshots/large/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findGenerator, GENERATOR_MISSING } from '../bench/generator.ts';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    sample: { type: 'string', default: '2' },
    digests: { type: 'string', default: '100' },
    'stories-per-digest': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});

const generator = findGenerator();
if (!generator) {
  console.error(`test:browser:large: ${GENERATOR_MISSING}`);
  process.exit(1);
}

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`test:browser:large: ${label} took ${seconds} s`);
  return result.status ?? 1;
}

const work = await mkdtemp(join(tmpdir(), 'nd-large-'));
const seeds = join(work, 'seeds');
const site = join(work, 'site');
let status = run('generating the corpus', process.execPath, [generator, '--digests', values.digests, '--stories-per-digest', values['stories-per-digest'], '--out', seeds]);
if (status === 0) {
  // Canonical URLs on another host than the test server: nothing may fetch them.
  status = run('building the site', process.execPath, [join(ROOT, 'bin', 'news-digest.js'), 'build', '--seeds', seeds, '--out', site, '--base-url', 'https://news.example.org/news/', '--quiet']);
}
if (status === 0) {
  status = run('the browser test project', process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'browser'], {
    ND_TEST_SITE: site,
    ND_TEST_SAMPLE: values.sample,
    ND_SCREENSHOTS: 'test-results/screenshots/large',
  });
}
if (values.keep) console.log(`test:browser:large: kept ${work}`);
else await rm(work, { recursive: true, force: true });
process.exit(status);
