/**
 * Compile src/ once into dist/, so that the CLI does not pay tsx's loader (about
 * a second: an esbuild service, every source compiled again) on every start.
 *
 *   node scripts/compile.mjs     (the `prepare` script: run by `npm install`)
 *
 * Each source file becomes one file of dist/ at the same relative place
 * (src/engine/pool.ts → dist/engine/pool.js), with its relative `.ts` imports
 * renamed `.js` and everything else left to Node: paths taken from
 * `import.meta.url` (PROJECT_ROOT is `..` of src/project.ts, and so of
 * dist/project.js; the worker beside pool.ts) stay right, and dynamic imports
 * stay lazy (`check` never loads Eleventy).
 *
 * dist/ is used only while it is current: `dist/manifest.json` records every
 * input (the files of src/, this script, package.json, tsconfig.json) with its
 * size, mtime and content hash, and `currentEntry` compares them at start-up
 * (stat calls only; a file's hash is read only when its stat differs, so a
 * `touch` or a fresh checkout does not force a compile), and every output by
 * size and mtime. Any difference, a file added or removed included, means stale: the CLI compiles again, or runs the
 * sources through tsx when it cannot. Stale code never runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = 'manifest.json';
/** Bumped when the layout of dist/ changes, so an older dist/ counts as stale. */
const FORMAT = 1;
/** A lock older than this belongs to a compile that died: it is taken over. */
const STALE_LOCK_MS = 60_000;

const posix = (path) => path.split(sep).join('/');

/** The inputs of a compile, as paths relative to `root`, sorted. */
function inputsOf(root) {
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix(relative(root, join(entry.parentPath ?? entry.path, entry.name))));
  return [...sources, 'scripts/compile.mjs', 'package.json', 'tsconfig.json'].filter((path) => existsSync(join(root, path))).sort();
}

const hashOf = (root, path) => createHash('sha256').update(readFileSync(join(root, path))).digest('hex');

/** size, mtime and content hash of every input: what dist/manifest.json holds. */
function fingerprint(root) {
  return Object.fromEntries(inputsOf(root).map((path) => {
    const stat = statSync(join(root, path));
    return [path, { size: stat.size, mtimeMs: stat.mtimeMs, hash: hashOf(root, path) }];
  }));
}

/** Whether dist/ was compiled from the sources as they are now. Never throws. */
export function isCurrent(root = ROOT) {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'dist', MANIFEST), 'utf8'));
    if (manifest.format !== FORMAT) return false;
    const recorded = manifest.inputs;
    const inputs = inputsOf(root);
    if (inputs.length !== Object.keys(recorded).length) return false;
    // An output changed or gone since the compile (edited, truncated, deleted) is as stale as an input.
    const outputsIntact = Object.entries(manifest.outputs).every(([path, was]) => {
      const stat = statSync(join(root, 'dist', path));
      return stat.size === was.size && stat.mtimeMs === was.mtimeMs;
    });
    return outputsIntact && inputs.every((path) => {
      const was = recorded[path];
      if (!was) return false;
      const stat = statSync(join(root, path));
      if (stat.size !== was.size) return false;
      return stat.mtimeMs === was.mtimeMs || hashOf(root, path) === was.hash;
    });
  } catch {
    return false;
  }
}

/**
 * Compile src/ into dist/. One compile at a time (a lock folder beside dist/):
 * returns false without compiling when another one holds it. The manifest is
 * removed first and written last, so a dist/ caught half-written is stale.
 */
export async function compile(root = ROOT) {
  const lock = join(root, 'dist.lock');
  try {
    mkdirSync(lock);
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
      rmSync(lock, { recursive: true, force: true });
      mkdirSync(lock);
    } catch {
      return false;
    }
  }
  try {
    // Fingerprinted before compiling: a source edited meanwhile makes the manifest stale, not wrong.
    const inputs = fingerprint(root);
    const { build } = await import('esbuild');
    const staging = join(lock, 'out');
    const entryPoints = Object.keys(inputs).filter((path) => path.startsWith('src/') && /\.(?:ts|js|mjs)$/.test(path) && !path.endsWith('.d.ts'));
    const result = await build({
      absWorkingDir: root,
      entryPoints,
      outdir: staging,
      outbase: 'src',
      // Bundling only to rewrite imports: every import stays external, so each file is compiled on its own.
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.js' },
      logLevel: 'silent',
      plugins: [{
        name: 'external',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => args.kind === 'entry-point'
            ? undefined
            : { path: /^\.\.?\//.test(args.path) ? args.path.replace(/\.ts$/, '.js') : args.path, external: true });
        },
      }],
      metafile: true,
    });
    const dist = join(root, 'dist');
    mkdirSync(dist, { recursive: true });
    rmSync(join(dist, MANIFEST), { force: true });
    const outputs = {};
    for (const output of Object.keys(result.metafile.outputs)) {
      const path = posix(relative(staging, join(root, output)));
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      renameSync(join(root, output), join(dist, path));
      const stat = statSync(join(dist, path));
      outputs[path] = { size: stat.size, mtimeMs: stat.mtimeMs };
    }
    // Files of sources since removed.
    for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
      const path = posix(relative(dist, join(entry.parentPath ?? entry.path, entry.name)));
      if (entry.isFile() && !(path in outputs)) rmSync(join(dist, path), { force: true });
    }
    writeFileSync(join(lock, MANIFEST), `${JSON.stringify({ format: FORMAT, inputs, outputs }, null, 1)}\n`);
    renameSync(join(lock, MANIFEST), join(dist, MANIFEST));
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The URL of dist/cli.js when it may run: current, or compiled now. undefined
 * when the sources must run through tsx instead (NEWS_DIGEST_SOURCES=1, no
 * esbuild, a compile error, another process compiling).
 */
export async function currentEntry(root = ROOT) {
  if (process.env.NEWS_DIGEST_SOURCES === '1') return undefined;
  const entry = pathToFileURL(join(root, 'dist', 'cli.js')).href;
  if (isCurrent(root)) return entry;
  try {
    return (await compile(root)) ? entry : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    if (!(await compile())) throw new Error('another compile holds dist.lock');
    console.log(`news-digest: compiled src/ into dist/ in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } catch (error) {
    // Not fatal for `npm install`: the CLI runs the sources through tsx without dist/.
    console.warn(`news-digest: could not compile src/ into dist/ (${error instanceof Error ? error.message.split('\n')[0] : error}); the CLI will run the sources through tsx`);
  }
}
