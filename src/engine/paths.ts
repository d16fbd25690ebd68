/** Where the build's cache lives, and the version of the code that reads seeds. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project.ts';
import { versionOf } from './cache.ts';

export const DEFAULT_CACHE = join(PROJECT_ROOT, 'node_modules', '.cache', 'news-digest');

/** The version of everything that shapes parse results: code, lock file, data files. */
export async function codeVersion(dataDir: string): Promise<string> {
  return versionOf([join(PROJECT_ROOT, 'src'), join(PROJECT_ROOT, 'package-lock.json'), dataDir]);
}
