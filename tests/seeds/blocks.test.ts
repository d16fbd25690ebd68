import fc from 'fast-check';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { cleanLines, lineBlocks, plainBlocks, type Block } from '../../src/seeds/blocks.ts';
import { decodeSeed } from '../../src/seeds/decode.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/seeds.ts';

/**
 * The oracle: plain text as the first implementation read it, remark with every
 * micromark construct but paragraphs switched off. The line scan in
 * src/seeds/blocks.ts must give exactly these blocks.
 */
const LITERAL_TEXT = {
  disable: {
    null: [
      'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'htmlText', 'labelStartImage',
      'labelStartLink', 'labelEnd', 'hardBreakEscape', 'hardBreakTrailing', 'blockQuote', 'codeFenced', 'codeIndented',
      'headingAtx', 'setextUnderline', 'htmlFlow', 'list', 'thematicBreak', 'definition',
    ],
  },
};
const literalParser = unified().use(remarkParse).use(function literalText(this: Processor) {
  (this.data().micromarkExtensions ??= []).push(LITERAL_TEXT);
});

function remarkPlainBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'), true);
  const tree = literalParser.parse(lines.join('\n')) as Root;
  const blocks: Block[] = [];
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    const first = node.position.start.line;
    toString(node).split('\n').forEach((text, offset) => {
      const line = first + offset;
      if (text.trim() !== '') blocks.push({ kind: 'text', line, text: text.replace(/\s+/g, ' ').trim(), children: [], marked: marked.has(line) });
    });
  }
  return blocks;
}

/** What reaches plainBlocks: decoded text (no carriage returns, no control characters). */
function decoded(text: string): string {
  const result = decodeSeed(Buffer.from(text, 'utf8'));
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

describe('plainBlocks', () => {
  it.each(['2024-05.txt', '2025-05.txt'])('should read seeds/%s exactly as remark read it', (name) => {
    const body = decoded(readFileSync(join(ROOT, 'seeds', name), 'utf8'));
    const blocks = plainBlocks(body);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks).toEqual(remarkPlainBlocks(body));
  });

  it('should keep Markdown-looking lines literal, one block per non-blank line, with their line numbers', () => {
    const body = ['# not a heading', '', '  * not a list', '> not a quote', '    not code', '1. not a list', '[a](b) *c* <d> &amp; \\e', ' \t ', '---', '** Marked headline **', 'x'].join('\n');
    const blocks = plainBlocks(body);
    expect(blocks.map((block) => [block.line, block.text, block.marked])).toEqual([
      [1, '# not a heading', false], [3, '* not a list', false], [4, '> not a quote', false], [5, 'not code', false],
      [6, '1. not a list', false], [7, '[a](b) *c* <d> &amp; \\e', false], [10, 'Marked headline', true], [11, 'x', false],
    ]);
    expect(blocks).toEqual(remarkPlainBlocks(body));
  });

  it('should keep a line that ends in spaces apart from the next (remark read them as one, joined by a hard break)', () => {
    const body = 'Russia and China sign a gas deal  \nThe deal was signed on May 16.';
    expect(plainBlocks(body).map((block) => [block.line, block.text])).toEqual([[1, 'Russia and China sign a gas deal'], [2, 'The deal was signed on May 16.']]);
    expect(remarkPlainBlocks(body).map((block) => block.text)).toEqual(['Russia and China sign a gas dealThe deal was signed on May 16.']);
  });

  // Without blanks before a line break: the one place remark differed (the test above).
  it('should agree with remark on any text built from Markdown punctuation, blanks and line breaks', () => {
    const piece = fc.constantFrom('*', '**', '_', '[', ']', '(', ')', '<', '>', '#', '-', '---', '=', '1.', '`', '\\', '&amp;', '&#x41;', ' ', '    ', '\t', '\n', '\n\n', '\u00a0', '’', 'a', 'word', '** ', '[link removed]', '|');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }).map((parts) => decoded(parts.join(''))).filter((body) => !/[ \t]{2,}\n/.test(body)), (body) => {
      const { lines, marked } = cleanLines(body.split('\n'), true);
      expect(lineBlocks(lines, marked)).toEqual(remarkPlainBlocks(body));
    }), { numRuns: 2000 });
  });
});

