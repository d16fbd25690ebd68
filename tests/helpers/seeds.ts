/** Shared test helpers: parse a seed file the way the build does. */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { formatMessages } from '../../src/errors.ts';
import { markdown } from '../../src/seeds/markdown.ts';
import { parseSeed } from '../../src/seeds/parse.ts';
import type { ParsedDigest } from '../../src/types.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixture = (...parts: string[]): string => join(ROOT, 'tests', 'fixtures', ...parts);

export function parseText(text: string | Uint8Array, name = '2024-05-test.txt'): { digest: ParsedDigest | undefined; messages: string[] } {
  const file = new VFile({ path: `seeds/${name}`, value: typeof text === 'string' ? Buffer.from(text) : text });
  const digest = parseSeed(file, name, markdown);
  return { digest, messages: formatMessages([file]).lines };
}

export function parsePath(path: string): { digest: ParsedDigest | undefined; messages: string[] } {
  return parseText(readFileSync(path), basename(path));
}
