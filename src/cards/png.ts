/**
 * RGBA pixels → PNG. A card is a few flat colours and their anti-aliased
 * edges (30 to 120 colours), so it is written as an indexed PNG (one byte a
 * pixel) with run-length deflate: a tenth of the time and half the bytes of
 * resvg's own `asPng()` (docs/performance.md, "Cards"). A picture with
 * more than 256 colours falls back to RGB. The bytes depend only on the pixels
 * (and zlib's version, which the card version includes): the same card, the
 * same file.
 */
import * as zlib from 'node:zlib';

const { constants, deflateSync } = zlib;
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
/** zlib's own (Node 20.15 and later), or the same sum by table. */
const crc32 = zlib.crc32 ?? ((data: Uint8Array, value = 0): number => {
  let c = ~value;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
});

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function header(width: number, height: number, colourType: 2 | 3): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = colourType;
  return chunk('IHDR', data); // compression, filter and interlace: 0
}

/** Pixels as palette indexes (each row led by filter byte 0), or undefined past 256 colours. */
function indexed(pixels: Uint8Array, width: number, height: number): { rows: Buffer; palette: Buffer } | undefined {
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, width * height);
  const rows = Buffer.allocUnsafe(height * (width + 1));
  const indexOf = new Map<number, number>();
  const colours: number[] = [];
  let last = -1;
  let lastIndex = 0;
  let out = 0;
  let at = 0;
  const pixelRow = width * 4;
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  for (let y = 0; y < height; y++) {
    rows[out++] = 0;
    // Half a card's rows are the row above again (background, bands): one memcmp and a copy instead of a pixel loop.
    if (y > 0 && source.compare(source, (y - 1) * pixelRow, y * pixelRow, y * pixelRow, (y + 1) * pixelRow) === 0) {
      rows.copyWithin(out, out - width - 1, out - 1);
      out += width;
      at += width;
      continue;
    }
    for (let x = 0; x < width; x++) {
      const word = words[at++]!;
      if (word !== last) {
        let index = indexOf.get(word);
        if (index === undefined) {
          if (colours.length === 256) return undefined;
          index = colours.length;
          indexOf.set(word, index);
          colours.push(word);
        }
        last = word;
        lastIndex = index;
      }
      rows[out++] = lastIndex;
    }
  }
  const palette = Buffer.alloc(colours.length * 3);
  colours.forEach((word, index) => {
    // Little-endian words of R, G, B, A bytes; the card is opaque, so alpha is dropped.
    palette[index * 3] = word & 0xff;
    palette[index * 3 + 1] = (word >>> 8) & 0xff;
    palette[index * 3 + 2] = (word >>> 16) & 0xff;
  });
  return { rows, palette };
}

function rgb(pixels: Uint8Array, width: number, height: number): Buffer {
  const rows = Buffer.allocUnsafe(height * (width * 3 + 1));
  let out = 0;
  let at = 0;
  for (let y = 0; y < height; y++) {
    rows[out++] = 0;
    for (let x = 0; x < width; x++, at += 4) {
      rows[out++] = pixels[at]!;
      rows[out++] = pixels[at + 1]!;
      rows[out++] = pixels[at + 2]!;
    }
  }
  return rows;
}

/** An opaque RGBA image (as resvg renders it) as PNG bytes. */
export function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  if (pixels.length !== width * height * 4) throw new RangeError(`Expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const palette = pixels.byteOffset % 4 === 0 ? indexed(pixels, width, height) : undefined;
  const parts = palette
    ? [header(width, height, 3), chunk('PLTE', palette.palette), chunk('IDAT', deflateSync(palette.rows, { level: 6, strategy: constants.Z_RLE }))]
    : [header(width, height, 2), chunk('IDAT', deflateSync(rgb(pixels, width, height), { level: 6 }))];
  return Buffer.concat([SIGNATURE, ...parts, chunk('IEND', new Uint8Array(0))]);
}

/** Width and height from a PNG's IHDR, or undefined if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(SIGNATURE) || buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
