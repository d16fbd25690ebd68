/**
 * "Cite this story": the BibTeX, RIS and CSL-JSON of hostile headlines parse
 * back (with astrocite's parsers, and a strict reader of our own for what
 * astrocite does not decode) to the very text; and a build writes the three
 * files next to every story page, with the Cite block and the reference
 * managers' meta tags, and rewrites them on an incremental build exactly as a
 * full build would.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from 'astrocite-bibtex';
import { parse as parseRis } from 'astrocite-ris';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { citationMeta, escapeBibtex, formatReference, toBibtex, toCslJson, toRis, type Reference } from '../../src/site/citation.ts';
import type { StoryRecord } from '../../src/types.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { seedWorkspace } from '../helpers/workspace.ts';

const HOSTILE = [
  'Closing } brace, an open { one, and }}}} more',
  '100% sure: #1 & $5 for a_b ~ ^ back\\slash \\textbf{x} \\',
  'Line one\nER  - injected\r\nTY  - JOUR\u2028AU  - Someone',
  'إيران وروسيا توقعان اتفاقا للطاقة',
  'Emoji 🚀🇨🇳 and 普京访华 in one headline',
  '@misc{evil, title = {x}} % a comment',
  // Closing the field early: BibTeX's reader counts `\}` as a brace, so `\}` let this open an entry of its own.
  'Russia and China } } @online(pwned, title = "Injected", url = "https://evil.example/") @comment(',
];

const reference = (title: string, date = '2025-05-12'): Reference => ({
  key: '2025-05-12-story',
  title,
  author: 'News Digest editors',
  publisher: 'News Digest & Co {Ltd}',
  series: 'News Digest',
  issue: 'May 2025 Digest #5 {special}',
  date,
  datePrecision: date.length === 7 ? 'month' : 'day',
  dateLabel: date.length === 7 ? 'May 2025' : '12 May 2025',
  url: 'https://example.org/news/stories/2025/05/12/story/',
  language: 'en',
});

/** What every format keeps of a text: one line, whitespace runs as one space. */
const oneLine = (text: string): string => text.replace(/[\s\u0085]+/g, ' ').trim();

/**
 * A strict reader of one BibTeX entry of braced fields (and bare `month`):
 * braces must balance inside each value, a value ends only at its own closing
 * brace (as BibTeX's own reader counts them: `\}` closes one too), and the escapes LaTeX defines for the ten special characters are
 * turned back into them. Independent of `escapeBibtex`: it knows LaTeX, not our code.
 */
function readBibtex(text: string): { type: string; key: string; fields: Map<string, string> } {
  const head = /^@(\w+)\{([^,\s]+),\n/.exec(text);
  if (!head) throw new Error(`no entry head in ${text.slice(0, 40)}`);
  const fields = new Map<string, string>();
  let at = head[0].length;
  for (;;) {
    const name = /^ {2}(\w+) = /.exec(text.slice(at));
    if (!name) break;
    at += name[0].length;
    let value = '';
    if (text[at] === '{') {
      let depth = 0;
      let end = at;
      for (; end < text.length; end++) {
        // As BibTeX reads a value: every brace counts, a backslash before it or not.
        if (text[end] === '{') depth++;
        if (text[end] === '}' && --depth === 0) break;
      }
      if (depth !== 0) throw new Error(`unbalanced braces in ${name[1]}`);
      value = text.slice(at + 1, end);
      at = end + 1;
    } else {
      value = /^\w+/.exec(text.slice(at))![0];
      at += value.length;
    }
    fields.set(name[1]!, value);
    if (text[at] === ',') at++;
    if (text[at] !== '\n') throw new Error(`expected a line end after ${name[1]}, got ${JSON.stringify(text.slice(at, at + 20))}`);
    at++;
  }
  if (text.slice(at) !== '}\n') throw new Error(`expected the entry to end, got ${JSON.stringify(text.slice(at, at + 40))}`);
  return { type: head[1]!, key: head[2]!, fields };
}

const LATEX = new Map([['\\textbackslash{}', '\\'], ['\\textasciitilde{}', '~'], ['\\textasciicircum{}', '^'], ['\\textbraceleft{}', '{'], ['\\textbraceright{}', '}'], ['\\%', '%'], ['\\#', '#'], ['\\&', '&'], ['\\$', '$'], ['\\_', '_']]);
/** TeX source → the text it prints, for the escapes above; an unescaped special character is an error. */
function untex(value: string): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    const escape = [...LATEX.keys()].find((key) => value.startsWith(key, i));
    if (escape) {
      out += LATEX.get(escape);
      i += escape.length;
    } else if ('\\{}%#&$_~^'.includes(value[i]!)) {
      throw new Error(`unescaped ${value[i]} at ${i} in ${value}`);
    } else {
      out += value[i++];
    }
  }
  return out;
}

