/** A scratch copy of the real seeds with places for a cache and a site, as build tests need. */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.ts';
import { ROOT } from './seeds.ts';

export interface Workspace {
  readonly work: string;
  readonly seeds: string;
  readonly cache: string;
  readonly out: string;
}

/** `seeds/` copied into a new temporary folder; without its permalink registry unless `registry`. */
export function seedWorkspace(options: { readonly registry?: boolean } = {}): Workspace {
  const work = tempDir();
  const seeds = join(work, 'seeds');
  cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
  if (options.registry === false) rmSync(join(seeds, 'permalinks.json'), { force: true });
  return { work, seeds, cache: join(work, 'cache'), out: join(work, 'site') };
}
