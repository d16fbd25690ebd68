/**
 * `npm run bench`: what a user waits for. Whole commands, each in its own
 * process timed from outside, start-up included: `news-digest build` (as
 * bin/news-digest.js runs it, from dist/), Eleventy's own CLI on the same stories
 * as a plain Eleventy 3 site in the style of eleventy-base-blog (bench/baseline),
 * and Hugo on them (bench/hugo) when `hugo` is installed.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--runs 3] [--no-baseline] [--no-hugo] [--stages] [--keep] [--work DIR]
 *
 * Per size, `--runs` rounds (1 at 100,000), each running in turn: our cold full
 * build (seed cache removed, new output folder), Eleventy, Hugo (both have no
 * cache between runs: their output and Hugo's cache folder are removed), and our
 * warm full build (the seed cache kept, a new output folder). Interleaved, so
 * that the machine's drift hits every side alike; ratios are taken round by
 * round, and medians printed. Then one 10-story digest is added to a warm build
 * and the incremental rebuild timed (as many runs; the digest removed again
 * between them, that rebuild not counted). `--stages` adds one in-process build
 * (bench/child-build.ts) per size for the time of each stage.
 *
 * Our build runs from a copy of the project in the work folder (its sources,
 * dist/, data and templates; node_modules linked entry by entry), so that its
 * seed cache (node_modules/.cache) is its own to remove and never the checkout's.
 * Peak RSS is the process's high-water mark (VmHWM, every thread), read from
 * /proc every 20 ms while it runs.
 *
 * Everything is written below `--work`: by default a folder in /dev/shm (tmpfs)
 * when there is one. On this project's VM, disk writes made the same build vary
 * by ±50 % from run to run, which swamped every comparison; `--work /tmp`
 * measures on disk.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findGenerator, GENERATOR_MISSING } from './generator.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR = findGenerator();

interface Timed {
  milliseconds: number;
  maxRssMb: number;
}
const FAILED: Timed = { milliseconds: NaN, maxRssMb: NaN };

const median = (values: readonly number[]): number => {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite[Math.floor(finite.length / 2)] ?? NaN;
};

function generate(dir: string, digests: number, perDigest: number, format: 'raw' | 'md', seed = '1'): void {
  if (!GENERATOR) throw new Error(GENERATOR_MISSING);
  execFileSync(process.execPath, [GENERATOR, '--digests', String(digests), '--stories-per-digest', String(perDigest), '--out', dir, '--format', format, '--seed', seed], { stdio: 'ignore' });
}

/** The Node flags the CLI runs with (its shebang line), so that `node FLAGS bin/news-digest.js` is the command a user runs. */
const CLI_FLAGS = readFileSync(join(ROOT, 'bin', 'news-digest.js'), 'utf8').split('\n')[0]!.split(/\s+/).filter((word) => word.startsWith('--'));

/** Run one command to its end: wall time from outside, and its peak RSS. A failure prints its stderr's tail and gives NaN. */
function timed(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Timed> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb = 0;
    let stderr = '';
    const poll = (): void => {
      try {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // Not Linux, or the process has just ended.
      }
    };
    const timer = setInterval(poll, 20);
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-3000)));
    child.on('error', (error) => {
      clearInterval(timer);
      console.error(`bench: ${command} could not start: ${error.message}`);
      done(FAILED);
    });
    child.on('exit', (code) => {
      const milliseconds = performance.now() - started;
      clearInterval(timer);
      if (code !== 0) {
        console.error(`bench: ${command} ${args.join(' ')} exited ${code}:\n${stderr}`);
        done(FAILED);
      } else done({ milliseconds, maxRssMb: peakKb > 0 ? peakKb / 1024 : NaN });
    });
  });
}

/** A copy of the project to build with (see the header): returns its folder. */
function projectCopy(work: string): string {
  const project = join(work, 'project');
  for (const name of ['src', 'bin', 'scripts', 'data', 'templates']) cpSync(join(ROOT, name), join(project, name), { recursive: true });
  for (const name of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, name), join(project, name));
  mkdirSync(join(project, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.cache') symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name));
  }
  execFileSync(process.execPath, [join(project, 'scripts', 'compile.mjs')], { stdio: 'ignore' });
  if (!existsSync(join(project, 'dist', 'manifest.json'))) throw new Error('bench: could not compile the project copy into dist/');
  return project;
}

