import { describe, expect, it } from 'vitest';
import { collapseSpace } from '../src/space.ts';

const oracle = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('collapseSpace', () => {
  it('should give what the whitespace pattern gives, over 20,000 random strings of words, spaces and every kind of white space', () => {
    const pieces = ['word', 'Xi', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff', '.', '“', 'é'];
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 20_000; run++) {
      const text = Array.from({ length: random(12) }, () => pieces[random(pieces.length)]!).join('');
      expect(collapseSpace(text), JSON.stringify(text)).toBe(oracle(text));
    }
  });

  it('should return an ordinary line as it is', () => {
    const line = 'Russia and China sign a gas deal, the Kremlin says.';
    expect(collapseSpace(line)).toBe(line);
    expect(collapseSpace(`  ${line}\u00a0`)).toBe(line);
  });
});
