/**
 * A card → PNG bytes: SVG built here (src/cards/svg.ts), rasterised by resvg
 * (a Rust binary shipped in the npm package; no install script) on libuv's
 * thread pool, so two cards render at once on two cores without a worker
 * thread, and encoded by src/cards/png.ts.
 */
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { readdirSync, readFileSync } from 'node:fs';
import { hashOf } from '../hash.ts';
import { PROJECT_ROOT } from '../project.ts';
import { join } from 'node:path';
import { cardFonts, FACE_FILES, type Fonts } from './fonts.ts';
import { encodePng } from './png.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg } from './svg.ts';
import type { CardSpec } from '../site/card-types.ts';

export interface RenderedCard {
  readonly png: Buffer;
  /** Characters no face has: they show as boxes. */
  readonly missing: readonly string[];
}

export async function renderCard(spec: CardSpec, fonts: Fonts = cardFonts()): Promise<RenderedCard> {
  const { svg, missing } = cardSvg(spec, fonts);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'original' },
    // The text is outlines already: no font to load.
    font: { loadSystemFonts: false },
    shapeRendering: 2,
    logLevel: 'off',
  });
  if (image.width !== CARD_WIDTH || image.height !== CARD_HEIGHT) throw new RangeError(`Expected a ${CARD_WIDTH}×${CARD_HEIGHT} card, resvg drew ${image.width}×${image.height}`);
  return { png: encodePng(image.pixels, image.width, image.height), missing };
}

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
