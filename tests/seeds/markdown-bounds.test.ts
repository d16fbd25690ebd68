/**
 * Markdown cost is bounded: quotes and lists nest at most MAX_MARKDOWN_NESTING
 * levels (a line scan refuses deeper ones before remark runs), and a large
 * Markdown seed is parsed story by story, so memory stays a small multiple of
 * its size.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { cleanLines, MAX_MARKDOWN_NESTING } from '../../src/seeds/blocks.ts';
import { markdown, markdownBlocks, markdownParts } from '../../src/seeds/markdown.ts';
import { parseSeed } from '../../src/seeds/parse.ts';
import { tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const HEAD = '---\ndate: 2025-05\n---\n';

function parseText(text: string): { stories: number | undefined; messages: string[] } {
  const file = new VFile({ path: 'seeds/2025-05-deep.md', value: new TextEncoder().encode(text) });
  const digest = parseSeed(file, '2025-05-deep.md', markdown);
  return { stories: digest?.stories.length, messages: file.messages.map((m) => `${m.line}:${m.column}: ${m.reason}`) };
}

describe('Markdown nesting', () => {
  it('should refuse a block quote nested 25 levels deep, at its line, before parsing', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}\n`);
    const text = `${HEAD}# Deep quotes\n\nA first paragraph.\n\n${lines.join('\n')}`;
    const line = text.split('\n').findIndex((l) => l.startsWith(`${'>'.repeat(MAX_MARKDOWN_NESTING + 1)} `)) + 1;
    const { stories, messages } = parseText(text);
    expect(stories).toBeUndefined();
    expect(messages).toEqual([`${line}:1: Unexpected quotes or lists nested ${MAX_MARKDOWN_NESTING + 1} levels deep, expected at most ${MAX_MARKDOWN_NESTING}: flatten them, or write the digest as plain text (no \`#\` headings)`]);
  });

  it('should refuse lists nested by indentation and by markers on one line', () => {
    const indented = Array.from({ length: 25 }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join('\n');
    expect(parseText(`${HEAD}# Deep list\n\n${indented}\n`).messages[0]).toMatch(/nested \d+ levels deep/);
    expect(parseText(`${HEAD}# Deep list\n\n${'- '.repeat(25)}x\n`).messages[0]).toMatch(/^6:1: Unexpected quotes or lists nested 25 levels deep/);
    expect(parseText(`${HEAD}# Mixed\n\n${'> 1. '.repeat(13)}x\n`).messages[0]).toMatch(/nested 26 levels deep/);
  });

  it('should build quotes and lists up to the limit', () => {
    const quotes = Array.from({ length: MAX_MARKDOWN_NESTING }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}\n`).join('\n');
    const { stories, messages } = parseText(`${HEAD}# Quotes\n\nA first paragraph.\n\n${quotes}`);
    expect(messages).toEqual([]);
    expect(stories).toBe(1);
  });
});

/** Paragraphs of 7,600 characters with 480 emphasis marks (240 pairs): under every per-paragraph cap. */
function markedSeed(bytes: number): string {
  const words = 'Russia China Iran energy sanctions pipeline summit talks trade oil gas deal'.split(' ');
  let text = HEAD;
  for (let story = 1; text.length < bytes; story++) {
    text += `# Story ${story} about Russia and China\n\n`;
    for (let p = 0; p < 3; p++) {
      let paragraph = '';
      for (let i = 0; i < 240; i++) paragraph += `*${words[(story + i) % words.length]}* and ${words[(p + i) % words.length]} `;
      text += `${paragraph.padEnd(7600, ' plain')}.\n\n`;
    }
  }
  return text;
}

describe('Markdown memory', () => {
  it('should parse a 2 MB Markdown seed in a bounded resident set', () => {
    const dir = tempDir();
    const seed = join(dir, '2025-05-large.md');
    writeFileSync(seed, markedSeed(2_000_000));
    const script = join(dir, 'measure.mts');
    writeFileSync(script, [
      `import { readFileSync } from 'node:fs';`,
      `import { VFile } from ${JSON.stringify(join(ROOT, 'node_modules', 'vfile', 'index.js'))};`,
      `import { parseSeed } from ${JSON.stringify(join(ROOT, 'src', 'seeds', 'parse.ts'))};`,
      `import { markdown } from ${JSON.stringify(join(ROOT, 'src', 'seeds', 'markdown.ts'))};`,
      `const file = new VFile({ path: ${JSON.stringify(seed)}, value: readFileSync(${JSON.stringify(seed)}) });`,
      `const digest = parseSeed(file, '2025-05-large.md', markdown);`,
      `console.log(JSON.stringify({ stories: digest?.stories.length ?? 0, messages: file.messages.length, rssMB: process.resourceUsage().maxRSS / 1024 }));`,
    ].join('\n'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { stories: number; messages: number; rssMB: number };
    expect(result.messages).toBe(0);
    expect(result.stories).toBeGreaterThan(80);
    // The whole document parsed at once peaked at 468 MB here; story by story, 248 MB.
    expect(result.rssMB).toBeLessThan(400);
  }, 120_000);
});

describe('markdownBlocks, story by story', () => {
  /** The oracle: the whole body parsed at once, as markdownBlocks did before it parsed by parts. */
  const whole = (body: string) => {
    const tree = unified().use(remarkParse).parse(cleanLines(body.split('\n')).lines.join('\n')) as Root;
    const blocks: { kind: string; line: number; text: string }[] = [];
    const visit = (node: Root['children'][number]): void => {
      const line = node.position!.start.line;
      if (node.type === 'heading') blocks.push({ kind: 'heading', line, text: collapse(toString(node)) });
      else if (node.type === 'paragraph') blocks.push({ kind: 'text', line, text: collapse(toString(node)) });
      else if (node.type === 'code' || node.type === 'html') blocks.push({ kind: 'text', line, text: collapse(node.value) });
      else if ('children' in node) for (const child of node.children as Root['children']) visit(child);
    };
    tree.children.forEach(visit);
    return blocks.filter((block) => block.text !== '');
  };
  const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const piece = fc.constantFrom('# Head', '## Sub', '#tag', '# ', 'text *em*', '', '```', '~~~', '```js', '  ```', '    code', '<div>', '</div>', '<!--', '-->', '<pre>', '</pre>', '<b>x</b>', '> quote', '> ```', '- item', '  - sub', '- ```', '1. one', 'see [ref]', '[ref]: https://example.org/', '***', 'Setext', '===', '<script>', '</script>', ' # Indented', '- # In list', '> # In quote', '<!-- a -->', '<div class="x">', '````', '  ~~~');
  it('should give the blocks, lines and text a whole-document parse gives', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const body = pieces.join('\n');
      // A link reference definition applies within its own part; elsewhere the text keeps its brackets.
      if (pieces.includes('[ref]: https://example.org/') && pieces.filter((p) => p.includes('[ref]')).length > 1) return;
      expect(markdownBlocks(body, markdownParts(body, { splitFrom: 0 })).map(({ kind, line, text }) => ({ kind, line, text }))).toEqual(whole(body));
    }), { numRuns: 400 });
  });
});
