/**
 * A tiny tokenizer: runs of letters/digits are words, every other non-space character is a
 * token of its own. So `Iran’s` → `Iran ' s`, `U.S.-China` → `U . S . - China`, and names are
 * matched on whole tokens (`Niger` never matches inside `Nigeria`). Curly apostrophes become
 * `'` and unusual hyphens `-`, so data files need only one spelling.
 *
 * For speed the buffer allocates no strings: it records each token's span and a hash that
 * ignores ASCII case; tries look tokens up by hash, then verify the text (exactly, or ignoring
 * case). Strings are made only on demand (`word`, `lower`), i.e. near a match. A second hash
 * of a word's first three letters (`head`) lets wildcard evidence skip most words cheaply.
 */

const NON_ASCII_WORD = /[\p{L}\p{M}\p{N}]/u;
const WORD = 1;
const SPACE = 2;
const OTHER = 3;
/**
 * The class of every UTF-16 code unit (WORD, SPACE, OTHER; 0 until first seen), filled as
 * characters turn up: one table load per character instead of a regex per non-ASCII one,
 * and no start-up cost for the 65,536 entries.
 */
const CLASS = new Uint8Array(65536);

function classify(code: number): number {
  const space = code <= 32 || code === 127 || code === 160 || code === 0x2028 || code === 0x2029 || (code >= 0x2000 && code <= 0x200b);
  const kind = space ? SPACE : NON_ASCII_WORD.test(String.fromCharCode(code)) ? WORD : OTHER;
  CLASS[code] = kind;
  return kind;
}

const classOf = (code: number): number => CLASS[code] || classify(code);

/** The one spelling for apostrophes (`’` → `'`) and hyphens (`‑` → `-`). */
function normalise(code: number): number {
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc) return 39;
  if (code === 0x2010 || code === 0x2011) return 45;
  return code;
}

const fold = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);
// FNV-1a, kept to 30 bits so V8 stores it as a small integer.
const step = (h: number, code: number): number => Math.imul(h ^ code, 16777619);
const finish = (h: number): number => h >>> 2;
const SEED = 2166136261 | 0;

/** The hash a buffer gives `token` (normalised, ASCII case folded). */
export function hashToken(token: string): number {
  let h = SEED;
  for (let i = 0; i < token.length; i++) h = step(h, fold(normalise(token.charCodeAt(i))));
  return finish(h);
}

/** Letters in a word's `head` hash. */
export const HEAD = 3;

/** The `head` hash a buffer gives a word starting with `prefix` (at least HEAD letters). */
export function headHash(prefix: string): number {
  return hashToken(prefix.slice(0, HEAD));
}

export class TokenBuffer {
  text = '';
  count = 0;
  start = new Int32Array(512);
  end = new Int32Array(512);
  hash = new Int32Array(512); // of the token, ASCII case folded
  head = new Int32Array(512); // of a word's first HEAD letters, folded; -1 if shorter
  code = new Int32Array(512); // the normalised character of a punctuation token; -1 for words

  /** Make room for `n` tokens (for code that fills a buffer itself, like the lemmatiser). */
  reserve(n: number): void {
    while (this.start.length < n) this.grow();
  }

  private grow(): void {
    const size = this.start.length * 2;
    for (const key of ['start', 'end', 'hash', 'head', 'code'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }

  load(text: string): this {
    this.text = text;
    // Locals, not `this.…` in the loop: V8 cannot hoist field loads past `grow`.
    let { start, end, hash, head, code: codes } = this;
    let count = 0;
    const length = text.length;
    for (let i = 0; i < length; ) {
      const code = text.charCodeAt(i);
      const kind = classOf(code);
      if (kind === SPACE) {
        i++;
        continue;
      }
      if (count === start.length) {
        this.grow();
        ({ start, end, hash, head, code: codes } = this);
      }
      start[count] = i;
      if (kind === WORD) {
        let h = SEED;
        let h3 = -1;
        let j = i;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (classOf(c) !== WORD) break;
          if (j - i === HEAD) h3 = finish(h);
          h = step(h, fold(c));
          j++;
        }
        hash[count] = finish(h);
        head[count] = j - i === HEAD ? finish(h) : h3;
        codes[count] = -1;
        i = j;
      } else {
        const n = normalise(code);
        hash[count] = finish(step(SEED, fold(n)));
        head[count] = -1;
        codes[count] = n;
        i++;
      }
      end[count] = i;
      count++;
    }
    this.count = count;
    return this;
  }

  /** First character of token i (normalised for punctuation). */
  first(i: number): number {
    const code = this.code[i] as number;
    return code >= 0 ? code : this.text.charCodeAt(this.start[i] as number);
  }

  word(i: number): string {
    const code = this.code[i] as number;
    return code >= 0 ? String.fromCharCode(code) : this.text.slice(this.start[i], this.end[i]);
  }

  lower(i: number): string {
    return this.word(i).toLowerCase();
  }

  isWord(i: number): boolean {
    return this.code[i] === -1;
  }

  /** Does token i spell `token` (exactly, or ignoring ASCII case when `folded`)? */
  is(i: number, token: string, folded: boolean): boolean {
    const code = this.code[i] as number;
    if (code >= 0) return token.length === 1 && token.charCodeAt(0) === code;
    const start = this.start[i] as number;
    if ((this.end[i] as number) - start !== token.length) return false;
    for (let k = 0; k < token.length; k++) {
      const c = this.text.charCodeAt(start + k);
      if ((folded ? fold(c) : c) !== token.charCodeAt(k)) return false;
    }
    return true;
  }
}

/** `Guinea-Bissau` → `['Guinea', '-', 'Bissau']`: data phrases go through the same tokenizer. */
export function phraseTokens(phrase: string): string[] {
  const buffer = new TokenBuffer().load(phrase);
  return Array.from({ length: buffer.count }, (_, i) => buffer.word(i));
}
