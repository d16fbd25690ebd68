/**
 * The output folder as the build may touch it: which `--out` it refuses, which
 * files in it are its own (the ownership manifest), where it stages a build,
 * and the lock that lets one build at a time write it.
 *
 * The build deletes only files it recorded as written by itself: an output
 * folder is often a checkout of a Pages branch (`.git`, `CNAME`) or a folder
 * an editor typed by mistake (`--out .`, `--out seeds`), and a static-site
 * generator that wipes it loses work no build can bring back.
 */
import { link, lstat, mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { hashOf } from '../hash.ts';
import { DigestError } from '../errors.ts';
import { PROJECT_ROOT } from '../project.ts';
import { temporaryBeside } from './files.ts';

/** The list of files the build wrote, inside the output folder (a dot-file: Pagefind and the sitemap skip it). */
export const MANIFEST_FILE = '.news-digest-manifest.json';
/** Kept whatever `keep_files` says: a Pages checkout's own files. */
export const ALWAYS_KEEP: readonly string[] = ['.git', 'CNAME', '.nojekyll'];

export class OutputFolderError extends DigestError {}
export class BuildLockedError extends DigestError {}

export interface OutputFolder {
  /** The folder the build writes: `--out` resolved, through a symbolic link if it is one. */
  readonly dir: string;
  /** Files of the last build (relative, `/`-separated); empty for a new folder or one taken with `--force`. */
  readonly owned: ReadonlySet<string>;
  /** Paths never deleted: `ALWAYS_KEEP` and `keep_files`. */
  readonly keep: readonly string[];
  /** Whether the folder has our manifest: only then can a rebuild be incremental. */
  readonly ours: boolean;
  /** Why the build must not write here (files it did not write, without `--force`), thrown by `assertOurs`. */
  readonly refusal?: OutputFolderError;
}

export interface OpenOptions {
  readonly seedsDir: string;
  readonly force?: boolean;
  /** `keep_files` from data/site.yaml. */
  readonly keep?: readonly string[];
  /** Default `process.cwd()`. */
  readonly cwd?: string;
}

/** `inner` is `outer` or below it. */
const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** A path with every existing part resolved through links, so that `site -> ..` is seen for what it is. */
async function realOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realOf(parent), basename(absolute));
  }
}

const refusal = (out: string, what: string, expected: string, todo: string): OutputFolderError =>
  new OutputFolderError(`${out}: Unexpected --out ${what}, expected ${expected}: ${todo}; nothing was touched`);

const refuse = (out: string, what: string, expected: string, todo: string): never => {
  throw refusal(out, what, expected, todo);
};

/** Whether `path` (relative to the output folder) is on the keep list. */
export function isKept(path: string, keep: readonly string[]): boolean {
  return keep.some((entry) => path === entry || path.startsWith(`${entry}/`));
}

/**
 * Check `outDir` before anything is built, and read what in it is ours.
 * Refused (an `OutputFolderError`, nothing touched): a regular file, `/`, the
 * home folder, the working directory or one of its parents, the seeds folder
 * or anything inside it, a folder holding the seeds or the project. A
 * non-empty folder without our manifest is refused by `assertOurs`, unless
 * `force`.
 */
