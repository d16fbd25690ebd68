/**
 * Issue 8, output contexts: a hostile seed set is built with `build()` into a
 * temporary folder, and every file the build writes is checked by type, so
 * pages, feeds and exports added later are covered too:
 * - every *.html: no script but JSON-LD and same-origin `src`, no `on*`
 *   attributes, no javascript:/data:/vbscript: URLs, no inline styles, a strict
 *   CSP, JSON-LD that parses and names the page's h1, bidi-isolated RTL text;
 * - every *.xml and *.svg: well-formed, no C0 control characters;
 * - every *.json: parses; embedded HTML is inert;
 * - stories.csv: rectangular, formula cells neutralised;
 * - everything: no double escaping (`&amp;lt;`), nothing outside the output folder.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import type { StoryRecord } from '../../src/types.ts';
import { tempDir } from '../helpers/cli.ts';
import { fixture } from '../helpers/seeds.ts';
import { parseCsv } from '../helpers/csv.ts';

/** Fixture → the name it gets in the seeds folder (odd names on purpose). */
const SEEDS: Record<string, string> = {
  'template-syntax.txt': 'template-syntax.txt',
  'html-injection.txt': 'html-injection.txt',
  'html-injection.md': '%2e%2e%2fmarkdown-injection.md',
  'unicode.txt': '普京访华.txt',
  'control-characters.txt': '..%2f..%2fcontrol.txt',
  'path-names.txt': '-rf --no-preserve-root.txt',
};

const DANGEROUS_URL = /^(?:javascript|data|vbscript):/;
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'cite', 'manifest', 'ping', 'srcset'];
const DOUBLE_ESCAPED = /&amp;(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/i;
const VISIBLE_ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/i;
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** `javascript:` hides behind case, whitespace, control characters and entities; the parser already decoded entities. */
const normalizedUrl = (value: string): string => value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((path) => join(dir, path));
}

/** A cheerio node that is an element (has a tag name and attributes). */
type Tag = { readonly tagName: string; readonly attribs: Record<string, string> };
const isTag = <T,>(node: T): node is T & Tag => typeof node === 'object' && node !== null && 'attribs' in node && 'tagName' in node;

/** Inert HTML, page or fragment: the checks shared by pages and by HTML embedded in feeds and JSON. */
function inertProblems($: cheerio.CheerioAPI): string[] {
  const problems: string[] = [];
  $('script').each((_i, element) => {
    const script = $(element);
    const type = (script.attr('type') ?? '').trim().toLowerCase();
    const src = script.attr('src');
    if (type === 'application/ld+json') {
      if (src !== undefined) problems.push('JSON-LD script with src');
    } else if (src === undefined) {
      problems.push(`inline <script>${script.text().slice(0, 60)}`);
    } else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src.trim())) {
      problems.push(`script from another origin: ${src}`);
    }
  });
  $('*').toArray().filter(isTag).forEach((element) => {
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name)) problems.push(`<${element.tagName} ${name}="${value.slice(0, 40)}">`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase())) {
        for (const url of name.toLowerCase() === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value]) {
          if (DANGEROUS_URL.test(normalizedUrl(url))) problems.push(`<${element.tagName} ${name}="${url.slice(0, 60)}">`);
        }
      }
    }
  });
  $('meta[http-equiv]').each((_i, element) => {
    const meta = $(element);
    if ((meta.attr('http-equiv') ?? '').toLowerCase() !== 'refresh') return;
    const url = /url\s*=\s*['"]?([^'"]*)/i.exec(meta.attr('content') ?? '')?.[1] ?? '';
    if (DANGEROUS_URL.test(normalizedUrl(url))) problems.push(`<meta http-equiv="refresh"> to ${url}`);
  });
  $('foreignObject, iframe, object, embed, base').toArray().filter(isTag).forEach((element) => {
    problems.push(`<${element.tagName}>`);
  });
  return problems;
}

/** Every string in a parsed JSON or XML value, with the key it stands under. */
function strings(value: unknown, key = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key, text: value }];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, key));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k === '#text' ? key : k));
  return [];
}

