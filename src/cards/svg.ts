/**
 * A card's layout → SVG. Text is drawn as the glyph outlines of the faces it
 * was measured and shaped with (fontkit), so what wraps is exactly what shows
 * and resvg loads no font (its own text layout cost four times as much:
 * docs/performance.md, "Cards"). The text itself appears only in `<desc>`, escaped
 * (`&`, `<`, `>`, quotes): nothing in a headline is markup.
 */
import type { Fonts } from './fonts.ts';
import { layoutText, missingCharacters, widthOf, type Line, type Run } from './layout.ts';
import { CARD_HEIGHT, CARD_WIDTH, type CardSpec } from '../site/card-types.ts';

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /\p{L}/u;

/** A run's direction from its letters: undefined when it has none (spaces, digits, emoji). */
function direction(text: string): boolean | undefined {
  for (const char of text) if (STRONG.test(char)) return STRONG_RTL.test(char);
  return undefined;
}

export { CARD_HEIGHT, CARD_WIDTH };

const PAD = 72;
const TEXT_WIDTH = CARD_WIDTH - 2 * PAD;
// High contrast at thumbnail size: white on deep navy is 15.9:1; the amber label 9.6:1, the grey details 11.5:1.
const COLOURS = { background: '#0f2340', band: '#0a1628', accent: '#f5b94a', title: '#ffffff', details: '#d3dce8', footer: '#ffffff', host: '#b4c2d4' };

export interface CardSvg {
  readonly svg: string;
  /** Characters no face has (shown as boxes): none for any script the faces cover. */
  readonly missing: readonly string[];
}

const outlines = new Map<string, string>();