/** RIS lines: every line a `TAG  - value`, TY first, ER last and only there. */
function readRis(text: string): [string, string][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  const tags = lines.map((line): [string, string] => {
    const match = /^([A-Z][A-Z0-9])  - (.*)$/.exec(line);
    if (!match) throw new Error(`not a RIS line: ${JSON.stringify(line)}`);
    expect(match[2]).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    return [match[1]!, match[2]!];
  });
  expect(tags[0]).toEqual(['TY', 'ELEC']);
  expect(tags.at(-1)).toEqual(['ER', '']);
  expect(tags.filter(([tag]) => tag === 'ER' || tag === 'TY')).toHaveLength(2);
  return tags;
}

describe('citation formats', () => {
  it.each(HOSTILE)('should write BibTeX that parses back to the headline: %s', (title) => {
    const bib = toBibtex(reference(title));
    const entry = readBibtex(bib);
    expect(entry.type).toBe('online');
    expect(entry.key).toBe('2025-05-12-story');
    // The title in double braces (case kept); the author too (an organisation, not "Last, First").
    expect(untex(entry.fields.get('title')!.replace(/^\{|\}$/g, ''))).toBe(oneLine(title));
    expect(untex(entry.fields.get('author')!.replace(/^\{|\}$/g, ''))).toBe('News Digest editors');
    expect(untex(entry.fields.get('note')!)).toBe('May 2025 Digest #5 {special}');
    expect(untex(entry.fields.get('publisher')!)).toBe('News Digest & Co {Ltd}');
    expect(entry.fields.get('date')).toBe('2025-05-12');
    expect(entry.fields.get('month')).toBe('may');
    expect(entry.fields.get('url')).toBe('https://example.org/news/stories/2025/05/12/story/');
    // A real BibTeX parser reads one entry with the same title (astrocite drops the \text… commands it does not know, braces among them).
    const [parsed, ...rest] = parseBibtex(bib);
    expect(rest).toEqual([]);
    expect(parsed!.title).toBe(oneLine(title).replace(/[~^\\{}]/g, ''));
    expect(parsed!.URL).toBe('https://example.org/news/stories/2025/05/12/story/');
  });

  it.each(HOSTILE)('should write RIS with one field a line and one record: %s', (title) => {
    const ris = toRis(reference(title));
    const tags = new Map(readRis(ris));
    expect(tags.get('TI')).toBe(oneLine(title));
    expect(tags.get('DA')).toBe('2025/05/12/');
    expect(tags.get('UR')).toBe('https://example.org/news/stories/2025/05/12/story/');
    const parsed = parseRis(ris);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.title).toBe(oneLine(title));
    expect(parsed[0]!['collection-title']).toBe('May 2025 Digest #5 {special}');
  });

  it.each(HOSTILE)('should write CSL-JSON that keeps the headline as it is: %s', (title) => {
    const [item, ...rest] = JSON.parse(toCslJson(reference(title))) as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ id: '2025-05-12-story', type: 'article-newspaper', title, issued: { 'date-parts': [[2025, 5, 12]] }, 'container-title': 'News Digest' });
  });

  it('should date a month-precision story by its month in every format', () => {
    const ref = reference('A month story', '2025-05');
    expect(readBibtex(toBibtex(ref)).fields.get('date')).toBe('2025-05');
    expect(new Map(readRis(toRis(ref))).get('DA')).toBe('2025/05//');
    expect((JSON.parse(toCslJson(ref)) as { issued: unknown }[])[0]!.issued).toEqual({ 'date-parts': [[2025, 5]] });
    const meta = new Map(citationMeta(ref).map((tag) => [tag.name, tag.content]));
    expect(meta.get('citation_publication_date')).toBe('2025/05');
    expect(meta.get('DC.date')).toBe('2025-05');
    expect(new Map(citationMeta(reference('x')).map((tag) => [tag.name, tag.content])).get('citation_publication_date')).toBe('2025/05/12');
  });

  it('should escape each of BibTeX\'s special characters and nothing else', () => {
    expect(escapeBibtex('{}%#&$_~^\\')).toBe('\\textbraceleft{}\\textbraceright{}\\%\\#\\&\\$\\_\\textasciitilde{}\\textasciicircum{}\\textbackslash{}');
    expect(escapeBibtex('Ünïcödé «» – 普京 🚀')).toBe('Ünïcödé «» – 普京 🚀');
    expect(formatReference(reference('A headline?'))).toBe('News Digest editors. “A headline.” News Digest, May 2025 Digest #5 {special}, 12 May 2025. https://example.org/news/stories/2025/05/12/story/');
  });
});

