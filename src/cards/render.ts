/**
 * A card → PNG bytes: SVG built here (src/cards/svg.ts), rasterised by resvg
 * (a Rust binary shipped in the npm package; no install script) on libuv's
 * thread pool, so two cards render at once on two cores without a worker
 * thread, and encoded by src/cards/png.ts.
 */
import { renderAsync } from '@resvg/resvg-js';
import { cardFonts, type Fonts } from './fonts.ts';
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
