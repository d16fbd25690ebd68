/**
 * Runs once per `vitest run` that includes tests/browser/ (the `browser` project
 * of vitest.config.ts):
 *
 * 1. Makes sure Chromium is there. If it is missing and we are root on a machine
 *    with apt-get (a fresh CI box), runs scripts/setup-browser.sh; otherwise the
 *    browser tests fail with a message naming that script (helpers/browser.ts).
 * 2. Starts a static server on 127.0.0.1 (ephemeral port) under the `/news/` path
 *    prefix, and builds the seeds (plus one hostile seed) into a temporary folder
 *    with `--base-url http://127.0.0.1:PORT/news/`, so prefix bugs show.
 *    `ND_TEST_SITE=DIR` serves an already built site instead (its prefix is read
 *    from its home page's canonical URL); `ND_TEST_SAMPLE=N` visits N pages of
 *    each type instead of one. `npm run test:browser:large` uses both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../../src/commands/build.ts';
import { HOSTILE_SEED, seedsWith, tempDir } from '../../helpers/site-build.ts';
import { CHROMIUM_PATH } from './browser.ts';
import { serveStatic } from './server.ts';
import type { TestSite } from './site.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PREFIX = '/news/';

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) return; // helpers/browser.ts fails each browser test with instructions
  console.log(`[browser tests] ${CHROMIUM_PATH} is missing: running scripts/setup-browser.sh`);
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'setup-browser.sh')], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) console.error('[browser tests] scripts/setup-browser.sh failed; the browser tests will fail');
}

async function canonicalBase(dir: string): Promise<string> {
  const home = await readFile(join(dir, 'index.html'), 'utf8');
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(home)?.[1];
  if (!canonical) throw new Error(`ND_TEST_SITE=${dir}: its index.html has no canonical URL, is it a news-digest site?`);
  return canonical;
}

async function clearScreenshots(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) if (name.endsWith('.png')) await unlink(join(dir, name));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  const sample = Math.max(1, Number(process.env['ND_TEST_SAMPLE'] ?? 1) || 1);
  const screenshotsDir = resolve(ROOT, process.env['ND_SCREENSHOTS'] ?? 'test-results/screenshots');
  await clearScreenshots(screenshotsDir);
  const cleanup: string[] = [];
  const external = process.env['ND_TEST_SITE'];
  let site: TestSite;
  let close: () => Promise<void>;
  if (external) {
    const dir = resolve(external);
    const baseUrl = await canonicalBase(dir);
    const server = await serveStatic(dir, new URL(baseUrl).pathname);
    close = server.close;
    site = { dir, baseUrl, serverUrl: server.url, sample, screenshotsDir, kind: 'external' };
  } else {
    const parent = await tempDir('nd-browser-');
    const dir = join(parent, 'site');
    const seedsDir = await seedsWith({ '2025-06.txt': HOSTILE_SEED });
    cleanup.push(parent, seedsDir);
    const server = await serveStatic(dir, PREFIX);
    close = server.close;
    const started = performance.now();
    await build({ seedsDir, outDir: dir, baseUrl: server.url, cacheDir: false });
    console.log(`[browser tests] built the seeds into ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s, serving ${server.url}`);
    site = { dir, baseUrl: server.url, serverUrl: server.url, sample, screenshotsDir, kind: 'seeds' };
  }
  project.provide('ndSite', site);
  return async () => {
    await close();
    if (process.env['ND_KEEP_SITE'] !== '1') for (const path of cleanup) await rm(path, { recursive: true, force: true });
  };
}
