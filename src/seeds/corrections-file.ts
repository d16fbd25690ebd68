/**
 * Reading `seeds/corrections.yaml` (src/records/corrections.ts reads what it
 * says): a file of the seeds folder, so untrusted like a digest.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import type { VFile } from 'vfile';
import { seedError } from '../errors.ts';
import { MAX_CORRECTIONS_BYTES } from '../records/corrections.ts';
import { decodeText } from './decode.ts';

/**
 * The corrections file of a seeds folder: its text, or `undefined` when there
 * is none. Only a regular file (or a link to one inside the seeds folder, as
 * for the permalink registry: a seed never reads the build machine's other
 * files) under the size cap is read, so a FIFO or `/dev/zero` cannot hang the
 * build; its bytes are decoded as a digest's are. Any other state is a
 * positioned error in `file`.
 */
export async function readCorrectionsFile(file: VFile): Promise<string | undefined> {
  const unreadable = (error: NodeJS.ErrnoException): undefined => {
    seedError(file, `Unexpected unreadable corrections file (${error.code ?? error.message}), expected a readable YAML file: fix its permissions or remove it`, { line: 1 }, 'corrections-file');
    return undefined;
  };
  const link = await lstat(file.path).catch((error: NodeJS.ErrnoException) => error);
  if (link instanceof Error) return link.code === 'ENOENT' ? undefined : unreadable(link);
  if (link.isSymbolicLink()) {
    const [root, target] = await Promise.all([realpath(dirname(file.path)), realpath(file.path)]).catch(() => [undefined, undefined]);
    if (root === undefined || target === undefined) {
      seedError(file, 'Unexpected broken link, expected the corrections file itself: replace the link by the file, or remove it', { line: 1 }, 'corrections-file');
      return undefined;
    }
    const rel = relative(root, target);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      seedError(file, 'Unexpected link to a file outside the seeds folder, expected the corrections file itself: copy the file into the seeds folder', { line: 1 }, 'corrections-file');
      return undefined;
    }
  }
  const info = await stat(file.path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return unreadable(info);
  if (!info.isFile()) {
    seedError(file, 'Unexpected special file or folder, expected a regular YAML file of corrections', { line: 1 }, 'corrections-file');
    return undefined;
  }
  if (info.size > MAX_CORRECTIONS_BYTES) {
    seedError(file, `Unexpected corrections file of ${info.size} bytes, expected at most ${MAX_CORRECTIONS_BYTES}`, { line: 1 }, 'corrections-file');
    return undefined;
  }
  const bytes = await readFile(file.path).catch(unreadable);
  if (bytes === undefined) return undefined;
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text;
  seedError(file, decoded.reason, { line: decoded.line }, 'corrections-file');
  return undefined;
}