export async function openOutput(outDir: string, options: OpenOptions): Promise<OutputFolder> {
  const keep = [...ALWAYS_KEEP, ...(options.keep ?? [])];
  const given = resolve(outDir);
  const info = await lstat(given).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    const target = await stat(given).catch(() => undefined);
    if (!target) refuse(given, 'that is a link to nothing', 'a folder or a link to one', 'create the folder it points to or remove the link');
    if (!target!.isDirectory()) refuse(given, 'that is a link to a file', 'a folder or a link to one', 'choose another --out');
  } else if (info && !info.isDirectory()) {
    refuse(given, 'that is a file', 'a folder', 'choose another --out, or move the file away');
  }
  const dir = await realOf(given);
  const seeds = await realOf(options.seedsDir);
  const cwd = await realOf(options.cwd ?? process.cwd());
  const home = await realOf(homedir());
  const project = await realOf(PROJECT_ROOT);
  if (dir === sep || dirname(dir) === dir) refuse(given, 'that is the root folder', 'a folder of its own', 'choose another --out such as site');
  if (dir === home) refuse(given, 'that is the home folder', 'a folder of its own', 'choose another --out such as site');
  if (within(dir, seeds)) refuse(given, 'inside the seeds folder', 'a folder outside it', 'choose another --out such as site');
  if (within(seeds, dir)) refuse(given, 'that holds the seeds folder', 'a folder of its own', 'choose another --out such as site');
  if (within(project, dir)) refuse(given, 'that holds the project', 'a folder of its own', 'choose another --out such as site');
  if (within(cwd, dir)) refuse(given, 'that is the working folder or one of its parents', 'a folder of its own', 'choose another --out such as site');

  const exists = info !== undefined;
  const manifest = exists ? await readManifest(join(dir, MANIFEST_FILE)) : undefined;
  if (manifest && manifest !== 'invalid') return { dir, owned: new Set(manifest.filter((path) => !isKept(path, keep))), keep, ours: true };
  const folder = { dir, owned: new Set<string>(), keep, ours: false };
  if (options.force) return folder;
  if (manifest === 'invalid') {
    return { ...folder, refusal: refusal(given, `whose ${MANIFEST_FILE} is not one news-digest wrote`, 'the list of the last build\'s files', 'pass --force to build into it anyway (files it does not write are kept)') };
  }
  const others = exists ? (await readdir(dir)).filter((name) => !isKept(name, keep)).sort() : [];
  if (others.length === 0) return folder;
  return {
    ...folder,
    refusal: refusal(given, `folder with files news-digest did not write (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}; no ${MANIFEST_FILE})`, 'an empty or new folder, or one it built', 'pass --force to build into it anyway (files it does not write are kept), or choose another --out'),
  };
}

/**
 * Refuse a folder that holds files the build did not write. Called once the
 * seeds are known to be valid: their errors are the editor's first news.
 */
export function assertOurs(output: OutputFolder): void {
  if (output.refusal) throw output.refusal;
}

/** A relative path the manifest may hold: below the folder, never `..` or absolute. */
const safeRelative = (path: unknown): path is string =>
  typeof path === 'string' && path !== '' && !isAbsolute(path) && !/[\\\0]/.test(path) && !EMPTY_OR_DOTS.test(path);
/** A part of a path that is empty, `.` or `..`. One regular expression: a manifest lists 44,000 paths. */
const EMPTY_OR_DOTS = /(?:^|\/)\.{0,2}(?:\/|$)/;

/** The manifest's files; undefined if there is none; 'invalid' if the file is there but not ours. */
async function readManifest(path: string): Promise<readonly string[] | 'invalid' | undefined> {
  let text: string;
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > 64 << 20) return 'invalid';
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'invalid';
  }
  try {
    const parsed = JSON.parse(text) as { generator?: unknown; files?: unknown };
    if (parsed.generator !== 'news-digest' || !Array.isArray(parsed.files) || !parsed.files.every(safeRelative)) return 'invalid';
    return parsed.files;
  } catch {
    return 'invalid';
  }
}

/** The manifest's text: sorted, no absolute path, so that equal sites have equal manifests. */
export function manifestText(files: Iterable<string>): string {
  return `${JSON.stringify({ generator: 'news-digest', files: [...new Set(files)].sort() }, null, 1)}\n`;
}

/** A short key of the output folder, for its staging, lock and saved build in the cache. */
export const outputKey = (dir: string): string => hashOf(dir).slice(0, 16);

const STAGING_BESIDE = (dir: string): string => `.${basename(dir)}.staging-`;

/**
 * A fresh staging folder where a web server will not serve it: in the cache
 * when that is on the output's file system (renames then move files in), else
 * a dot-folder beside the output.
 */
