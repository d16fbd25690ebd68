/**
 * Seed bytes → text. Editors paste from e-mail and the web, so a seed may be
 * UTF-8 with or without a BOM, UTF-16 with a BOM, CRLF or CR line ends, or not
 * text at all. Everything that is not valid text becomes a positioned message.
 */
import { isUtf8 } from 'node:buffer';
import { location } from 'vfile-location';

export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string; readonly line: number };

const UTF16_EXPECTED = 'expected UTF-8 text: save the file as UTF-8';
/**
 * Largest seed read. A month's digest is tens of kilobytes and a 5,000-story
 * digest about 1 MB; parsing is linear, about 1 s a megabyte.
 */
export const MAX_SEED_BYTES = 10 * 1024 * 1024;

export const tooLarge = (size: number): string =>
  `Unexpected file of ${(size / 1024 / 1024).toFixed(1)} MB, expected a digest of at most ${MAX_SEED_BYTES / 1024 / 1024} MB: split it into several files`;

export function decodeSeed(bytes: Uint8Array): Decoded {
  const decoded = decodeText(bytes);
  return decoded.ok && isQuotedPrintable(decoded.text) ? { ok: true, text: normalizeText(decodeQuotedPrintable(decoded.text)) } : decoded;
}

/**
 * Bytes an editor saved → text, for every file of the seeds folder (digests and
 * `corrections.yaml`): UTF-8 with or without a byte-order mark, or UTF-16 with
 * one; UTF-32 and anything else that is not text is refused with its line.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_SEED_BYTES) return { ok: false, line: 1, reason: tooLarge(bytes.length) };
  // UTF-32's marks begin with UTF-16's: read first, or UTF-32LE text would decode as UTF-16 garbage.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return { ok: false, line: 1, reason: 'Unexpected UTF-32 text, expected UTF-8 text: save the file as UTF-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    return { ok: false, line: lineAt(body, nul), reason: `Unexpected NUL byte, ${UTF16_EXPECTED} (is this a binary file, or UTF-16 without a byte-order mark?)` };
  }
  if (!isUtf8(body)) {
    return { ok: false, line: firstInvalidLine(body), reason: 'Unexpected byte sequence that is not UTF-8, expected UTF-8 text: re-save the file as UTF-8' };
  }
  return { ok: true, text: normalizeText(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) };
}

/** The transfer encoding an e-mail's source declares in its headers. */
const QP_HEADER = /^content-transfer-encoding:[ \t]*quoted-printable[ \t]*$/im;
/** A soft line break (`=` ending a line) and an escaped byte (`=E2`): quoted-printable's two marks. */
const SOFT_BREAK = /(?<!=)=$/gm;
const ESCAPE = /=[0-9A-F]{2}/g;
/** Fewest of each that make undeclared text quoted-printable: prose ends no line with `=`. */
const QP_MARKS = 3;

/**
 * An e-mail's raw source saved as the digest (`=20`, `=E2=80=99`, lines broken
 * with a final `=`): declared in its headers, or shown by its marks when only
 * the body was copied, with no `=` that is not one of them.
 */
export function isQuotedPrintable(text: string): boolean {
  if (!text.includes('=')) return false;
  if (QP_HEADER.test(text.slice(0, 4096))) return true;
  const soft = text.match(SOFT_BREAK)?.length ?? 0;
  const escapes = text.match(ESCAPE)?.length ?? 0;
  const equals = text.split('=').length - 1;
  return soft + escapes >= QP_MARKS && soft > 0 && escapes > 0 && equals === soft + escapes;
}

/**
 * Quoted-printable decoded: escaped bytes as UTF-8, soft-broken lines joined.
 * Each joined line is followed by the line breaks it lost, as blank lines, so
 * that every later line keeps its number in messages.
 */
export function decodeQuotedPrintable(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    let joined = 0;
    while (line.endsWith('=') && index + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++index]!;
      joined++;
    }
    out.push(unescapeBytes(line), ...Array.from({ length: joined }, () => ''));
  }
  return out.join('\n');
}

function unescapeBytes(line: string): string {
  if (!ESCAPE.test(line)) return line;
  ESCAPE.lastIndex = 0;
  // Runs of escapes are one UTF-8 sequence together (`=E2=80=99` is one character).
  return line.replace(/(?:=[0-9A-F]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/=/g, ''), 'hex');
    return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
  });
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: normalizeText(new TextDecoder(encoding, { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, line: 1, reason: `Unexpected invalid ${encoding.toUpperCase()} text, ${UTF16_EXPECTED}` };
  }
}

/**
 * LF line ends; control characters other than tab and newline removed (they are
 * invisible in an editor and illegal in XML feeds); a no-break space after a heading's `#`
 * marks made a space. Line count is unchanged, so
 * every later message still points at the right line.
 */
export function normalizeText(text: string): string {
  return text
    // A second byte-order mark (a file saved twice by tools that each add one) would hide the front matter.
    .replace(/^\ufeff+/, '')
    .replace(/\r\n?/g, '\n')
    // `##` and a no-break space, as a web page copies a heading: the heading its writer meant.
    .replace(/^( {0,3}#{1,6})\u00a0/gm, '$1 ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/^.*[\u202a-\u202e\u2066-\u2069].*$/gm, balanceBidi);
}

const EMBEDDINGS = '\u202a\u202b\u202d\u202e'; // LRE RLE LRO RLO, closed by PDF (U+202C)
const ISOLATES = '\u2066\u2067\u2068'; // LRI RLI FSI, closed by PDI (U+2069)

/**
 * A line's bidi embeddings, overrides and isolates closed where its text ends,
 * and closers that close nothing dropped. A browser ends them at the end of
 * a paragraph, but a headline also stands in a `<title>`, a feed entry or a
 * citation beside other text, where an unclosed right-to-left override would
 * turn the site's own words around (as the Unicode bidi algorithm pairs them).
 */
export function balanceBidi(line: string): string {
  const open: string[] = [];
  let out = '';
  for (const char of line) {
    if (EMBEDDINGS.includes(char) || ISOLATES.includes(char)) {
      open.push(char);
    } else if (char === '\u202c') {
      // PDF closes the innermost embedding, never across an isolate.
      if (open.length === 0 || !EMBEDDINGS.includes(open.at(-1)!)) continue;
      open.pop();
    } else if (char === '\u2069') {
      // PDI closes the innermost isolate and every embedding inside it.
      let at = open.length - 1;
      while (at >= 0 && !ISOLATES.includes(open[at]!)) at--;
      if (at === -1) continue;
      open.length = at;
    }
    out += char;
  }
  const closers = open.reverse().map((opener) => (ISOLATES.includes(opener) ? '\u2069' : '\u202c')).join('');
  // Before trailing white space, which trimming would otherwise leave inside the closers.
  return closers === '' ? out : out.replace(/\s*$/u, (space) => closers + space);
}

/** The line of a byte before the text is decoded: line breaks are single bytes in every encoding a seed may use. */
function lineAt(bytes: Uint8Array, offset: number): number {
  return location(Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('latin1')).toPoint(offset)!.line;
}

/** A newline byte never occurs inside a UTF-8 sequence, so lines can be checked one by one. */
function firstInvalidLine(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    start = end + 1;
    line++;
  }
  return line;
}