describe('plain text as e-mail sends it', () => {
  const wrappedDigest = [
    'Russia and Iran ratify a partnership treaty',
    "Russia's State Duma ratified the comprehensive strategic partnership",
    "treaty with Iran on April 8, two months after Iran's parliament",
    'approved it. The treaty commits both sides not to help an aggressor',
    'against the other.',
    '',
    'Chinese firms supply drone engines to Yelabuga',
    'A Reuters investigation published on April 15 found that two Chinese',
    'companies shipped engines and other parts to the Alabuga drone factory',
    'in Tatarstan.',
  ];

  // A headline within a word of the width cannot be told from a wrapped line by its shape, and is joined.
  it('should join the lines of a hard-wrapped paragraph, and keep a headline apart from its paragraph', () => {
    const blocks = plainBlocks(wrappedDigest.join('\n'));
    expect(blocks.map((block) => [block.line, block.text])).toEqual([
      [1, wrappedDigest[0]],
      [2, wrappedDigest.slice(1, 5).join(' ')],
      [7, wrappedDigest[6]],
      [8, wrappedDigest.slice(7, 10).join(' ')],
    ]);
  });

  it('should leave the series\' own form alone: a paragraph a line, each ending its sentence', () => {
    const body = readFileSync(join(ROOT, 'seeds', '2024-05.txt'), 'utf8');
    const { lines, marked } = cleanLines(decoded(body).split('\n'), true);
    expect(plainBlocks(decoded(body))).toEqual(lineBlocks(lines, marked));
    const short = ['Russia and China sign a gas deal', 'The deal was signed in Beijing on May 16 by both ministers at last.', 'Its terms were not published by either side, officials said today.', 'Iran and Russia open a rail link', 'The first train left Rasht on May 20, carrying grain and machinery.', 'It reached Astara in nine hours, the Iranian railways said then.'];
    expect(plainBlocks(short.join('\n'))).toHaveLength(6);
  });

  it('should take one level of e-mail quoting off every line when most lines are quoted', () => {
    const quoted = wrappedDigest.map((line) => (line === '' ? '>' : `> ${line}`));
    expect(plainBlocks(['Hi all, forwarding the digest.', '', ...quoted].join('\n')).map((block) => block.text).slice(1)).toEqual(plainBlocks(wrappedDigest.join('\n')).map((block) => block.text));
    // A quotation an editor set so stays as typed.
    expect(plainBlocks(['A headline here', 'A paragraph of text that ends.', '> A quoted line.', 'Another paragraph that ends.'].join('\n'))[2]!.text).toBe('> A quoted line.');
  });

  it('should leave out a personal sign-off and signature, and the closing line', () => {
    const body = [...wrappedDigest, '', 'Thanks for reading, and see you next month.', '', 'Best,', 'Jane', '--', 'Jane Doe', 'Senior Fellow, Asia Program', '+1 202 555 0143'].join('\n');
    expect(plainBlocks(body).map((block) => block.line)).toEqual([1, 2, 7, 8]);
    // `Best` ends no story when a paragraph follows it.
    expect(plainBlocks(['Headline about a deal', 'Best,', 'The deal was signed in Beijing on May 16 by the two foreign ministers of Russia and China, officials said.'].join('\n'))).toHaveLength(3);
  });
});

describe('decodeSeed positions', () => {
  it('should count a line break of any convention when it names the line of a NUL byte', () => {
    // An editor shows `a`, `b`, then the NUL on line 3, whether lines end in LF, CRLF or a lone CR.
    for (const eol of ['\n', '\r\n', '\r']) {
      const result = decodeSeed(Buffer.from(`a${eol}b${eol}\0`, 'latin1'));
      expect(result).toMatchObject({ ok: false, line: 3 });
    }
  });
});
