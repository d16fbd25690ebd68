/**
 * The card renderer's version, part of every cached card's key. Apart from the renderer
 * (resvg, fontkit), so that a build whose cards all come from the cache loads neither.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf } from '../hash.ts';
import { PROJECT_ROOT } from '../project.ts';
import { FACE_FILES } from './faces.ts';

let version: string | undefined;

/**
 * Everything besides its text that a card's pixels depend on: this folder's
 * code, the font files' packages and the versions of resvg and zlib.
 */
export function cardRendererVersion(): string {
  if (version) return version;
  const require = createRequire(import.meta.url);
  const packages = [...new Set(FACE_FILES.flat().map((face) => face.package)), '@resvg/resvg-js', 'fontkit'];
  const versions = packages.map((name) => {
    try {
      return `${name}@${(require(join(PROJECT_ROOT, 'node_modules', name, 'package.json')) as { version: string }).version}`;
    } catch {
      return `${name}@missing`;
    }
  });
  // Font files by package and name, not by path: a checkout elsewhere keeps its cache.
  const files = FACE_FILES.flat().map((face) => `${face.package}/${face.file}`).join('\n');
  const folder = join(PROJECT_ROOT, 'src', 'cards');
  const code = readdirSync(folder).sort().map((name) => hashOf(name, readFileSync(join(folder, name))));
  version = hashOf(code.join(' '), versions.join(' '), files, process.versions.zlib ?? '');
  return version;
}
