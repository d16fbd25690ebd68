/**
 * File-system moves of the build: atomic file replacement, moving staged files
 * into the output folder one by one, and deleting the build's own files that
 * no page produces any more. The output folder itself is never replaced: it
 * holds files the build did not write, and its mode, owner and any link to it
 * stay as they are.
 */
import { copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { DigestError } from '../errors.ts';

/** Write via a temporary file and a rename: readers see the old or the new file, never half of one. */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

/** Every file below `dir`, as `/`-separated paths relative to it, sorted. */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')).sort();
}

/** Renames that cannot work here: another file system, a busy mount point. */
const CANNOT_RENAME = new Set(['EXDEV', 'EBUSY']);

/**
 * Move `files` (relative paths) from `staging` into `outDir`, each by a rename
 * (a reader sees the old file or the new one), with a `mkdir` only for a
 * folder that is missing. Where
 * a rename is impossible (staging on another file system, the output a mount
 * point) each file is copied beside its place and renamed over it, which is
 * as atomic per file.
 */
export async function moveIn(staging: string, outDir: string, files: readonly string[]): Promise<void> {
  const made = new Set<string>();
  let copy = false;
  for (const path of files) {
    const to = join(outDir, path);
    const from = join(staging, path);
    if (!copy) {
      try {
        await renameInto(from, to, made);
        continue;
      } catch (error) {
        if (!CANNOT_RENAME.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        copy = true;
      }
    }
    const temporary = `${to}.${process.pid}.tmp`;
    await copyFile(from, temporary).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || made.has(dirname(to))) throw error;
      await mkdir(dirname(to), { recursive: true });
      made.add(dirname(to));
      await copyFile(from, temporary);
    });
    await rename(temporary, to);
  }
}

/**
 * A rename, making the target's folder only when it is missing: a rebuild's
 * folders exist, so most files cost one call, not two.
 */
async function renameInto(from: string, to: string, made: Set<string>): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const folder = dirname(to);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || made.has(folder)) throw error;
    await mkdir(folder, { recursive: true });
    made.add(folder);
    await rename(from, to);
  }
}

/**
 * Delete `files` (the build's own, relative to `outDir`) and the folders that
 * leaves empty. A folder holding anything else stays.
 */
export async function removeFiles(outDir: string, files: Iterable<string>): Promise<void> {
  const folders = new Set<string>();
  for (const path of files) {
    await rm(join(outDir, path), { force: true });
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) folders.add(folder);
  }
  // Deepest first, so that a parent is tried once its children are gone.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    await rmdir(join(outDir, folder)).catch(() => {});
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
