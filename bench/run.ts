/**
 * `npm run bench`: build synthetic corpora (../shared/bench/gen-corpus.mjs) of
 * 1,000, 10,000 and 100,000 stories and print, per stage, the median wall time
 * of several runs and the peak RSS; beside it the same stories built by a plain
 * Eleventy 3 site in the style of eleventy-base-blog (bench/baseline), and an
 * incremental rebuild after adding one 10-story digest.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--runs 3] [--no-baseline] [--keep] [--work DIR]
 *
 * Everything is written below `--work`: by default a folder in /dev/shm (tmpfs)
 * when there is one. On this project's VM, disk writes made the same build vary
 * by ±50 % from run to run (11 to 23 s of render at 10,000 stories, depending
 * on what the disk was still flushing), which swamped every comparison; in
 * memory, both our build and the baseline write the same files without that
 * noise. `--work /tmp` measures on disk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR = [join(ROOT, '..', 'shared', 'bench', 'gen-corpus.mjs'), join(ROOT, 'bench', 'gen-corpus.mjs')].find(existsSync);

interface Measured {
  milliseconds: number;
  maxRssMb: number;
  stages?: Record<string, number>;
  pages?: number;
  search?: { bytes: number; files: number; milliseconds: number };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function generate(dir: string, digests: number, perDigest: number, format: 'raw' | 'md', seed = '1'): void {
  if (!GENERATOR) throw new Error('gen-corpus.mjs not found (expected ../shared/bench/gen-corpus.mjs)');
  execFileSync(process.execPath, [GENERATOR, '--digests', String(digests), '--stories-per-digest', String(perDigest), '--out', dir, '--format', format, '--seed', seed], { stdio: 'ignore' });
}

/** The Node flags the CLI runs with (its shebang line), so the bench measures the same configuration. */
const CLI_FLAGS = readFileSync(join(ROOT, 'bin', 'news-digest.js'), 'utf8').split('\n')[0]!.split(/\s+/).filter((word) => word.startsWith('--'));

function ourBuild(seeds: string, out: string, search: boolean, cache: string): Measured {
  const result = spawnSync(process.execPath, [...CLI_FLAGS, '--import', 'tsx', join(ROOT, 'bench', 'child-build.ts'), seeds, out, search ? 'search' : 'no-search', cache], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Measured;
}

function baselineBuild(mdDir: string, work: string): Measured {
  rmSync(work, { recursive: true, force: true });
  cpSync(join(ROOT, 'bench', 'baseline'), work, { recursive: true });
  for (const name of readdirSync(mdDir)) symlinkSync(join(mdDir, name), join(work, 'content', 'blog', name));
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
  const result = spawnSync(process.execPath, [join(ROOT, 'bench', 'baseline-build.mjs')], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) return { milliseconds: NaN, maxRssMb: NaN };
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Measured;
}

const seconds = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      runs: { type: 'string', default: '3' },
      'no-baseline': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      work: { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm' : tmpdir() },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const work = mkdtempSync(join(values.work, 'nd-bench-'));
  console.log(`news-digest bench — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, writing below ${values.work}`);
  console.log('stories | runs | load+parse s | tag s | render s | search s | full build s (no search) | peak RSS MB | baseline Eleventy s | ratio | baseline RSS MB | add 10-story digest s | % of full');
  for (const size of sizes) {
    const digests = size / 10;
    const corpus = join(work, `c${size}`);
    generate(join(corpus, 'raw'), digests, 10, 'raw');
    const n = size >= 100_000 ? 1 : runs;
    const full: Measured[] = [];
    const withSearch: Measured[] = [];
    for (let i = 0; i < n; i++) {
      const cache = join(work, `cache-${size}-${i}`);
      full.push(ourBuild(join(corpus, 'raw'), join(work, `out-${size}`), false, cache));
      rmSync(cache, { recursive: true, force: true });
    }
    if (size <= 10_000) withSearch.push(ourBuild(join(corpus, 'raw'), join(work, `out-search-${size}`), true, join(work, `cache-s-${size}`)));
    // Incremental: a warm build, then one more 10-story digest; `n` times (the
    // digest removed again, and that rebuild not counted), median reported.
    const cache = join(work, `cache-inc-${size}`);
    let incremental = NaN;
    if (size <= 10_000) {
      const out = join(work, `out-inc-${size}`);
      ourBuild(join(corpus, 'raw'), out, false, cache);
      const extra = join(work, `extra-${size}`);
      generate(extra, 1, 10, 'raw', 'extra');
      const [name] = readdirSync(extra);
      const added = join(corpus, 'raw', `zz-added-${name}`);
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        cpSync(join(extra, name!), added);
        times.push(ourBuild(join(corpus, 'raw'), out, false, cache).milliseconds);
        rmSync(added);
        ourBuild(join(corpus, 'raw'), out, false, cache);
      }
      incremental = median(times);
    }
    let baseline: Measured = { milliseconds: NaN, maxRssMb: NaN };
    if (!values['no-baseline'] && size <= 10_000) {
      generate(join(corpus, 'md'), digests, 10, 'md');
      const times: number[] = [];
      let rss = NaN;
      for (let i = 0; i < n; i++) {
        const measured = baselineBuild(join(corpus, 'md'), join(work, `baseline-${size}`));
        times.push(measured.milliseconds);
        rss = measured.maxRssMb;
      }
      baseline = { milliseconds: median(times), maxRssMb: rss };
    }
    const stage = (name: string): string => seconds(median(full.map((m) => m.stages?.[name] ?? NaN)));
    const fullMs = median(full.map((m) => m.milliseconds));
    const row = [
      size, n, stage('load'), stage('tag'), stage('render'),
      withSearch[0]?.search ? `${seconds(withSearch[0].search.milliseconds)} (${(withSearch[0].search.bytes / 2 ** 20).toFixed(1)} MiB)` : '—',
      seconds(fullMs), Math.max(...full.map((m) => m.maxRssMb)).toFixed(0),
      seconds(baseline.milliseconds), Number.isFinite(baseline.milliseconds) ? (fullMs / baseline.milliseconds).toFixed(2) : '—',
      Number.isFinite(baseline.maxRssMb) ? baseline.maxRssMb.toFixed(0) : '—',
      seconds(incremental), Number.isFinite(incremental) ? `${((incremental / fullMs) * 100).toFixed(1)}%` : '—',
    ];
    console.log(row.join(' | '));
  }
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

await main();