/** A run's glyphs as paths from `x` (its left edge) on the baseline; fontkit gives a right-to-left run's glyphs in visual order. */
function drawRun(run: Run, x: number, baseline: number, size: number, colour: string): string {
  const face = run.face;
  if (!face) {
    // No face has these: boxes, as a browser shows them (and as `missing` reports them).
    return [...run.text].map((char, index) => (char.trim() === '' ? '' : `<rect x="${(x + index * size * 0.6 + size * 0.08).toFixed(1)}" y="${(baseline - size * 0.7).toFixed(1)}" width="${(size * 0.44).toFixed(1)}" height="${(size * 0.7).toFixed(1)}" fill="none" stroke="${colour}" stroke-width="2"/>`)).join('');
  }
  const { font } = face;
  const layout = font.layout(run.text);
  const scale = size / font.unitsPerEm;
  let pen = x;
  let out = '';
  layout.glyphs.forEach((glyph, index) => {
    const position = layout.positions[index]!;
    const key = `${face.path}#${glyph.id}`;
    let outline = outlines.get(key);
    if (outline === undefined) {
      if (outlines.size > 20_000) outlines.clear();
      outlines.set(key, (outline = glyph.path.toSVG()));
    }
    if (outline !== '') out += `<path transform="matrix(${scale.toFixed(6)} 0 0 ${(-scale).toFixed(6)} ${(pen + position.xOffset * scale).toFixed(2)} ${(baseline - position.yOffset * scale).toFixed(2)})" d="${outline}"/>`;
    pen += position.xAdvance * scale;
  });
  return out;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[char as '&']};`);
}

interface Block {
  readonly lines: readonly Line[];
  readonly size: number;
  readonly lineHeight: number;
  readonly colour: string;
  readonly bold: boolean;
}

/** Title sizes: a story's headline, a tag's or the site's name. */
const TITLE = { story: { size: 62, lineHeight: 76, maxLines: 4 }, name: { size: 92, lineHeight: 104, maxLines: 2 } } as const;

/** A line's runs left to right, each with its width and direction: a simplified bidi at the level of runs. */
function visualOrder(line: Line): { run: Run; width: number; rtl: boolean }[] {
  const size = line.size;
  const runs = line.runs.map((run) => ({ run, width: widthOf([run], size), rtl: direction(run.text) }));
  // Neutral runs (spaces, digits, emoji) take their neighbours' direction when both agree, else the line's.
  const resolved = runs.map((run, i) => {
    if (run.rtl !== undefined) return { ...run, rtl: run.rtl };
    const before = runs.slice(0, i).reverse().find((r) => r.rtl !== undefined)?.rtl;
    const after = runs.slice(i + 1).find((r) => r.rtl !== undefined)?.rtl;
    return { ...run, rtl: before !== undefined && before === after ? before : line.rtl };
  });
  // Runs of the other direction than the line's read backwards, each run itself shaped in its own direction by fontkit.
  const order: (typeof resolved)[] = [];
  for (const run of resolved) {
    const group = order.at(-1);
    if (group && group[0]!.rtl === run.rtl) group.push(run);
    else order.push([run]);
  }
  const groups = line.rtl ? order.reverse() : order;
  return groups.flatMap((group) => (group[0]!.rtl ? [...group].reverse() : group));
}

export function cardSvg(spec: CardSpec, fonts: Fonts): CardSvg {
  const title = TITLE[spec.titleStyle];
  const box = (bold: boolean, size: number, maxLines: number, maxWidth = TEXT_WIDTH) => ({ faces: bold ? fonts.bold : fonts.regular, size, maxWidth, maxLines });
  const eyebrow: Block = { lines: layoutText(spec.eyebrow, box(true, 34, 1)), size: 34, lineHeight: 44, colour: COLOURS.accent, bold: true };
  const heading: Block = { lines: layoutText(spec.title, box(true, title.size, title.maxLines)), size: title.size, lineHeight: title.lineHeight, colour: COLOURS.title, bold: true };
  const details: Block[] = spec.details.map((detail) => ({ lines: layoutText(detail, box(false, 32, spec.details.length > 1 ? 1 : 2)), size: 32, lineHeight: 44, colour: COLOURS.details, bold: false }));
  const footer: Block = { lines: layoutText(spec.footer, box(true, 30, 1, TEXT_WIDTH * 0.6)), size: 30, lineHeight: 40, colour: COLOURS.footer, bold: true };
  const host: Block = { lines: layoutText(spec.host, box(false, 26, 1, TEXT_WIDTH * 0.38)), size: 26, lineHeight: 36, colour: COLOURS.host, bold: false };

  const parts: string[] = [];
  const text: string[] = [];
  const texts = (block: Block, top: number, name: string, align: 'start' | 'end' = 'start'): void => {
    block.lines.forEach((line, index) => {
      const baseline = top + index * block.lineHeight + Math.round(block.size * 0.8);
      // Right-to-left lines stand at the right edge, as they would on a page with dir="auto".
      const right = align === 'end' ? !line.rtl : line.rtl;
      let x = right ? CARD_WIDTH - PAD - line.width : PAD;
      const glyphs: string[] = [];
      for (const { run, width } of visualOrder(line)) {
        glyphs.push(drawRun(run, x, baseline, block.size, block.colour));
        x += width;
      }
      parts.push(`<g class="${name}" fill="${block.colour}">${glyphs.join('')}</g>`);
      text.push(line.runs.map((run) => run.text).join(''));
    });
  };
  // Top to bottom: label, title, details; the band at the foot carries the site's name and host.
  let top = 70;
  texts(eyebrow, top, 'eyebrow');
  top += eyebrow.lines.length * eyebrow.lineHeight + 26;
  texts(heading, top, 'title');
  top += heading.lines.length * heading.lineHeight + 22;
  for (const block of details) {
    texts(block, top, 'details');
    top += block.lines.length * block.lineHeight;
  }
  texts(footer, CARD_HEIGHT - 58, 'footer');
  texts(host, CARD_HEIGHT - 54, 'host', 'end');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    // The card's text, for anything that reads the SVG; the picture is drawn from glyph outlines.
    `<desc>${escapeXml(text.join('\n'))}</desc>`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${COLOURS.background}"/>`,
    `<rect width="${CARD_WIDTH}" height="12" fill="${COLOURS.accent}"/>`,
    `<rect y="${CARD_HEIGHT - 84}" width="${CARD_WIDTH}" height="84" fill="${COLOURS.band}"/>`,
    // No clip path: text is measured to fit, and a clip made resvg draw every card twice.
    ...parts,
    '</svg>',
  ].join('\n');
  const missing = [eyebrow, heading, ...details, footer, host].flatMap((block) => missingCharacters(block.lines));
  return { svg, missing };
}
