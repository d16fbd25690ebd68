/**
 * Where the synthetic-corpus generator is, for every bench and large-corpus script: the one
 * named by `GEN_CORPUS`, else the shared bench folder beside the project, else `bench/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The path of gen-corpus.mjs, or undefined when none is found. */
export function findGenerator(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [env['GEN_CORPUS'], join(ROOT, '..', 'shared', 'bench', 'gen-corpus.mjs'), join(ROOT, 'bench', 'gen-corpus.mjs')].find((path): path is string => !!path && existsSync(path));
}

/** What to tell the user when `findGenerator` finds nothing. */
export const GENERATOR_MISSING = 'gen-corpus.mjs not found (looked in ../shared/bench/ and bench/); set GEN_CORPUS=/path/to/gen-corpus.mjs';
