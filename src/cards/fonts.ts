/**
 * The fonts a card is set in, all from npm packages (OFL): Noto Sans for Latin,
 * Greek and Cyrillic, then Arabic, Hebrew, Chinese (with kana), Korean and a
 * monochrome emoji font, each in a bold and a regular face. A card's text is
 * cut into runs, each set in the first face of this list that has its glyphs:
 * the runs name their face to resvg (whose own fallback misses the emoji font)
 * and measure with the same face (fontkit, shaped), so what wraps is what shows.
 * Faces are opened on first use: a card in Latin never opens the 8 MB CJK ones.
 */
import { openSync, type Font } from 'fontkit';
import { FACE_FILES, fontPath, type FaceFile } from './faces.ts';

export { FACE_FILES, fontPath, type FaceFile, type Weight } from './faces.ts';

export interface Face {
  readonly path: string;
  /** The family name resvg matches (the font's own `name` table). */
  readonly family: string;
  /** The OS/2 weight class resvg matches (400, 700). */
  readonly weight: number;
  readonly font: Font;
}


/** Lazily opened faces of one weight, in fallback order. */
export class FaceList {
  readonly #files: readonly FaceFile[];
  readonly #open: (Face | undefined)[] = [];

  constructor(files: readonly FaceFile[]) {
    this.#files = files;
  }

  get length(): number {
    return this.#files.length;
  }

  face(index: number): Face {
    let face = this.#open[index];
    if (!face) {
      const path = fontPath(this.#files[index]!);
      const font = openSync(path) as Font;
      const os2 = (font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2'];
      // resvg's font database names a face by its typographic family (name ID 16) when it has one: `Noto Sans S Chinese`, not `… Bold`.
      const family = font.getName('preferredFamily', 'en') ?? font.familyName;
      face = { path, family, weight: os2?.usWeightClass ?? 400, font };
      this.#open[index] = face;
    }
    return face;
  }

  /** The first face with a glyph for `codePoint`, or undefined (it would show as a box). */
  faceFor(codePoint: number, from = 0): Face | undefined {
    for (let index = from; index < this.#files.length; index++) {
      const face = this.face(index);
      if (face.font.hasGlyphForCodePoint(codePoint)) return face;
    }
    return undefined;
  }
}

export interface Fonts {
  readonly bold: FaceList;
  readonly regular: FaceList;
}

let shared: Fonts | undefined;

/** The card fonts, shared by every card of the process (`files` to leave faces out, as a test does). */
export function cardFonts(files: readonly (readonly [FaceFile, FaceFile])[] = FACE_FILES): Fonts {
  if (files !== FACE_FILES) return { bold: new FaceList(files.map(([bold]) => bold)), regular: new FaceList(files.map(([, regular]) => regular)) };
  return (shared ??= cardFonts(FACE_FILES.slice()));
}
