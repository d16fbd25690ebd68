/**
 * Text → lines of runs for a card: each run set in one face, lines wrapped at
 * word boundaries (Intl.Segmenter, so Chinese and Japanese wrap between words
 * too) to a width measured with the faces themselves, and the last line cut
 * with an ellipsis when the text needs more lines than the card has.
 */
import type { Face, FaceList } from './fonts.ts';
import { collapseSpace } from '../space.ts';

export interface Run {
  readonly text: string;
  /** Undefined: no face has these characters (they would show as boxes). */
  readonly face: Face | undefined;
}

export interface Line {
  readonly runs: readonly Run[];
  readonly width: number;
  /** Font size it was measured at. */
  readonly size: number;
  /** The line's base direction, from its first strong character (as `dir="auto"`). */
  readonly rtl: boolean;
}

export interface TextBox {
  readonly faces: FaceList;
  /** Font size in pixels. */
  readonly size: number;
  readonly maxWidth: number;
  readonly maxLines: number;
}

const ELLIPSIS = '…';
// Marks, joiners and variation selectors belong to the character before them, whatever face has them.
const CLINGS = /^[\p{M}\u200c\u200d\ufe0e\ufe0f\u{e0020}-\u{e007f}\u{1f3fb}-\u{1f3ff}]$/u;
const STRONG = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const words = new Intl.Segmenter('en', { granularity: 'word' });
// V8 walks an Intl.Segmenter's segments in time quadratic in the text's length (20,000 words: 6 s), so a text is cut
// to what the box could ever show before it is segmented: no advance is narrower than a tenth of an em.
const NARROWEST_ADVANCE = 0.1;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Whitespace runs to one space; characters XML cannot carry are dropped (records have none, but a card never trusts that). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return collapseSpace(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''));
}

export function isRtl(text: string): boolean {
  for (const char of text) if (STRONG.test(char)) return RTL.test(char);
  return false;
}

/** Cut `text` into runs of one face each. */
export function runsOf(text: string, faces: FaceList): Run[] {
  const runs: { text: string; face: Face | undefined; digits: boolean }[] = [];
  let current: { text: string; face: Face | undefined; digits: boolean } | undefined;
  let previous = ' ';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    // Letters go to the first face that has them (Latin in a Chinese headline in Noto Sans, not in the CJK face's Latin);
    // spaces, digits and punctuation within a word stay in the run's face if it has them. After a space, a character
    // starts afresh, as it does when its word is measured alone: a line's runs are then its words' runs.
    // Digits are runs of their own: a right-to-left run is drawn backwards, and digits in it must not be.
    const digits = DIGIT.test(char);
    const stays = CLINGS.test(char) || (!STRONG.test(char) && !digits && !/\s/u.test(previous) && current?.face?.font.hasGlyphForCodePoint(codePoint) === true);
    previous = char;
    if (current && stays) {
      current.text += char;
      continue;
    }
    const face = faces.faceFor(codePoint);
    if (current && current.face === face && current.digits === digits) current.text += char;
    else runs.push((current = { text: char, face, digits }));
  }
  return runs.map(({ text, face }) => ({ text, face }));
}

/** Characters no face has: each would show as a box ("tofu"). */
export function missingCharacters(lines: readonly Line[]): string[] {
  return lines.flatMap((line) => line.runs.filter((run) => !run.face && run.text.trim() !== '').map((run) => run.text));
}

const widths = new Map<string, number>();

