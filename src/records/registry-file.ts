/**
 * Reading and writing the permalink registry file, `seeds/permalinks.json`.
 *
 * The registry is the only record of every URL the site ever published, so it
 * is handled more carefully than a seed: a seed that cannot be read costs one
 * digest, a registry read as "none" and then overwritten costs every redirect
 * and withdrawn page. So only a missing file means "no registry yet"; any other
 * state that is not a readable regular file inside the seeds folder is an
 * error, and the build stops before it could overwrite anything.
 */
import { constants } from 'node:fs';
import { chmod, lstat, open, readdir, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { DigestError, escapeControl } from '../errors.ts';

/** 40,000 entries are about 12 MB; anything past this is not a registry the build wrote. */
export const MAX_REGISTRY_BYTES = 64 * 1024 * 1024;

export interface RegistryFile {
  /** The file's text; `undefined` when there is no registry yet. */
  readonly text: string | undefined;
  /** Where to write the next registry: the file itself, or what its link inside the seeds folder points at. */
  readonly target: string;
  /** Permission bits to keep when the file is replaced. */
  readonly mode?: number;
}

const refuse = (path: string, what: string, todo: string): never => {
  throw new DigestError(escapeControl(`${path}: error: Unexpected ${what}, expected the permalink registry file the build writes: ${todo}`));
};

const RESTORE = 'restore it from version control (git checkout -- permalinks.json) or move it away to start a new registry (which forgets every redirect and withdrawn page it kept)';

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

const kindOf = (info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string =>
  info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'a special file';

/**
 * Read the registry at `path` (inside `seedsDir`). Never follows a link out of
 * the seeds folder, never opens anything but a regular file (a FIFO would
 * block the build forever, `/dev/zero` would never end), never reads more than
 * `MAX_REGISTRY_BYTES`.
 */
export async function readRegistryFile(path: string, seedsDir: string): Promise<RegistryFile> {
  const failed = (error: NodeJS.ErrnoException): never => {
    if (error instanceof DigestError) throw error;
    const why = error.code === 'EACCES' || error.code === 'EPERM' ? 'an unreadable file (permission denied)' : `an unreadable file (${error.code ?? error.message})`;
    return refuse(path, why, `make it readable by the user running the build (chmod u+r), or ${RESTORE}`);
  };
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : failed(error)));
  if (info === undefined) return { text: undefined, target: path };
  let target = path;
  if (info.isSymbolicLink()) {
    const [root, resolved] = await Promise.all([realpath(seedsDir), realpath(path)]).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ELOOP' ? refuse(path, 'a broken link', RESTORE) : failed(error));
    if (!inside(root, resolved)) return refuse(path, `a link to ${resolved}, outside the seeds folder`, `replace the link by the registry file itself, or ${RESTORE}`);
    target = resolved;
  }
  const seen = target === path ? info : await lstat(target).catch(failed);
  if (!seen.isFile()) return refuse(path, kindOf(seen), RESTORE);
  if (seen.size > MAX_REGISTRY_BYTES) return refuse(path, `a file of ${seen.size} bytes`, `at most ${MAX_REGISTRY_BYTES} bytes; ${RESTORE}`);
  // O_NONBLOCK and O_NOFOLLOW: if the file was swapped for a pipe or a link
  // since the lstat, opening it neither blocks nor follows; fstat then says so.
  const handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(failed);
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== seen.ino || opened.dev !== seen.dev) return refuse(path, 'a file that changed while it was opened', 'run the build again');
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_REGISTRY_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length).catch(failed);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > opened.size || length > MAX_REGISTRY_BYTES) return refuse(path, 'a file that grew while it was read', 'run the build again');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      return refuse(path, 'bytes that are not UTF-8', RESTORE);
    }
    return { text: text.replace(/^\uFEFF/, ''), target, mode: opened.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}

export interface StagedRegistry {
  /** Put the staged registry in place of the old one. */
  readonly commit: () => Promise<void>;
  /** Forget it: the build stopped before its pages were published. */
  readonly discard: () => Promise<void>;
}

const TEMPORARY = (target: string): RegExp => new RegExp(`^\\.${basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[a-z0-9]+\\.tmp$`);

/**
 * Write the next registry, if its text changed, beside the old one: into a
 * hidden temporary file in the same folder (skipped by the seed listing,
 * created exclusively so that no planted link is followed), flushed; `commit`
 * renames it over the old one, so a reader or a killed build sees the old
 * registry or the new one, never half. Staged before the build publishes a
 * page: a seeds folder that cannot take the registry stops the build while the
 * site is still the old one, rather than after it published URLs no registry
 * keeps. Temporaries of builds that died are removed first.
 */
export async function stageRegistryFile(file: RegistryFile, text: string): Promise<StagedRegistry | undefined> {
  if (file.text === text) return undefined;
  const folder = dirname(file.target);
  const pattern = TEMPORARY(file.target);
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) await rm(join(folder, name), { force: true });
  }
  const temporary = join(folder, `.${basename(file.target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (file.mode !== undefined) await chmod(temporary, file.mode);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return {
    commit: async () => {
      try {
        await rename(temporary, file.target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    discard: () => rm(temporary, { force: true }),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Write the registry if its text changed (staged, then committed); whether it did. */
export async function writeRegistryFile(file: RegistryFile, text: string): Promise<boolean> {
  const staged = await stageRegistryFile(file, text);
  await staged?.commit();
  return staged !== undefined;
}
