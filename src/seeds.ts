/**
 * Which files in the seeds folder are digests. Hidden files, editor backups,
 * non-digest files and links that leave the folder are skipped with a notice
 * (a seed folder is a place editors drop things into).
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DigestError } from './messages.ts';

export const SEED_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
/** Written by the build next to the seeds; never a digest. */
export const PERMALINKS_FILE = 'permalinks.json';

export interface SeedListing {
  readonly files: readonly string[]; // paths to read, in name order
  readonly notices: readonly string[];
}

export async function listSeeds(seedsDir: string): Promise<SeedListing> {
  const names = await readdir(seedsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new DigestError(`Unexpected missing seeds folder \`${seedsDir}\`, expected a folder of digest files: create it, or pass --seeds DIR`);
    }
    throw error;
  });
  names.sort();
  const root = await realpath(seedsDir);
  const files: string[] = [];
  const notices: string[] = [];
  for (const name of names) {
    const path = join(seedsDir, name);
    if (name === PERMALINKS_FILE) continue;
    if (name.startsWith('.') || name.endsWith('~')) {
      notices.push(`${path}: skipped hidden or backup file`);
      continue;
    }
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      if (target === undefined || relative(root, target).startsWith(`..${sep}`) || relative(root, target) === '..') {
        notices.push(`${path}: skipped link that points outside ${seedsDir}`);
        continue;
      }
    }
    const target = info.isSymbolicLink() ? await stat(path) : info;
    if (target.isDirectory()) {
      notices.push(`${path}: skipped folder (seeds are read from the top level only)`);
    } else if (!SEED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))) {
      notices.push(`${path}: skipped, not a digest (expected ${SEED_EXTENSIONS.join(', ')})`);
    } else {
      files.push(path);
    }
  }
  return { files, notices };
}