/** Advance width in pixels of `text` in its runs, shaped (kerning, Arabic joining) by fontkit; cached per face and text. */
export function widthOf(runs: readonly Run[], size: number): number {
  let units = 0;
  for (const run of runs) {
    const face = run.face;
    if (!face) {
      units += [...run.text].length * 0.6; // a box is about 0.6 em
      continue;
    }
    const key = `${face.path}\u0000${run.text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = face.font.layout(run.text).advanceWidth / face.font.unitsPerEm;
      if (widths.size > 50_000) widths.clear();
      widths.set(key, width);
    }
    units += width;
  }
  return units * size;
}

/**
 * Break opportunities: each word with the spaces and closing punctuation after
 * it; opening punctuation after a space (`(`, `«`, `"`) goes with the next word.
 */
export function tokensOf(text: string): string[] {
  const tokens: string[] = [];
  let open = false;
  for (const { segment, isWordLike } of words.segment(text)) {
    const last = tokens.length - 1;
    if (last >= 0 && (open || (!isWordLike && !(/\s$/u.test(tokens[last]!) && !/^\s/u.test(segment))))) {
      tokens[last] += segment;
      open = open && !isWordLike;
    } else {
      tokens.push(segment);
      open = !isWordLike && !/\s/u.test(segment);
    }
  }
  return tokens;
}

/** Lines of `text` in the box: greedy wrapping; a word wider than a line is broken between graphemes. */
export function layoutText(input: string, box: TextBox): Line[] {
  const cleaned = cleanText(input);
  if (cleaned === '') return [];
  const text = cutToBox(cleaned, box);
  const cut = text.length < cleaned.length;
  const width = (part: string): number => widthOf(runsOf(part, box.faces), box.size);
  // Words are measured alone and summed; kerning between two words that touch (`alert("x")`) is not in the sum, hence 1 % to spare.
  const maxWidth = box.maxWidth * 0.99;
  const fits = (part: string): boolean => width(part.trimEnd()) <= maxWidth;
  const queue = tokensOf(text);
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0; // of `current`, spaces included
  let truncated = false;
  for (let index = 0; index < queue.length; index++) {
    const token = queue[index]!;
    // A line's width is the sum of its words' (each measured once and cached): no kerning or joining crosses a space.
    const trimmedWidth = width(token.trimEnd());
    if (currentWidth + trimmedWidth <= maxWidth) {
      current += token;
      currentWidth += width(token);
      continue;
    }
    if (current !== '') {
      lines.push(current);
      current = '';
      currentWidth = 0;
      if (lines.length === box.maxLines) {
        truncated = true;
        break;
      }
    }
    if (trimmedWidth <= maxWidth) {
      current = token;
      currentWidth = width(token);
      continue;
    }
    // A word longer than a line: as many graphemes as fit (one at least), the rest goes on.
    let head = '';
    for (const { segment } of graphemes.segment(token)) {
      if (head !== '' && !fits(head + segment)) break;
      head += segment;
    }
    lines.push(head);
    if (head.length < token.length) queue.splice(index + 1, 0, token.slice(head.length));
    if (lines.length === box.maxLines) {
      truncated = index + 1 < queue.length;
      break;
    }
  }
  if (!truncated && current !== '') lines.push(current);
  // A text cut to the box that still fits (zero-width marks are most of it) ends in an ellipsis all the same.
  if (cut && lines.length > 0) truncated = true;
  if (truncated) lines[lines.length - 1] = withEllipsis(lines.at(-1)!, fits);
  return lines.map((line) => {
    const trimmed = line.trim();
    const runs = runsOf(trimmed, box.faces);
    return { runs, width: widthOf(runs, box.size), size: box.size, rtl: isRtl(trimmed) };
  });
}

/** `text` cut, at a code point, to the most characters `box` could show; the whole text when it is shorter. */
export function cutToBox(text: string, box: TextBox): string {
  const most = Math.ceil((box.maxLines * box.maxWidth) / (box.size * NARROWEST_ADVANCE)) + 1;
  if (text.length <= most) return text;
  const end = /[\ud800-\udbff]/.test(text[most - 1]!) ? most - 1 : most;
  return text.slice(0, end);
}

/** `line` shortened, grapheme by grapheme, until it fits with an ellipsis after it. */
function withEllipsis(line: string, fits: (line: string) => boolean): string {
  const parts = [...graphemes.segment(line.trimEnd())].map((part) => part.segment);
  while (parts.length > 0 && !fits(`${parts.join('').trimEnd()}${ELLIPSIS}`)) parts.pop();
  return `${parts.join('').trimEnd()}${ELLIPSIS}`;
}
