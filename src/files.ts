/**
 * File-system moves of the build: atomic file replacement, the staging swap
 * of a full build, and the per-file moves of an incremental one.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

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

/** Every file below `dir`, as paths relative to it. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * Move every file rendered into `staging` to its place in `outDir` (a rename
 * each, so a reader sees the old page or the new one) and delete the outputs
 * no page produces any more.
 */
export async function applyChanges(staging: string, outDir: string, remove: readonly string[]): Promise<void> {
  for (const path of await filesBelow(staging)) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await rename(join(staging, path), join(outDir, path));
  }
  await Promise.all(remove.map((path) => rm(join(outDir, path), { force: true })));
}
