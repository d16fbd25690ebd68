/**
 * Headline (or a country's name, src/tag/world.ts) → URL slug. Transliterated to ASCII (so 普京访华 reads `pu-jing-fang-hua`
 * and a URL stays readable in every script), lower case, capped at a word
 * boundary. A headline with no letters at all (emoji only) gets `story`, and the
 * URL assigner makes it unique.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

interface Transliteration {
  slugify(text: string, options: { lowercase: boolean; separator: string; trim: boolean }): string;
  transliterate(text: string): string;
}
const require = createRequire(import.meta.url);
/** Loaded on the first text that is not plain ASCII: its tables are a tenth of a second of every start. */
let loaded: Transliteration | undefined;
const transliteration = (): Transliteration => (loaded ??= require('transliteration') as Transliteration);

/** Text in ASCII letters (`普京` → `Pu Jing`), the transliterator loaded on first use. */
export const toAscii = (text: string): string => transliteration().transliterate(text);

export const MAX_SLUG_LENGTH = 80;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  if (typeof text !== 'string') throw new TypeError(`Expected a string, got \`${typeof text}\``);
  // Apostrophes join words (`Iran’s` → `irans`), they do not split them.
  const joined = text.normalize('NFC').replace(/['’ʼ`]/g, '');
  // Plain ASCII needs no transliteration, the slow part (docs/performance.md,
  // "Records"); tests/records/slug.test.ts holds both ways equal.
  const ascii = PRINTABLE_ASCII.test(joined)
    ? joined.toLowerCase()
    : transliteration().slugify(joined, { lowercase: true, separator: '-', trim: true });
  const base = ascii
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > maxLength / 2 ? cut.slice(0, boundary) : base.slice(0, maxLength)).replace(/-$/, '');
}

/** A short, stable hex digest, for suffixes and cache keys. */
export function shortHash(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