interface Sides {
  ours(out: string, cold: boolean, extra?: readonly string[]): Promise<Timed>;
  eleventy?: () => Promise<Timed>;
  hugo?: () => Promise<Timed>;
}

function sidesFor(project: string, corpus: string, work: string, size: number, options: { baseline: boolean; hugo: boolean }): Sides {
  const cards = process.env.ND_CARDS === '1' ? [] : ['--no-cards'];
  const cache = join(project, 'node_modules', '.cache');
  const env = { ...process.env, CI: 'true', NEWS_DIGEST_SOURCES: '' };
  const sides: Sides = {
    ours: (out, cold, extra = ['--no-search', '--full']) => {
      if (cold) rmSync(cache, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
      return timed(process.execPath, [...CLI_FLAGS, join(project, 'bin', 'news-digest.js'), 'build', '--seeds', join(corpus, 'raw'), '--out', out, ...cards, ...extra], { cwd: project, env });
    },
  };
  if (options.baseline || options.hugo) generate(join(corpus, 'md'), size / 10, 10, 'md');
  if (options.baseline) {
    const site = join(work, `eleventy-${size}`);
    cpSync(join(ROOT, 'bench', 'baseline'), site, { recursive: true });
    for (const name of readdirSync(join(corpus, 'md'))) symlinkSync(join(corpus, 'md', name), join(site, 'content', 'blog', name));
    symlinkSync(join(ROOT, 'node_modules'), join(site, 'node_modules'));
    const cli = join(ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
    sides.eleventy = () => {
      rmSync(join(site, '_site'), { recursive: true, force: true });
      return timed(process.execPath, [cli, '--quiet'], { cwd: site });
    };
  }
  if (options.hugo) {
    const site = join(work, `hugo-${size}`);
    cpSync(join(ROOT, 'bench', 'hugo'), site, { recursive: true });
    mkdirSync(join(site, 'content', 'blog'), { recursive: true });
    for (const name of readdirSync(join(corpus, 'md'))) symlinkSync(join(corpus, 'md', name), join(site, 'content', 'blog', name));
    sides.hugo = () => {
      for (const name of ['public', 'resources', 'hugo-cache']) rmSync(join(site, name), { recursive: true, force: true });
      return timed('hugo', ['--quiet', '--cacheDir', join(site, 'hugo-cache')], { cwd: site });
    };
  }
  return sides;
}

/** Our incremental rebuild after adding one 10-story digest to a warm build, `runs` times. */
async function addedDigest(sides: Sides, corpus: string, work: string, size: number, runs: number): Promise<number> {
  const out = join(work, `out-inc-${size}`);
  await sides.ours(out, false, ['--no-search']);
  const extra = join(work, `extra-${size}`);
  generate(extra, 1, 10, 'raw', 'extra');
  const [name] = readdirSync(extra);
  const added = join(corpus, 'raw', `zz-added-${name}`);
  const times: number[] = [];
  const rebuild = (): Promise<Timed> => timed(process.execPath, [...CLI_FLAGS, join(work, 'project', 'bin', 'news-digest.js'), 'build', '--seeds', join(corpus, 'raw'), '--out', out, '--no-search', ...(process.env.ND_CARDS === '1' ? [] : ['--no-cards'])], { cwd: join(work, 'project'), env: { ...process.env, CI: 'true', NEWS_DIGEST_SOURCES: '' } });
  for (let i = 0; i < runs; i++) {
    cpSync(join(extra, name!), added);
    times.push((await rebuild()).milliseconds);
    rmSync(added);
    await rebuild();
  }
  return median(times);
}

/** One in-process build (bench/child-build.ts) for its stage timings. */
function stagesOf(project: string, corpus: string, work: string, size: number): Record<string, number> | undefined {
  const result = spawnSync(process.execPath, [...CLI_FLAGS, '--import', 'tsx', join(ROOT, 'bench', 'child-build.ts'), join(corpus, 'raw'), join(work, `out-stages-${size}`), 'no-search', join(work, `cache-stages-${size}`)], {
    cwd: project, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) return undefined;
  return (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { stages?: Record<string, number> }).stages;
}

const seconds = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');
const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '—');
const megabytes = (mb: number): string => (Number.isFinite(mb) ? mb.toFixed(0) : '—');
/** Median of the round-by-round ratios a/b. */
const pairedRatio = (a: readonly Timed[], b: readonly Timed[]): number => median(a.map((run, i) => run.milliseconds / (b[i]?.milliseconds ?? NaN)));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      runs: { type: 'string', default: '3' },
      'no-baseline': { type: 'boolean', default: false },
      'no-hugo': { type: 'boolean', default: false },
      stages: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      work: { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm' : tmpdir() },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const work = mkdtempSync(join(values.work, 'nd-bench-'));
  const hugoVersion = values['no-hugo'] ? undefined : spawnSync('hugo', ['version'], { encoding: 'utf8' });
  const hugo = hugoVersion?.status === 0;
  console.log(`news-digest bench — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, writing below ${values.work}`);
  console.log(hugo ? `Hugo: ${hugoVersion.stdout.trim()}` : `Hugo: ${values['no-hugo'] ? 'skipped (--no-hugo)' : 'not installed (apt-get install -y hugo), its columns are empty'}`);
  const project = projectCopy(work);
  console.log('Whole commands, medians, seconds; cold = seed cache removed; every full build into a new folder, without search' + (process.env.ND_CARDS === '1' ? '' : ' or cards') + '.');
  console.log('stories | runs | ours cold | ours warm | our peak RSS MB | Eleventy | its RSS MB | ours cold/Eleventy | Hugo | its RSS MB | ours cold/Hugo | warm + search | add a 10-story digest | % of cold' + (values.stages ? ' | stages (in-process, s)' : ''));
  for (const size of sizes) {
    const corpus = join(work, `c${size}`);
    generate(join(corpus, 'raw'), size / 10, 10, 'raw');
    const n = size >= 100_000 ? 1 : runs;
    const sides = sidesFor(project, corpus, work, size, { baseline: !values['no-baseline'] && size <= 10_000, hugo });
    const cold: Timed[] = [];
    const warm: Timed[] = [];
    const eleventy: Timed[] = [];
    const hugoRuns: Timed[] = [];
    const out = join(work, `out-${size}`);
    for (let i = 0; i < n; i++) {
      cold.push(await sides.ours(out, true));
      if (sides.eleventy) eleventy.push(await sides.eleventy());
      if (sides.hugo) hugoRuns.push(await sides.hugo());
      warm.push(await sides.ours(out, false));
    }
    const search = size <= 10_000 ? await sides.ours(join(work, `out-search-${size}`), false, ['--full']) : FAILED;
    const incremental = size <= 10_000 ? await addedDigest(sides, corpus, work, size, n) : NaN;
    const coldMs = median(cold.map((run) => run.milliseconds));
    const stages = values.stages ? stagesOf(project, corpus, work, size) : undefined;
    const row = [
      size, n, seconds(coldMs), seconds(median(warm.map((run) => run.milliseconds))),
      megabytes(Math.max(...[...cold, ...warm].map((run) => run.maxRssMb))),
      seconds(median(eleventy.map((run) => run.milliseconds))), megabytes(median(eleventy.map((run) => run.maxRssMb))), ratio(pairedRatio(cold, eleventy)),
      seconds(median(hugoRuns.map((run) => run.milliseconds))), megabytes(median(hugoRuns.map((run) => run.maxRssMb))), ratio(pairedRatio(cold, hugoRuns)),
      seconds(search.milliseconds), seconds(incremental), Number.isFinite(incremental) ? `${((incremental / coldMs) * 100).toFixed(1)}%` : '—',
      ...(values.stages ? [stages ? Object.entries(stages).map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ') : '—'] : []),
    ];
    console.log(row.join(' | '));
  }
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

await main();
