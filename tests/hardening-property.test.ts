/**
 * Issue 8, property-based: whatever bytes a seed holds, the parser either
 * rejects it with positioned messages or returns stories that are well-formed
 * and inert. Kept to a few hundred runs a property so the suite stays fast.
 */
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRecords } from './helpers/records.ts';
import { parseText } from './helpers/seeds.ts';
import { balanceBidi } from '../src/seeds/decode.ts';

const RUNS = 300;
const ALLOWED_TAGS = new Set(['p', 'a', 'em', 'strong', 'code', 'del', 'br', 'sub', 'sup']);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const STORY_URL = /^\/stories\/\d{4}\/\d{2}\/(\d{2}\/)?[a-z0-9-]+\/$/;
const MESSAGE = /^seeds\/[^:]+:\d+:\d+: (error|warning): \S/;

/** A cheerio node that is an element (has a tag name and attributes). */
type Tag = { readonly tagName: string; readonly attribs: Record<string, string> };
const isTag = <T,>(node: T): node is T & Tag => typeof node === 'object' && node !== null && 'attribs' in node && 'tagName' in node;

/** Every element of a record's html is an allowed tag; only links carry attributes, and only safe ones. */
function expectInertHtml(html: string): void {
  const $ = cheerio.load(html, null, false);
  $('*').toArray().filter(isTag).forEach((element) => {
    const name = element.tagName.toLowerCase();
    expect(ALLOWED_TAGS.has(name), `<${name}> in ${html}`).toBe(true);
    for (const [attribute, value] of Object.entries(element.attribs)) {
      expect(name === 'a' && (attribute === 'href' || attribute === 'title'), `${attribute} on <${name}>`).toBe(true);
      if (attribute === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  });
}

/** The checks every parse must pass, whatever the input. */
function checkSeed(input: string | Uint8Array, name?: string): void {
  const { digest, messages } = parseText(input, name);
  for (const message of messages) {
    expect(message).toMatch(MESSAGE);
    expect(message).not.toMatch(CONTROL);
  }
  if (digest === undefined) {
    expect(messages.some((m) => m.includes(': error: '))).toBe(true);
    return;
  }
  expect(messages.every((m) => m.includes(': warning: '))).toBe(true);
  expect(JSON.parse(JSON.stringify(digest))).toEqual(digest);
  expect(digest.digest.id).toMatch(/^[a-z0-9_-]{1,80}$/);
  expect(digest.stories.length).toBeGreaterThan(0);
  for (const story of digest.stories) {
    expect(story.headline.trim()).not.toBe('');
    expect(story.headline).not.toMatch(CONTROL);
    // An override left open would turn around whatever stands after the headline (a <title>, a feed, a citation).
    expect(balanceBidi(story.headline)).toBe(story.headline);
    expect(story.paragraphs.length).toBeGreaterThan(0);
    for (const paragraph of story.paragraphs) {
      expect(paragraph.trim()).not.toBe('');
      expect(paragraph).not.toMatch(CONTROL);
      expect(balanceBidi(paragraph)).toBe(paragraph);
    }
    expectInertHtml(story.html);
  }
  const urls = toRecords([digest]).map((record) => record.url);
  for (const url of urls) expect(url).toMatch(STORY_URL);
  expect(new Set(urls).size).toBe(urls.length);
}

const HOSTILE = [
  '<script>alert(1)</script>', '</script><!--', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](data:text/html,<script>alert(1)</script>)', '[x](vbscript:x)',
  '<javascript:alert(1)>', '![i](https://evil.example/p.png)', '[x](https://example.org/ok)', '<https://example.org/>',
  '{{ 7*7 }}', '{% include "x" %}', '${process.exit(1)}', '&amp;', '&lt;', '&#0;', '&#x1b;', '\u001b[31m', '\u001b]0;t\u0007',
  '\u0000', '\u0007', '\u009b', '\u2028', '\u2029', '\u202e', '\u2067', '\u202c', '\u2069', '\u200b', '\u200d', '\ufeff', '\ufffe', '\ud800', '\udc00',
  '👨‍👩‍👧', '🇨🇳', 'é', 'e\u0301', 'بوتين', '普京', '**', '** ', '*a', '_a_', '`code`', '# ', '## Heading', '---', '...', '|',
  '1.', '- ', '> ', '    ', '\t', '[ref]: javascript:x', '[ref]', '~~x~~', '<!--', ']]>', '<![CDATA[', '"', "'", '\\',
  '([link removed])', 'October 2024 Highlights', 'Digest | May 2024', 'on May 12', '2025-02-30', '../../etc/passwd', '%2e%2e',
];

const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
const fragment = fc.oneof(fc.constantFrom(...HOSTILE), word, word, fc.string({ unit: 'binary', maxLength: 6 }));
const text = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
const line = fc.tuple(text, fc.constantFrom('', '.', '!', '?', '。', ':')).map(([body, end]) => body + end);
/** Mostly well-shaped stories (a headline, then sentences), now and then a stray line. */
const story = fc.tuple(text, fc.array(text.map((body) => `${body}.`), { minLength: 1, maxLength: 3 })).map(([headline, paragraphs]) => [headline, ...paragraphs]);
const lines = fc.array(fc.oneof({ arbitrary: story, weight: 4 }, { arbitrary: line.map((l) => [l]), weight: 1 }), { maxLength: 10 }).map((groups) => groups.flat());
const frontMatter = fc.constantFrom(
  '',
  '',
  '---\ndate: 2024-05\n---\n',
  '---\ndate: 2024-05\n---\n',
  '---\ndate: 2024-05-12\ntitle: "{{ 7*7 }} <b>x</b>"\n---\n',
  '---\ndate: 2024-05-12\ntitle: "{{ 7*7 }} <b>x</b>"\n---\n',
  '---js\n{ date: (globalThis.__ndPropertyPwned = true, "2024-05") }\n---\n',
  '---\ndate: 2025-02-30\n---\n',
  '---\ndate: 2024-05\npermalink: /x/\n---\n',
  '---\ndate: !!js/function "function(){}"\n---\n',
  '---\ndate: 2024-05\n',
);
/** Digest-shaped text: front matter, then headline-ish and paragraph-ish lines mixed with hostile fragments. */
const digestText = fc
  .tuple(frontMatter, lines, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([head, body, eol, end]) => head + body.join(eol) + (end ? `${eol}|${eol}` : eol));

describe('parseSeed on arbitrary input', () => {
  it('should handle any Unicode string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkSeed(text)), { numRuns: RUNS });
  });

  it('should handle any byte sequence', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => checkSeed(bytes)), { numRuns: RUNS });
  });

  it('should turn digest-like text with hostile fragments into inert, well-formed stories or messages', () => {
    fc.assert(fc.property(digestText, (text) => checkSeed(text)), { numRuns: RUNS });
    fc.assert(fc.property(digestText, (text) => checkSeed(text.replace(/^(---\n[^]*?\n---\n)?/, '$1# Headline\n\n'), '2024-05-test.md')), { numRuns: RUNS });
    expect((globalThis as Record<string, unknown>).__ndPropertyPwned).toBeUndefined();
  });

  it('should handle arbitrary file names', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), (stem) => checkSeed('---\ndate: 2024-05\n---\nHeadline\nParagraph.\n', `${stem.replace(/[/\\]/g, '')}.txt`)),
      { numRuns: RUNS },
    );
  });
});
