/**
 * Which files in the seeds folder are digests, and reading them. Hidden files,
 * editor backups, non-digest and special files (pipes, devices) and links that
 * leave the folder are skipped with a notice (a seed folder is a place editors
 * drop things into).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_SEED_BYTES, tooLarge } from './decode.ts';
import { CORRECTIONS_FILE } from '../records/corrections.ts';
import { DigestError } from '../errors.ts';

export const SEED_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
/** Written by the build next to the seeds; never a digest. */
export const PERMALINKS_FILE = 'permalinks.json';

export interface SeedListing {
  readonly files: readonly string[]; // paths to read, in name order
  readonly notices: readonly string[];
}

export async function listSeeds(seedsDir: string): Promise<SeedListing> {
  const entries = await readdir(seedsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new DigestError(`Unexpected missing seeds folder \`${seedsDir}\`, expected a folder of digest files: create it, or pass --seeds DIR`);
    }
    throw error;
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const root = await realpath(seedsDir);
  const files: string[] = [];
  const notices: string[] = [];
  const isSeedName = (name: string): boolean => SEED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
  const notADigest = (path: string): string => `${path}: skipped, not a digest (expected ${SEED_EXTENSIONS.join(', ')})`;
  for (const entry of entries) {
    const { name } = entry;
    const path = join(seedsDir, name);
    // The registry's temporary (src/records/registry-file.ts) is the build's own, not an editor's file.
    if (name === PERMALINKS_FILE || name === CORRECTIONS_FILE || name.startsWith(`.${PERMALINKS_FILE}.`)) continue;
    if (name.startsWith('.') || name.endsWith('~')) {
      notices.push(`${path}: skipped hidden or backup file`);
      continue;
    }
    // The folder listing already says which entries are regular files: no `lstat`
    // for those, one call fewer per seed on every build.
    if (entry.isFile()) {
      if (isSeedName(name)) files.push(path);
      else notices.push(notADigest(path));
      continue;
    }
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined) {
      notices.push(`${path}: skipped, removed while the seeds were listed`);
      continue;
    }
    if (info.isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      if (target === undefined) {
        notices.push(`${path}: skipped broken link`);
        continue;
      }
      const inside = relative(root, target);
      if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        notices.push(`${path}: skipped link that points outside ${seedsDir}`);
        continue;
      }
    }
    const target = info.isSymbolicLink() ? await stat(path).catch(() => undefined) : info;
    if (target?.isDirectory()) {
      notices.push(`${path}: skipped folder (seeds are read from the top level only)`);
    } else if (!isSeedName(name)) {
      notices.push(notADigest(path));
    } else if (!target?.isFile()) {
      // A FIFO would block the build forever; a socket or device is no digest either.
      notices.push(`${path}: skipped, not a regular file`);
    } else {
      files.push(path);
    }
  }
  // A site of no stories is never what an editor means (a wrong --seeds, files not yet copied): building it would
  // replace the published site, and withdraw every story the registry knows.
  if (files.length === 0) {
    throw new DigestError([`Unexpected seeds folder \`${seedsDir}\` without digests, expected at least one digest file (${SEED_EXTENSIONS.join(', ')}): add one, or pass --seeds DIR`, ...notices].join('\n'));
  }
  return { files, notices };
}

export type ReadSeed = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/**
 * The bytes of one listed seed, or why they cannot be read. Never throws and
 * never blocks: the file is opened non-blocking and checked to be a regular
 * file of at most `MAX_SEED_BYTES` (it may have changed since it was listed).
 * Synchronous, because on a rebuild the seeds are in the page cache, and the
 * thread pool would cost four round trips per file (docs/performance.md, "Seeds").
 */
export function readSeed(path: string): ReadSeed {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, reason: 'Unexpected special file (a folder, pipe or device), expected a digest text file' };
    if (info.size > MAX_SEED_BYTES) return { ok: false, reason: tooLarge(info.size) };
    const bytes = readFileSync(fd);
    return bytes.length > MAX_SEED_BYTES ? { ok: false, reason: tooLarge(bytes.length) } : { ok: true, bytes };
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do: the bytes, or the reason, are what the caller needs
    }
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'a folder' : code === 'ENOENT' ? 'removed while building' : code;
  return `Unexpected unreadable file (${why}), expected a digest the build can read: check the file's permissions`;
}