export async function makeStaging(dir: string, cacheDir: string | undefined): Promise<string> {
  if (cacheDir) {
    const root = join(cacheDir, 'staging');
    await mkdir(root, { recursive: true });
    const [cache, out] = await Promise.all([stat(root), statNearest(dir)]);
    if (cache.dev === out.dev) return mkdtemp(join(root, `${outputKey(dir)}-`));
  }
  await mkdir(dirname(dir), { recursive: true });
  return mkdtemp(join(dirname(dir), STAGING_BESIDE(dir)));
}

/** The output folder, or the nearest of its parents that exists: where its files will live (`--out` may name a folder of folders yet to be made). */
async function statNearest(dir: string): Promise<Stats> {
  for (let folder = dir; ; folder = dirname(folder)) {
    const info = await stat(folder).catch(() => undefined);
    if (info || dirname(folder) === folder) return info ?? stat(folder);
  }
}

/** Staging folders of builds into `dir` that were killed (called under the lock: no live build has one). */
export async function removeStaleStaging(dir: string, cacheDir: string | undefined): Promise<string[]> {
  const found: string[] = [];
  const sweep = async (folder: string, prefix: string): Promise<void> => {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) if (name.startsWith(prefix)) found.push(join(folder, name));
  };
  if (cacheDir) await sweep(join(cacheDir, 'staging'), `${outputKey(dir)}-`);
  await sweep(dirname(dir), STAGING_BESIDE(dir));
  await Promise.all(found.map((path) => rm(path, { recursive: true, force: true })));
  return found;
}

interface LockHolder {
  readonly pid: number;
  readonly started: string;
  readonly out: string;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Take the lock of output folder `dir` (as Hugo's `.hugo_build.lock`): a file
 * `<cache>/locks/<key>.lock` holding the pid and start time of the build that
 * writes the folder. Another live build's lock is waited for up to `waitMs`,
 * then refused; a dead build's lock is taken over. Returns the release.
 */
export async function lockOutput(dir: string, cacheDir: string | undefined, waitMs: number): Promise<() => Promise<void>> {
  const folder = join(cacheDir ?? join(tmpdir(), 'news-digest'), 'locks');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${outputKey(dir)}.lock`);
  const mine = JSON.stringify({ pid: process.pid, started: new Date().toISOString(), out: dir } satisfies LockHolder);
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Written aside and linked into place: the lock appears whole or not at all.
    const temporary = temporaryBeside(path);
    await writeFile(temporary, mine);
    try {
      await link(temporary, path);
      await unlink(temporary);
      return async () => {
        // Only our own lock: a build that outlived its wait must not free another's.
        if ((await readFile(path, 'utf8').catch(() => '')) === mine) await rm(path, { force: true });
      };
    } catch (error) {
      await unlink(temporary).catch(() => {});
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    const holder = parseHolder(text);
    if (!holder || !alive(holder.pid)) {
      await takeOver(path, text);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new BuildLockedError(`${dir}: Unexpected build already running into this folder (pid ${holder.pid}, since ${holder.started}), expected one build at a time: wait for it to finish, or remove ${path} if no build is running`);
    }
    await sleep(100);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(holder.pid) && (holder.pid as number) > 0 ? (holder as LockHolder) : undefined;
  } catch {
    return undefined; // not a lock of ours: stale
  }
}

/**
 * Remove a dead build's lock, unless another build took it over first: the
 * lock is moved aside and, if what was moved is not the dead one, put back.
 */
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = temporaryBeside(path);
  try {
    await rename(path, aside);
  } catch {
    return; // gone already
  }
  const moved = await readFile(aside, 'utf8').catch(() => stale);
  if (moved !== stale) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

/** Relative, `/`-separated: the manifest's form of a path below `dir`. */
export const relativePath = (dir: string, path: string): string => relative(dir, path).split(sep).join('/');
