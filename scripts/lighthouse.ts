/**
 * `npm run lighthouse [-- --seeds DIR | --corpus] [--preset mobile,desktop] [--types home,story] [--sample N] [--json FILE] [--reports DIR] [--keep]`:
 * Lighthouse's scores on one page of every type of the built site (the page
 * list of tests/browser/helpers/pages.ts: the largest page of each type, the
 * search page with a query), in Debian's Chromium, mobile and desktop presets.
 *
 * It builds the seeds (or, with `--corpus`, 1,000 synthetic stories from
 * ../shared/bench/gen-corpus.mjs) into a temporary folder with
 * `--base-url http://127.0.0.1:PORT/`, serves it on loopback with the browser
 * tests' static server, and prints one Markdown table per preset: performance,
 * accessibility, best practices and SEO scores, cumulative layout shift and DOM
 * size (elements) per page type, then every audit below full marks in the last
 * three categories. Nothing is downloaded: chrome-launcher starts CHROME_PATH
 * (default /usr/bin/chromium). Not part of `npm test`: a run takes minutes.
 * `--json` writes the rows, `--reports` every full Lighthouse result (`mobile-home.json`, …:
 * open one in the Lighthouse viewer to see why). Exit status 1 when a page cannot be audited or the build fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findGenerator, GENERATOR_MISSING } from '../bench/generator.ts';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Flags, type Result } from 'lighthouse';
import { samplePages, sampleQuery, visitUrl } from '../tests/browser/helpers/pages.ts';
import { serveStatic } from '../tests/browser/helpers/server.ts';
import type { TestSite } from '../tests/browser/helpers/site.ts';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
// Without the background-networking flags Chromium tries to reach Google's services on a closed network.
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const PRESETS: Record<string, Config | undefined> = { mobile: undefined, desktop: desktopConfig };

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: join(ROOT, 'seeds') },
    corpus: { type: 'boolean', default: false },
    digests: { type: 'string', default: '100' },
    'stories-per-digest': { type: 'string', default: '10' },
    preset: { type: 'string', default: 'mobile,desktop' },
    sample: { type: 'string', default: '1' },
    types: { type: 'string' },
    json: { type: 'string' },
    reports: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});


/** A failure the run reports in one line (no stack): the temporary folder and the server are still cleaned up. */
class RunError extends Error {}

function fail(message: string): never {
  throw new RunError(message);
}

