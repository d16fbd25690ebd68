/** Where the project's own files live, and the version of the code that reads seeds. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { versionOf } from './cache.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'news-digest');

/** The version of everything that shapes parse results: code, lock file, data files. */
export async function codeVersion(dataDir: string): Promise<string> {
  return versionOf([join(PROJECT_ROOT, 'src'), join(PROJECT_ROOT, 'package-lock.json'), dataDir]);
}