describe('citations in the built site', () => {
  let seeds: string;
  let cache: string;
  let out: string;
  let records: StoryRecord[];
  const incremental = () => build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false, baseUrl: 'https://example.org/news/' });
  const read = (path: string): string => readFileSync(join(out, path), 'utf8');

  beforeAll(async () => {
    ({ seeds, cache, out } = seedWorkspace({ registry: false }));
    writeFileSync(join(seeds, '2025-06.txt'), `---\ndate: 2025-06\ntitle: "June 2025 Digest"\n---\nRussia } and Iran 100% agree % on #gas\\ ER  - deal\nRussia and Iran agreed on June 3 to swap gas through Azerbaijan.\n|\n`);
    await incremental();
    records = (JSON.parse(read('stories.json')) as { stories: StoryRecord[] }).stories;
  });

  it('should write cite.bib, cite.ris and cite.json next to every story page, naming the story', () => {
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) {
      const dir = record.url.slice(1);
      const url = `https://example.org/news${record.url}`;
      const bib = readBibtex(read(`${dir}cite.bib`));
      expect(untex(bib.fields.get('title')!.slice(1, -1))).toBe(oneLine(record.headline));
      expect(bib.fields.get('url')).toBe(url);
      expect(bib.fields.get('date')).toBe(record.date);
      expect(untex(bib.fields.get('note')!)).toBe(record.digest.title);
      const ris = new Map(readRis(read(`${dir}cite.ris`)));
      expect(ris.get('TI')).toBe(oneLine(record.headline));
      expect(ris.get('UR')).toBe(url);
      const [csl] = JSON.parse(read(`${dir}cite.json`)) as { title: string; URL: string }[];
      expect(csl).toMatchObject({ title: record.headline, URL: url });
    }
  });

  it('should show a Cite block with the reference and its downloads, and carry citation_* and Dublin Core tags', () => {
    for (const record of records) {
      const $ = load(read(`${record.url.slice(1)}index.html`));
      const url = `https://example.org/news${record.url}`;
      const block = $('section.cite');
      expect(block.find('h2').text()).toBe('Cite this story');
      expect(block.attr('aria-labelledby')).toBe(block.find('h2').attr('id'));
      const text = block.find('blockquote p').text();
      for (const part of [oneLine(record.headline).replace(/[.!?]$/, ''), record.digest.title, 'News Digest', url]) expect(text).toContain(part);
      expect(block.find('a[download]').map((_, a) => $(a).attr('href')).get()).toEqual(['bib', 'ris', 'json'].map((ext) => `/news${record.url}cite.${ext}`));
      const meta = (name: string) => $(`head meta[name="${name}"]`).attr('content');
      expect(meta('citation_title')).toBe(oneLine(record.headline));
      expect(meta('citation_publication_date')).toBe(record.date.replaceAll('-', '/'));
      expect(meta('citation_publication_date')).toMatch(/^\d{4}\/\d{2}(\/\d{2})?$/);
      expect(meta('citation_journal_title')).toBe('News Digest');
      expect(meta('citation_public_url')).toBe(url);
      expect(meta('citation_author')).toBe('News Digest editors');
      expect(meta('DC.title')).toBe(oneLine(record.headline));
      expect(meta('DC.date')).toBe(record.date);
      expect(meta('DC.identifier')).toBe(url);
      expect(meta('DC.publisher')).toBe('News Digest');
      expect(meta('DC.type')).toBe('Text');
    }
  });

  it('should rewrite a story\'s citation files on an incremental build exactly as a full build writes them, and delete a removed story\'s', async () => {
    const path = join(seeds, '2025-06.txt');
    writeFileSync(path, readFileSync(path, 'utf8').replace('100% agree', '99% agree'));
    const summary = await incremental();
    expect(summary.full).toBe(false);
    const changed = records.find((record) => record.headline.includes('100% agree'))!;
    expect(read(`${changed.url.slice(1)}cite.ris`)).toContain('99% agree');
    const fresh = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: fresh, cacheDir: false, incremental: false, search: false, baseUrl: 'https://example.org/news/' });
    expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
    rmSync(path);
    await incremental();
    const now = (JSON.parse(read('stories.json')) as { stories: StoryRecord[] }).stories.map((record) => record.url);
    const tree = Object.keys(snapshotTree(out));
    const citeFiles = tree.filter((file) => /\/cite\.(bib|ris|json)$/.test(file)).sort();
    expect(citeFiles).toEqual(now.flatMap((url) => ['bib', 'json', 'ris'].map((ext) => `${url.slice(1)}cite.${ext}`)).sort());
  });
});
