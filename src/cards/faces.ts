/**
 * Which font files a card is set in (the faces themselves: src/cards/fonts.ts). Apart from
 * fontkit, so that the card cache's version is known without loading it: a build whose cards
 * all come from the cache never loads the renderer (docs/performance.md, "Cards").
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project.ts';

export type Weight = 'bold' | 'regular';

export interface FaceFile {
  /** npm package and file within it. */
  readonly package: string;
  readonly file: string;
}

/** In fallback order. Each is `[bold, regular]`. */
export const FACE_FILES: readonly (readonly [FaceFile, FaceFile])[] = [
  [{ package: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Bold.ttf' }, { package: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Regular.ttf' }],
  [{ package: '@embedpdf/fonts-arabic', file: 'fonts/NotoNaskhArabic-Bold.ttf' }, { package: '@embedpdf/fonts-arabic', file: 'fonts/NotoNaskhArabic-Regular.ttf' }],
  [{ package: '@embedpdf/fonts-hebrew', file: 'fonts/NotoSansHebrew-Bold.ttf' }, { package: '@embedpdf/fonts-hebrew', file: 'fonts/NotoSansHebrew-Regular.ttf' }],
  [{ package: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Bold.otf' }, { package: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Regular.otf' }],
  [{ package: '@embedpdf/fonts-kr', file: 'fonts/NotoSansKR-Bold.otf' }, { package: '@embedpdf/fonts-kr', file: 'fonts/NotoSansKR-Regular.otf' }],
  [{ package: '@expo-google-fonts/noto-emoji', file: '700Bold/NotoEmoji_700Bold.ttf' }, { package: '@expo-google-fonts/noto-emoji', file: '400Regular/NotoEmoji_400Regular.ttf' }],
];

export const fontPath = (face: FaceFile): string => join(PROJECT_ROOT, 'node_modules', face.package, face.file);
