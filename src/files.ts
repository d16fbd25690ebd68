/**
 * File-system moves of the build: atomic file replacement, the staging swap,
 * and the hard-linked copy of the previous site that incremental builds render
 * into. A hard-linked file is never written in place (that would change the
 * published copy too): it is unlinked and replaced.
 */
import { link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Write via a temporary file and a rename: readers see the old or the new file, never half of one. */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** Replace `outDir` by `staging` with two renames, so readers never see half a site. */
export async function swapIn(staging: string, outDir: string): Promise<void> {
  const exists = await stat(outDir).then(() => true, () => false);
  if (!exists) {
    await rename(staging, outDir);
    return;
  }
  const retired = `${staging}.old`;
  await rename(outDir, retired);
  await rename(staging, outDir);
  await rm(retired, { recursive: true, force: true });
}

/** Hard-link every file of `from` that `keep` accepts (by relative path) into `to`. */
export async function linkTree(from: string, to: string, keep: (relativePath: string) => boolean): Promise<number> {
  let linked = 0;
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(from, relative), { withFileTypes: true });
    await mkdir(join(to, relative), { recursive: true });
    await Promise.all(entries.map(async (entry) => {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && keep(path)) {
        await link(join(from, path), join(to, path));
        linked++;
      }
    }));
  };
  await walk('');
  return linked;
}
