import { describe, expect, it } from 'vitest';
import { hashToken, phraseTokens, TokenBuffer } from '../../src/tag/tokens.ts';

const words = (text: string): string[] => {
  const buffer = new TokenBuffer().load(text);
  return Array.from({ length: buffer.count }, (_, i) => buffer.word(i));
};

describe('tokenizer', () => {
  it('splits words from punctuation and normalises apostrophes and hyphens', () => {
    expect(words('Iran’s U.S.-China deal')).toEqual(['Iran', "'", 's', 'U', '.', 'S', '.', '-', 'China', 'deal']);
    expect(words('Kim‑Putin')).toEqual(['Kim', '-', 'Putin']);
  });

  it('reads letters of every script as words, and every Unicode space as a gap', () => {
    expect(words('Россия и 북한 — Tōkyō')).toEqual(['Россия', 'и', '북한', '—', 'Tōkyō']);
    expect(words('Moscow\u00a0and\u2003Pyongyang\u2009talk\u2028again')).toEqual(['Moscow', 'and', 'Pyongyang', 'talk', 'again']);
    // A word after a non-ASCII letter was seen keeps its class (the table fills as characters turn up).
    expect(words('é e\u0301 1.5')).toEqual(['é', 'e\u0301', '1', '.', '5']);
  });

  it('gives a word the hash hashToken gives its text, ignoring ASCII case', () => {
    const buffer = new TokenBuffer().load('SANCTIONS on Россия');
    expect(buffer.hash[0]).toBe(hashToken('sanctions'));
    expect(buffer.hash[2]).toBe(hashToken('Россия'));
    expect(phraseTokens('in arms')).toEqual(['in', 'arms']);
  });

  it('grows past its first 512 tokens', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    const buffer = new TokenBuffer().load(text);
    expect(buffer.count).toBe(2000);
    expect(buffer.word(1999)).toBe('w1999');
  });
});
