/**
 * File-system moves of the build: atomic file replacement, moving staged files
 * and folders into the output folder, and deleting the build's own files that
 * no page produces any more. The output folder itself is never replaced: it
 * holds files the build did not write, and its mode, owner and any link to it
 * stay as they are.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, type Dirent } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DigestError } from '../errors.ts';

let temporaries = 0;

/**
 * A temporary file's name beside `path`, for writing it aside and renaming it
 * into place. Numbered: two writes of one file at once in this process (two
 * stories' shared card) must not share one.
 */
export function temporaryBeside(path: string): string {
  return `${path}.${process.pid}.${++temporaries}.tmp`;
}

/** Write via a temporary file and a rename: readers see the old or the new file, never half of one. */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryBeside(path);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * Every file below `dir`, as `/`-separated paths relative to it, sorted.
 * Synchronous, folder by folder, much faster than Node's recursive `readdir`
 * for the tens of thousands of files a build stages (docs/performance.md, "Output").
 */
export function filesBelow(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.push(prefix + entry.name);
    }
  };
  walk(dir, '');
  return files.sort();
}

/** Renames that cannot work here: another file system, a busy mount point. */
const CANNOT_RENAME = new Set(['EXDEV', 'EBUSY']);

/**
 * Move everything below `staging` into `outDir` (but the top-level names in
 * `skip`). A folder the output does not have yet moves whole, in one rename
 * (it appears complete or not at all), so a build into a new folder costs a
 * handful of calls; into a folder that exists, each file moves by a rename (a
 * reader sees the old file or the new one). Where a rename is impossible
 * (staging on another file system, the output a mount point) each file is
 * copied beside its place and renamed over it, which is as atomic per file.
 * Synchronous: nothing else runs meanwhile, and the promise API costs several
 * times as much a rename (docs/performance.md, "Output").
 */
export function moveIn(staging: string, outDir: string, skip: ReadonlySet<string> = new Set()): void {
  const state = { copy: false };
  for (const entry of readdirSync(staging, { withFileTypes: true })) {
    if (!skip.has(entry.name)) moveEntry(entry, staging, outDir, state);
  }
}

function moveEntry(entry: Dirent, from: string, to: string, state: { copy: boolean }): void {
  const source = join(from, entry.name);
  const target = join(to, entry.name);
  if (entry.isDirectory()) {
    // statSync, not lstat: a link to a folder in the output is written through, as the output itself is.
    const there = statSync(target, { throwIfNoEntry: false });
    if (!there && !state.copy && renamed(source, target, state)) return;
    // A file where a folder must go fails here, as EEXIST.
    if (!there?.isDirectory()) mkdirSync(target);
    for (const inner of readdirSync(source, { withFileTypes: true })) moveEntry(inner, source, target, state);
    return;
  }
  if (!state.copy && renamed(source, target, state)) return;
  const temporary = temporaryBeside(target);
  copyFileSync(source, temporary);
  renameSync(temporary, target);
}

/** A rename; false when renames cannot work here, from then on (`state.copy`). */
function renamed(from: string, to: string, state: { copy: boolean }): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (error) {
    if (!CANNOT_RENAME.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    state.copy = true;
    return false;
  }
}

/**
 * Delete `files` (the build's own, relative to `outDir`) and the folders that
 * leaves empty. A folder holding anything else stays.
 */
export function removeFiles(outDir: string, files: Iterable<string>): void {
  const folders = new Set<string>();
  for (const path of files) {
    rmSync(join(outDir, path), { force: true });
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) folders.add(folder);
  }
  // Deepest first, so that a parent is tried once its children are gone.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      // Not empty (it holds files the build did not write) or already gone.
    }
  }
}

/** A failure of the disk or the folders around the build, not of its input. */
export class SurroundingsError extends DigestError {}

/** Error codes of the surroundings (disk, permissions), with what the editor can do about each. */
const ADVICE: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full: free some space and build again',
  EDQUOT: 'the disk quota is used up: free some space and build again',
  EACCES: 'permission denied: make it writable for this user, or choose another folder',
  EPERM: 'operation not permitted: make it writable for this user, or choose another folder',
  EROFS: 'the file system is read-only: choose a writable folder',
  ENOTDIR: 'a part of the path is a file: move it away, or choose another folder',
  EISDIR: 'a folder stands where a file must go: move it away, or choose another folder',
  EEXIST: 'a file stands where a folder must go: move it away, or choose another folder',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and build again',
  EIO: 'the disk reported an input/output error: check it and build again',
  ENAMETOOLONG: 'the path is too long: choose a shorter folder',
  ELOOP: 'too many symbolic links in the path: choose another folder',
  EBUSY: 'the file is busy: stop the program holding it and build again',
};

/**
 * A file-system failure (a full disk, a read-only or unwritable folder) as a
 * `DigestError` naming the path and what to do; undefined for anything else,
 * which stays a bug.
 */
export function surroundingsError(error: unknown, where: string, touched = false): SurroundingsError | undefined {
  if (error instanceof DigestError || !(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const advice = code === undefined ? undefined : ADVICE[code];
  if (!advice) return undefined;
  return new SurroundingsError(`${path ?? where}: Unexpected ${code}, expected a writable folder with free space: ${advice}; ${touched ? 'the site may be partly updated: build again to complete it' : 'the previous site is unchanged'}`, { cause: error });
}