function run(label: string, command: string, args: string[]): void {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  console.log(`lighthouse: ${label} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) fail(`${label} failed (exit ${result.status ?? result.signal})`);
}

interface Row {
  readonly preset: string;
  readonly type: string;
  readonly path: string;
  readonly scores: Record<(typeof CATEGORIES)[number], number | null>;
  readonly cls: number | undefined;
  readonly domSize: number | undefined;
  /** Audits below full marks in accessibility, best practices and SEO: `id (score)`. */
  readonly failing: string[];
  /** Weighted performance metrics scored below 0.9: `id value`, what pulls the performance score down. */
  readonly slow: string[];
  readonly version: string;
}

function rowOf(preset: string, type: string, path: string, lhr: Result): Row {
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id]!.score! * 100)])) as Row['scores'];
  const failing = new Set<string>();
  for (const id of CATEGORIES.slice(1)) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.add(`${ref.id} (${audit.score})`);
    }
  }
  // Only the weighted metrics: the opportunities (text compression, the back/forward cache) are the
  // loopback server's (no gzip, `no-store`), not the site's.
  const slow = (lhr.categories['performance']?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 0.9)
    .map((audit) => `${audit!.id} ${audit!.displayValue ?? audit!.score}`);
  return { preset, type, path, scores, cls: lhr.audits['cumulative-layout-shift']?.numericValue, domSize: lhr.audits['dom-size']?.numericValue, failing: [...failing], slow, version: lhr.lighthouseVersion };
}

function table(rows: readonly Row[]): string {
  const score = (value: number | null): string => (value === null ? 'n/a' : String(value));
  const lines = ['| page type | page | performance | accessibility | best practices | SEO | CLS | DOM elements |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    lines.push(`| ${row.type} | \`${row.path}\` | ${CATEGORIES.map((id) => score(row.scores[id])).join(' | ')} | ${row.cls === undefined ? 'n/a' : row.cls.toFixed(3)} | ${row.domSize ?? 'n/a'} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const presets = values.preset.split(',').map((name) => name.trim());
  for (const name of presets) {
    if (!(name in PRESETS)) fail(`Unexpected preset \`${name}\`, expected \`mobile\` or \`desktop\``);
  }
  const chromePath = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(chromePath)) fail(`Chromium is not installed at ${chromePath}: run scripts/setup-browser.sh (as root), or set CHROME_PATH`);
  const work = await mkdtemp(join(tmpdir(), 'nd-lighthouse-'));
  const dir = join(work, 'site');
  // The server reads the folder per request, so it can start before the build that needs its port.
  const server = await serveStatic(dir, '/');
  let seedsDir = resolve(values.seeds);
  const rows: Row[] = [];
  const errors: string[] = [];
  try {
    if (values.corpus) {
      const generator = findGenerator();
      if (!generator) fail(GENERATOR_MISSING);
      seedsDir = join(work, 'seeds');
      run('generating the corpus', process.execPath, [generator, '--digests', values.digests, '--stories-per-digest', values['stories-per-digest'], '--out', seedsDir]);
    }
    run('building the site', process.execPath, [join(ROOT, 'bin', 'news-digest.js'), 'build', '--seeds', seedsDir, '--out', dir, '--base-url', server.url, '--quiet']);
    const site: TestSite = { dir, baseUrl: server.url, serverUrl: server.url, sample: Math.max(1, Number(values.sample) || 1), screenshotsDir: join(work, 'screenshots'), kind: 'external' };
    const types = values.types?.split(',').map((type) => type.trim());
    const pages = (await samplePages(site)).filter((page) => !types || types.includes(page.type));
    if (pages.length === 0) fail(`Unexpected page types \`${values.types}\`, expected types the site has (home, story, pair, timeline, …)`);
    const query = await sampleQuery(site);
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
    try {
      for (const preset of presets) {
        for (const page of pages) {
          const url = visitUrl(site, page, query);
          const flags: Flags = { port: chrome.port, logLevel: 'error', onlyCategories: [...CATEGORIES], output: 'json' };
          const started = performance.now();
          const result = await lighthouse(url, flags, PRESETS[preset]);
          const lhr = result?.lhr;
          if (!lhr || lhr.runtimeError) {
            errors.push(`${preset} ${page.path}: ${lhr?.runtimeError?.message ?? 'no result'}`);
            continue;
          }
          if (values.reports) {
            await mkdir(values.reports, { recursive: true });
            await writeFile(join(values.reports, `${preset}-${page.type}.json`), JSON.stringify(lhr));
          }
          const row = rowOf(preset, page.type, page.path + (page.type === 'search' ? `?q=${query}` : ''), lhr);
          rows.push(row);
          console.log(`lighthouse: ${preset} ${row.path} ${CATEGORIES.map((id) => row.scores[id]).join('/')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      }
    } finally {
      await chrome.kill();
    }
  } finally {
    await server.close();
    if (values.keep) console.log(`lighthouse: kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const chromium = spawnSync(chromePath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const what = values.corpus ? `a generated corpus (${values.digests} digests × ${values['stories-per-digest']} stories)` : seedsDir;
  console.log(`\nLighthouse ${rows[0]?.version ?? '?'} on ${what}, ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpu}, ${chromium}\n`);
  for (const preset of presets) {
    console.log(`### ${preset}\n\n${table(rows.filter((row) => row.preset === preset))}\n`);
  }
  const failing = rows.filter((row) => row.failing.length > 0);
  if (failing.length > 0) {
    console.log('Audits below full marks (accessibility, best practices, SEO):\n');
    for (const row of failing) console.log(`- ${row.preset} ${row.type} \`${row.path}\`: ${row.failing.join(', ')}`);
  }
  const slow = rows.filter((row) => row.slow.length > 0);
  if (slow.length > 0) {
    console.log('\nPerformance metrics below 0.9:\n');
    for (const row of slow) console.log(`- ${row.preset} ${row.type} \`${row.path}\`: ${row.slow.join(', ')}`);
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify(rows, null, 2)}\n`);
  if (errors.length > 0) fail(`${errors.length} page(s) could not be audited:\n${errors.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof RunError ? `lighthouse: ${error.message}` : error);
  process.exitCode = 1;
});