function findHeadlines(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(findHeadlines);
  if (value === null || typeof value !== 'object') return [];
  const own = typeof (value as { headline?: unknown }).headline === 'string' ? [(value as { headline: string }).headline] : [];
  return [...own, ...Object.values(value).flatMap(findHeadlines)];
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('a site built from hostile seeds', () => {
  let root: string;
  let seeds: string;
  let out: string;
  let files: string[];
  let records: StoryRecord[];
  const read = (path: string): string => readFileSync(path, 'utf8');
  const ofType = (pattern: RegExp): string[] => files.filter((path) => pattern.test(path) && lstatSync(path).isFile());
  const page = (url: string): cheerio.CheerioAPI => cheerio.load(read(join(out, url, 'index.html')));

  beforeAll(async () => {
    root = tempDir('nd-hostile-');
    seeds = join(root, 'seeds');
    out = join(root, 'site');
    mkdirSync(seeds);
    for (const [name, target] of Object.entries(SEEDS)) copyFileSync(fixture('hostile', name), join(seeds, target));
    await build({ seedsDir: seeds, outDir: out, cacheDir: false, log: () => {} });
    files = walk(out);
    records = (JSON.parse(read(join(out, 'stories.json'))) as { stories: StoryRecord[] }).stories;
  });

  it('should write every file inside the output folder, and nothing else anywhere', () => {
    const outReal = realpathSync(out);
    for (const path of files) expect(realpathSync(path).startsWith(outReal + sep), relative(out, path)).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['seeds', 'site']);
    expect(readdirSync(seeds).sort()).toEqual([...Object.values(SEEDS), 'permalinks.json'].sort());
    expect(records.length).toBeGreaterThan(20);
    for (const record of records) expect(record.url).toMatch(/^\/stories\/\d{4}\/\d{2}\/(\d{2}\/)?[a-z0-9-]+\/$/);
    expect(new Set(records.map((r) => r.url)).size).toBe(records.length);
  });

  it('should keep seed text literal, byte for byte, in stories.json and on every story page', () => {
    const source = Object.keys(SEEDS).map((name) => read(fixture('hostile', name))).join('\n');
    expect(records.map((r) => r.headline)).toContain('Template {{ 7*7 }} and {% include "../../package.json" %} and ${7*7} stay literal');
    for (const record of records) {
      if (!record.digest.file.endsWith('.md') && !record.digest.file.includes('control')) expect(source).toContain(record.headline);
      const $ = page(record.url);
      expect(squash($('h1').first().text()), record.url).toBe(squash(record.headline));
      expect($('title').text(), record.url).toContain(squash(record.headline));
      for (const selector of ['meta[property="og:title"]', 'meta[name="twitter:title"]']) {
        const content = $(selector).attr('content');
        if (content !== undefined) expect(squash(content), `${record.url} ${selector}`).toContain(squash(record.headline));
      }
      const description = $('meta[name="description"]').attr('content');
      if (description !== undefined) expect(squash(description), record.url).toContain(squash(record.paragraphs[0] ?? '').slice(0, 40));
      const text = squash($('body').text());
      for (const paragraph of record.paragraphs) expect(text, record.url).toContain(squash(paragraph));
    }
  });

  it('should render no page that runs anything: scripts, handlers and URL schemes', () => {
    const pages = ofType(/\.html$/);
    expect(pages.length).toBeGreaterThan(records.length);
    const problems = pages.flatMap((path) => inertProblems(cheerio.load(read(path))).map((problem) => `${relative(out, path)}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('should keep the safe links of Markdown stories', () => {
    const markdown = records.filter((r) => r.digest.file.endsWith('.md'));
    const links = markdown.flatMap((r) => page(r.url)('article a, main a').map((_i, a) => a.attribs.href ?? '').get());
    expect(links).toEqual(expect.arrayContaining(['https://example.org/ok', 'https://example.org/auto', 'mailto:desk@example.org']));
  });

  it('should give every page a strict content security policy and no inline styles', () => {
    const problems: string[] = [];
    for (const path of ofType(/\.html$/)) {
      const $ = cheerio.load(read(path));
      const name = relative(out, path);
      const csp = $('meta[http-equiv]').filter((_i, m) => (m.attribs['http-equiv'] ?? '').toLowerCase() === 'content-security-policy').attr('content');
      if (csp === undefined) {
        problems.push(`${name}: no CSP`);
      } else {
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k!.toLowerCase(), v]));
        const scripts = directives.get('script-src') ?? directives.get('default-src');
        if (!scripts) problems.push(`${name}: CSP without script-src or default-src`);
        else if (scripts.some((s) => /^'unsafe-(inline|eval)'$|^\*$|^https?:$|^data:$/i.test(s))) problems.push(`${name}: script-src ${scripts.join(' ')}`);
        if (!(directives.get('object-src') ?? directives.get('default-src'))?.includes("'none'") && !directives.get('default-src')?.includes("'self'")) problems.push(`${name}: no object-src`);
      }
      $('[style]').each((_i, e) => void problems.push(`${name}: <${e.tagName} style="${e.attribs.style}">`));
      $('style').each(() => void problems.push(`${name}: <style> element`));
    }
    expect(problems).toEqual([]);
  });

  it('should write JSON-LD that parses and whose headline is the page’s h1', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const path of ofType(/\.html$/)) {
      const $ = cheerio.load(read(path));
      $('script[type="application/ld+json"]').each((_i, element) => {
        const raw = $(element).text();
        if (/<\/?script|<!--/i.test(raw)) problems.push(`${relative(out, path)}: raw markup in JSON-LD`);
        if (/[\u2028\u2029]/.test(raw)) problems.push(`${relative(out, path)}: raw U+2028/U+2029 in JSON-LD`);
        let data: unknown;
        try {
          data = JSON.parse(raw);
        } catch (error) {
          problems.push(`${relative(out, path)}: JSON-LD does not parse: ${(error as Error).message}`);
          return;
        }
        const h1 = squash($('h1').first().text());
        for (const headline of findHeadlines(data)) {
          checked++;
          if (squash(headline) !== h1) problems.push(`${relative(out, path)}: JSON-LD headline ${JSON.stringify(headline)} ≠ h1 ${JSON.stringify(h1)}`);
        }
      });
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(records.length);
  });

  it('should isolate right-to-left headlines wherever a page shows them', () => {
    const rtl = records.filter((r) => RTL.test(r.headline));
    expect(rtl.length).toBeGreaterThanOrEqual(2);
    const problems: string[] = [];
    for (const path of ofType(/\.html$/)) {
      const $ = cheerio.load(read(path));
      for (const record of rtl) {
        $('body *').each((_i, element) => {
          const node = $(element);
          if (squash(node.text()) !== squash(record.headline) || node.children().filter((_j, c) => squash($(c).text()) === squash(record.headline)).length > 0) return;
          if (node.closest('bdi, [dir="auto"], [dir="rtl"]').length === 0 && node.find('bdi, [dir="auto"], [dir="rtl"]').length === 0) {
            problems.push(`${relative(out, path)}: <${element.tagName}> ${record.headline}`);
          }
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('should escape once: no `&amp;lt;` in any page, export or decoded text', () => {
    const problems: string[] = [];
    const flag = (name: string, text: string, pattern: RegExp): void => {
      const match = pattern.exec(text)?.[0];
      if (match !== undefined) problems.push(`${name}: ${match} in ${JSON.stringify(text.slice(Math.max(0, text.indexOf(match) - 30), text.indexOf(match) + 30))}`);
    };
    // One layer of escaping: the raw file must not hold an escaped entity.
    for (const path of ofType(/\.(html|csv|txt)$/)) flag(relative(out, path), read(path), DOUBLE_ESCAPED);
    // Pages: what a reader sees holds no entity (the seeds type none).
    for (const path of ofType(/\.html$/)) flag(`${relative(out, path)} (text)`, cheerio.load(read(path))('body').text(), VISIBLE_ENTITY);
    // Feeds and JSON carry HTML as escaped text (`&amp;#x3C;` is right there): decode each layer, then look.
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true });
    for (const path of ofType(/\.(xml|json)$/)) {
      const text = read(path);
      const value = path.endsWith('.json') ? (JSON.parse(text) as unknown) : (parser.parse(text) as unknown);
      for (const { key, text: string } of strings(value)) {
        const shown = /html$|^(content|summary|description)$/i.test(key) ? cheerio.load(string, null, false).root().text() : string;
        flag(`${relative(out, path)} ${key}`, shown, VISIBLE_ENTITY);
      }
    }
    expect(problems).toEqual([]);
  });

  it('should write well-formed XML without control characters, with inert embedded HTML', () => {
    const xml = ofType(/\.(xml|svg)$/);
    expect(xml.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true });
    for (const path of xml) {
      const text = read(path);
      const name = relative(out, path);
      const valid = XMLValidator.validate(text);
      if (valid !== true) problems.push(`${name}: ${valid.err.msg} at line ${valid.err.line}`);
      if (XML_ILLEGAL.test(text)) problems.push(`${name}: control character`);
      if (valid !== true) continue;
      const parsed = parser.parse(text) as unknown;
      if (/"script"|"foreignObject"/.test(JSON.stringify(parsed, (k, v: unknown) => (k === '' || typeof v === 'object' ? v : undefined)))) problems.push(`${name}: script element`);
      for (const { key, text: value } of strings(parsed)) {
        if (/^(content|summary|description|content:encoded)$/.test(key) && /<[a-z!/]/i.test(value)) {
          for (const problem of inertProblems(cheerio.load(value, null, false))) problems.push(`${name} <${key}>: ${problem}`);
        }
      }
      for (const record of records) {
        if (text.includes(record.url) && /<(feed|rss)\b/.test(text)) {
          if (!strings(parsed).some((s) => s.text.includes(record.headline))) problems.push(`${name}: headline of ${record.url} not found once-escaped`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('should write JSON that parses, without control characters, with inert embedded HTML', () => {
    const json = ofType(/\.json$/);
    expect(json.map((path) => relative(out, path))).toEqual(expect.arrayContaining(['stories.json']));
    const problems: string[] = [];
    for (const path of json) {
      const name = relative(out, path);
      let value: unknown;
      try {
        value = JSON.parse(read(path));
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      for (const { key, text } of strings(value)) {
        if (CONTROL.test(text)) problems.push(`${name} ${key}: control character`);
        if (/html$/i.test(key)) for (const problem of inertProblems(cheerio.load(text, null, false))) problems.push(`${name} ${key}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('should check the search index: its fragments hold the text once-escaped', () => {
    const fragments = ofType(/\.pf_fragment$/);
    const problems: string[] = [];
    for (const path of fragments) {
      const text = gunzipSync(readFileSync(path)).toString('utf8').replace(/^pagefind_dcd/, '');
      if (DOUBLE_ESCAPED.test(text)) problems.push(`${relative(out, path)}: double escaped`);
      if (CONTROL.test(text)) problems.push(`${relative(out, path)}: control character`);
    }
    expect(problems).toEqual([]);
  });

  it('should write a CSV a spreadsheet cannot run', () => {
    const csv = ofType(/\.csv$/);
    expect(csv.length).toBeGreaterThan(0);
    for (const path of csv) {
      const rows = parseCsv(read(path));
      const header = rows[0] ?? [];
      for (const row of rows) expect(row).toHaveLength(header.length);
      for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
      const headline = header.indexOf('headline');
      if (headline !== -1) {
        const shown = rows.slice(1).map((row) => row[headline]!.replace(/^'(?=[=+\-@\t\r])/, ''));
        expect(shown.sort()).toEqual(records.map((r) => r.headline).sort());
      }
    }
  });

  it('should ship only scripts that never build HTML from strings', () => {
    const scripts = ofType(/\.m?js$/).filter((path) => !relative(out, path).startsWith('pagefind'));
    for (const path of scripts) expect(read(path), relative(out, path)).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
  });
});

describe('a hostile permalink registry beside the seeds', () => {
  it('should neither write outside the output folder nor link to a dangerous URL', async () => {
    const root = tempDir('nd-registry-');
    const seeds = join(root, 'seeds');
    const out = join(root, 'site');
    mkdirSync(seeds);
    writeFileSync(join(seeds, '2024-05.txt'), 'Headline one\nParagraph.\n|\n');
    const entry = { digest: '2024-05', position: 1, headline: 'Headline one', date: '2024-05' };
    writeFileSync(join(seeds, 'permalinks.json'), JSON.stringify({
      version: 1,
      stories: [{ ...entry, url: '/../../../escaped-story/' }],
      redirects: [{ from: '/../../escaped-redirect/', to: 'javascript:alert(1)' }],
      withdrawn: [{ ...entry, digest: 'x', url: '/../../escaped-withdrawn/' }],
    }));
    const built = await build({ seedsDir: seeds, outDir: out, cacheDir: false, search: false, log: () => {} }).then(() => true, (error: Error) => {
      expect(error.message).toMatch(/permalinks\.json/);
      return false;
    });
    expect(readdirSync(root).sort()).toEqual(['seeds', 'site'].filter((n) => n !== 'site' || built || existsSync(join(root, 'site'))));
    if (!built) return;
    const problems = walk(out)
      .filter((path) => path.endsWith('.html'))
      .flatMap((path) => inertProblems(cheerio.load(readFileSync(path, 'utf8'))).map((p) => `${relative(out, path)}: ${p}`));
    expect(problems).toEqual([]);
    const urls = walk(out).map((path) => `/${relative(out, path)}`);
    expect(urls.filter((url) => /escaped-/.test(url))).toEqual([]);
  });
});

describe('seeds that are not regular files', () => {
  it('should build past a FIFO and a folder named like a seed', async () => {
    const root = tempDir('nd-special-');
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    writeFileSync(join(seeds, '2024-05.txt'), 'Headline one\nParagraph.\n|\n');
    mkdirSync(join(seeds, 'x.txt'));
    execFileSync('mkfifo', [join(seeds, 'pipe.txt')]);
    const notices: string[] = [];
    const summary = await build({ seedsDir: seeds, outDir: join(root, 'site'), cacheDir: false, search: false, log: (line) => notices.push(line) });
    expect(summary.stories).toBe(1);
    expect(notices).toEqual(expect.arrayContaining([expect.stringMatching(/x\.txt: skipped folder/), expect.stringMatching(/pipe\.txt: skipped, not a regular file/)]));
  });
});
