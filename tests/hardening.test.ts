/**
 * Issue 8: every seed is untrusted input. One fixture per rule in
 * tests/fixtures/hostile/; binary and oversized inputs are made here.
 * Output contexts (pages, feeds, CSV, …) are in hardening-output.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { build } from '../src/commands/build.ts';
import { loadSeeds } from '../src/engine/load.ts';
import { MAX_SEED_BYTES } from '../src/seeds/decode.ts';
import { MAX_ALIAS_COUNT } from '../src/seeds/frontmatter.ts';
import { escapeControl } from '../src/errors.ts';
import { digestId } from '../src/seeds/parse.ts';
import { toRecords } from './helpers/records.ts';
import { listSeeds, readSeed } from '../src/seeds/folder.ts';
import type { ParsedDigest, StoryRecord } from '../src/types.ts';
import { runCli, snapshotTree, tempDir } from './helpers/cli.ts';
import { fixture, parsePath, parseText } from './helpers/seeds.ts';

const hostile = (name: string) => parsePath(fixture('hostile', name));
const records = (digest: ParsedDigest | undefined): StoryRecord[] => (digest ? toRecords([digest]) : []);
const PWNED_FILE = join(tmpdir(), 'news-digest-js-pwned.txt');
const STORY_URL = /^\/stories\/\d{4}\/\d{2}\/(\d{2}\/)?[a-z0-9-]+\/$/;
const seconds = (start: number): number => (performance.now() - start) / 1000;

describe('rule 1: nothing from a seed runs', () => {
  it('should keep template syntax literal, byte for byte, in headlines, paragraphs and titles', () => {
    const { digest, messages } = hostile('template-syntax.txt');
    expect(messages).toEqual([]);
    expect(digest?.digest.title).toBe('{{ 7*7 }} Digest {% raw %}');
    expect(digest?.stories.map((s) => s.headline)).toEqual([
      'Template {{ 7*7 }} and {% include "../../package.json" %} and ${7*7} stay literal',
      '{{ "<script>alert(1)</script>" | safe }} is not a filter',
    ]);
    expect(digest?.stories[0]?.paragraphs[0]).toBe('Paragraph with {{ nd.site.title }}, {%- set x = 1 -%}, {# comment #}, <%= 7*7 %>, #{7*7} and ${process.exit(1)} stays literal.');
  });

  const engines: [string, string][] = [
    ['js-statement.txt', 'js'],
    ['javascript-object.txt', 'javascript'],
    ['javascript-mixed-case.txt', 'JavaScript'],
    ['js-spaced.txt', 'js'],
  ];
  it.each(engines)('should refuse %s (front matter language `%s`) without running it', (name, language) => {
    rmSync(PWNED_FILE, { force: true });
    const { digest, messages } = hostile(name);
    expect(digest).toBeUndefined();
    expect(messages).toEqual([expect.stringMatching(new RegExp(`${name}:1:1: error: Unexpected front matter language \`${language}\`, expected YAML`))]);
    expect((globalThis as Record<string, unknown>).__ndJsPwned).toBeUndefined();
    expect(existsSync(PWNED_FILE)).toBe(false);
  });

  it('should refuse every other non-YAML front matter language', () => {
    for (const fence of ['---coffee', '---json', '---toml', '---cson', '---constructor', '---__proto__', '---yaml js']) {
      const { digest, messages } = parseText(`${fence}\n{"date": "2024-05"}\n---\nHeadline\nParagraph.\n`);
      expect(digest, fence).toBeUndefined();
      expect(messages.join('\n'), fence).toMatch(/:1:1: error: Unexpected front matter language/);
    }
    for (const fence of ['---', '--- ', '---yaml', '--- YAML', '---yml']) {
      expect(parseText(`${fence}\ndate: 2024-05\n---\nHeadline\nParagraph.\n`).messages, fence).toEqual([]);
    }
  });

  it('should be testing live payloads: gray-matter with `engines: {js: false}` does run them', () => {
    // The control: what would happen if seeds went through gray-matter (`js: false` only
    // makes it fall back to its `javascript` engine). The payload is pointed at its own
    // global and file so it cannot mask the tests above.
    const control = join(tmpdir(), `news-digest-js-control-${process.pid}.txt`);
    const text = readFileSync(fixture('hostile', 'js-statement.txt'), 'utf8').replaceAll('news-digest-js-pwned.txt', control.split(/[\\/]/).pop()!).replaceAll('__ndJsPwned', '__ndJsControl');
    try {
      matter(text, { engines: { js: false } } as never);
      expect((globalThis as Record<string, unknown>).__ndJsControl).toBe('statement');
      expect(existsSync(control)).toBe(true);
    } finally {
      delete (globalThis as Record<string, unknown>).__ndJsControl;
      rmSync(control, { force: true });
    }
  });

  it('should refuse YAML tags such as `!!js/function`, naming their lines', () => {
    const { digest, messages } = hostile('yaml-js-tag.txt');
    expect(digest).toBeUndefined();
    expect(messages).toEqual([
      expect.stringMatching(/yaml-js-tag\.txt:3:1: error: Unexpected YAML tag `!!js\/function`/),
      expect.stringMatching(/yaml-js-tag\.txt:4:1: error: Unexpected YAML tag `!!js\/undefined`/),
    ]);
    for (const tagged of ['!!binary aGk=', '!!set {a}', '!!timestamp 2024-05-01', '!custom x', '!!str 2024-05']) {
      expect(parseText(`---\ndate: ${tagged}\n---\nHeadline\nParagraph.\n`).messages.join('\n'), tagged).toMatch(/:2:1: error: Unexpected YAML tag/);
    }
  });
});

describe('rule 2: front matter cannot steer the build', () => {
  it('should reject every Eleventy key, each on its own line', () => {
    const { digest, messages } = hostile('steering-keys.txt');
    expect(digest).toBeUndefined();
    expect(messages.map((m) => /:(\d+):1: error: Unexpected front matter key `(\w+)`/.exec(m)?.slice(1).join(' '))).toEqual([
      '3 permalink', '4 layout', '5 eleventyComputed', '7 pagination', '9 tags', '10 templateEngineOverride', '11 eleventyExcludeFromCollections',
    ]);
  });

  it('should read only `date`, `title` and `source`, and warn about any other key', () => {
    const { digest, messages } = parseText('---\ndate: 2024-05\ntitle: T\nsource: https://example.org/may\n__proto__: {polluted: true}\nconstructor: x\n---\nHeadline\nParagraph.\n');
    expect(Object.keys(digest?.digest ?? {}).sort()).toEqual(['date', 'file', 'id', 'source', 'title']);
    expect(messages).toEqual([expect.stringMatching(/:5:1: warning: Ignored unknown front matter key `__proto__`/), expect.stringMatching(/:6:1: warning: Ignored unknown front matter key `constructor`/)]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseText('---\ndate: 2024-05\nsource: javascript:alert(1)//https://x\n---\nHeadline\nParagraph.\n').messages.join('\n')).toMatch(/:3:1: error: Unexpected `source`/);
  });

  it('should make URLs and digest ids from path-like headlines and file names that stay inside the site', () => {
    const stories = records(hostile('path-names.txt').digest);
    expect(stories).toHaveLength(6);
    for (const story of stories) expect(story.url).toMatch(STORY_URL);
    const ids = ['..%2f..%2fevil.txt', '%2e%2e.txt', '..txt', '...txt', 'C:\\evil.txt', '/etc/passwd.txt', '普京访华.txt', '🚀.txt', `${'長'.repeat(200)}.txt`].map(digestId);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_-]{1,80}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(digestId('普京访华.txt')).toBe('pu-jing-fang-hua');
  });
});

describe('rule 4: dates are validated, never rolled over', () => {
  const cases: [string, RegExp][] = [
    ['leap-day.txt', /leap-day\.txt:2:1: error: Unexpected date `2023-02-29`, expected a real calendar date/],
    ['garbage-date.txt', /garbage-date\.txt:3:1: error: Unexpected date `next Tuesday`, expected a real calendar date/],
  ];
  it.each(cases)('should reject %s naming the line', (name, expected) => {
    const { digest, messages } = hostile(name);
    expect(digest).toBeUndefined();
    expect(messages.join('\n')).toMatch(expected);
  });

  it('should reject an impossible date in the file name, and not take one from the text', () => {
    expect(parseText('Headline\nParagraph.\n', '2025-02-30-digest.txt').messages).toEqual([expect.stringMatching(/:1:1: error: Unexpected date `2025-02-30` at the start of the file name/)]);
    expect(parseText('---\ndate: 2024-02-29\n---\nHeadline\nParagraph.\n').digest?.digest.date).toEqual({ year: 2024, month: 2, day: 29 });
    const [story] = records(parseText('Talks on February 30 collapse\nThe talks were held on February 30, officials said.\n', '2025-03-15-x.txt').digest);
    expect(story?.date).not.toBe('2025-03-02');
  });
});

describe('rule 5: text is preserved', () => {
  const { digest, messages } = hostile('unicode.txt');
  const stories = records(digest);

  it('should keep emoji, RTL scripts, NFD and zero-width characters exactly as written', () => {
    expect(messages).toEqual([]);
    const source = readFileSync(fixture('hostile', 'unicode.txt'), 'utf8');
    for (const story of stories) {
      expect(source).toContain(story.headline);
      for (const paragraph of story.paragraphs) expect(source).toContain(paragraph);
    }
    const headlines = stories.map((s) => s.headline);
    expect(headlines).toContain('普京访华 🇨🇳🇷🇺 👨\u200d👩\u200d👧 families');
    expect(headlines).toContain('بوتين يزور الصين');
    expect(headlines).toContain('Re\u0301sume\u0301 of talks'); // NFD stays NFD
    expect(headlines).toContain('R\u00e9sum\u00e9 of talks');
    expect(headlines).toContain('Zero\u200bwidth and \u202eoverride\u202c and می\u200cخواهم');
  });

  it('should close a bidi override or isolate the editor left open, where its line or title ends, and drop closers of nothing', () => {
    const { digest, messages } = parseText('---\ndate: 2024-05\ntitle: "May \\u202e digest \\u2069"\n---\nIran and \u202eRussia sign a gas deal\nThe two sides \u2067signed on 3 May 2024.\n');
    expect(messages.filter((message) => message.includes(': error: '))).toEqual([]);
    expect(digest?.digest.title).toBe('May \u202e digest\u202c');
    expect(digest?.stories[0]?.headline).toBe('Iran and \u202eRussia sign a gas deal\u202c');
    expect(digest?.stories[0]?.paragraphs).toEqual(['The two sides \u2067signed on 3 May 2024.\u2069']);
  });

  it('should give every story a unique, readable, capped URL, whatever its script', () => {
    const urls = stories.map((s) => s.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const story of stories) {
      expect(story.url).toMatch(STORY_URL);
      expect(story.slug.length).toBeLessThanOrEqual(80 + 7);
    }
    const slugOf = (headline: string) => stories.filter((s) => s.headline === headline).map((s) => s.slug);
    expect(slugOf('普京访华 🇨🇳🇷🇺 👨\u200d👩\u200d👧 families')).toEqual(['pu-jing-fang-hua-families']);
    expect(slugOf('بوتين يزور الصين')[0]).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(slugOf('Same headline twice')).toEqual(['same-headline-twice', expect.stringMatching(/^same-headline-twice-[0-9a-f]{6}$/)]);
    expect(slugOf('🚀🔥')).toEqual([expect.stringMatching(/^story-[0-9a-f]{6}$/), expect.stringMatching(/^story-[0-9a-f]{6}$/)]);
    expect([...slugOf('Re\u0301sume\u0301 of talks'), ...slugOf('R\u00e9sum\u00e9 of talks')].map((s) => s.slice(0, 15))).toEqual(['resume-of-talks', 'resume-of-talks']);
  });

  it('should remove control characters from headlines and paragraphs', () => {
    const { digest: controls, messages: problems } = hostile('control-characters.txt');
    expect(problems).toEqual([]);
    const story = controls?.stories[0];
    expect(story?.headline).toBe('Headline with [31mred[0m and a bell');
    for (const text of [story?.headline, ...(story?.paragraphs ?? []), story?.html]) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/);
  });
});

describe('rule 6: bad files get diagnostics, not crashes', () => {
  const cases: [string, Uint8Array | string, RegExp][] = [
    ['invalid UTF-8', Buffer.from('Headline\nPara\xc3\x28graph.\n', 'latin1'), /:2:1: error: Unexpected byte sequence that is not UTF-8/],
    ['UTF-16 without a BOM', Buffer.from('Headline\nParagraph.\n', 'utf16le'), /:1:1: error: Unexpected NUL byte/],
    ['invalid UTF-16 with a BOM', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), /:1:1: error: Unexpected invalid UTF-16LE text/],
    ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /:3:1: error: Unexpected NUL byte/],
    ['an empty file', '', /:1:1: error: Unexpected empty file/],
    ['a whitespace-only file', readFileSync(fixture('hostile', 'whitespace-only.txt')), /:1:1: error: Unexpected empty file/],
    ['a digest with no stories', readFileSync(fixture('hostile', 'no-stories.txt')), /:1:1: error: Unexpected digest with no stories/],
    ['broken YAML', '---\ndate: [2024\n---\nHeadline\nParagraph.\n', /:\d+:1: error: Unexpected front matter YAML/],
    ['a headline-only story', '---\ndate: 2024-05\n---\nA headline\n', /:4:1: error: Unexpected headline without a paragraph/],
    ['UTF-32LE with a BOM (whose first bytes are UTF-16LE\'s)', Buffer.from([0xff, 0xfe, 0, 0, 0x48, 0, 0, 0, 0x0a, 0, 0, 0]), /:1:1: error: Unexpected UTF-32 text, expected UTF-8/],
    ['UTF-32BE with a BOM', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x48]), /:1:1: error: Unexpected UTF-32 text/],
    ['a front matter key given twice', '---\ndate: 2024-05\ntitle: A\ndate: 2024-06\n---\nHeadline\nParagraph.\n', /:4:1: error: Unexpected front matter key `date` a second time \(first on line 2\)/],
    ['a date given as a map', '---\ndate: { y: 2024 }\n---\nHeadline\nParagraph.\n', /:2:1: error: Unexpected date `\{"y":2024\}`/],
  ];
  it.each(cases)('should report %s as `file:line:col: error: message`', (_name, bytes, expected) => {
    const { digest, messages } = parseText(bytes);
    expect(digest).toBeUndefined();
    expect(messages.join('\n')).toMatch(expected);
  });

  it('should read front matter after a second byte-order mark or pasted blank lines, with its own line numbers', () => {
    const text = '---\ndate: 2024-05-02\n---\nHeadline\nParagraph.\n';
    expect(parseText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)])).digest?.digest.date).toEqual({ year: 2024, month: 5, day: 2 });
    expect(parseText(`\n\n${text}`).digest?.digest.date).toEqual({ year: 2024, month: 5, day: 2 });
    expect(parseText('\n\n---\ndate: 2024-05\nwhen: x\ndate: 2024-06\n---\nHeadline\nParagraph.\n').messages.join('\n')).toMatch(/:6:1: error: Unexpected front matter key `date` a second time \(first on line 4\)/);
    // A rule under blank lines, with no YAML key after it, stays the digest's own.
    expect(parseText('\n---\nMay digest\n---\n\nHeadline\n\nParagraph.\n').messages).not.toContainEqual(expect.stringMatching(/front matter/));
  });

  it('should read UTF-16 with a byte-order mark', () => {
    const text = '---\ndate: 2024-05\n---\nHeadline 普京\nParagraph.\n';
    expect(parseText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).digest?.stories[0]?.headline).toBe('Headline 普京');
  });

  it('should never print a seed’s escape sequences raw', () => {
    const { messages } = hostile('escape-sequences-error.txt');
    expect(messages).toEqual([expect.stringMatching(/:4:1: error: Unexpected headline without a paragraph/)]);
    expect(messages.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(escapeControl('a\u001b[2Jb\u009bc\u202ed\ne\tf')).toBe('a\\x1b[2Jb\\x9bc\\u202ed\\x0ae\tf');
  });

  it('should skip hidden files, folders, special files, non-digests and links that leave the folder, with a notice', async () => {
    const root = tempDir();
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    writeFileSync(join(root, 'outside.txt'), 'Secret\nOutside the seeds folder.\n');
    writeFileSync(join(seeds, '2024-05.txt'), 'Headline\nParagraph.\n');
    writeFileSync(join(seeds, '.hidden.txt'), 'x');
    writeFileSync(join(seeds, 'notes.docx'), 'x');
    mkdirSync(join(seeds, 'folder.txt'));
    symlinkSync(join(root, 'outside.txt'), join(seeds, 'link-out.txt'));
    symlinkSync('/etc/passwd', join(seeds, 'passwd.txt'));
    symlinkSync(join(seeds, 'missing.txt'), join(seeds, 'broken.txt'));
    symlinkSync(join(seeds, '2024-05.txt'), join(seeds, '2024-06.txt'));
    execFileSync('mkfifo', [join(seeds, 'pipe.txt')]);
    const listing = await listSeeds(seeds);
    expect(listing.files.map((f) => f.slice(seeds.length + 1))).toEqual(['2024-05.txt', '2024-06.txt']);
    expect(listing.notices.map((n) => n.slice(seeds.length + 1))).toEqual([
      '.hidden.txt: skipped hidden or backup file',
      'broken.txt: skipped broken link',
      'folder.txt: skipped folder (seeds are read from the top level only)',
      expect.stringMatching(/^link-out\.txt: skipped link that points outside/),
      'notes.docx: skipped, not a digest (expected .txt, .md, .markdown)',
      expect.stringMatching(/^passwd\.txt: skipped link that points outside/),
      'pipe.txt: skipped, not a regular file',
    ]);
  });

  it('should report a file that cannot be read instead of crashing or blocking', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    mkdirSync(join(dir, 'folder.txt'));
    expect(await readSeed(join(dir, 'pipe.txt'))).toEqual({ ok: false, reason: expect.stringMatching(/^Unexpected special file/) });
    expect(await readSeed(join(dir, 'folder.txt'))).toEqual({ ok: false, reason: expect.stringMatching(/^Unexpected (special|unreadable) file/) });
    expect(await readSeed(join(dir, 'gone.txt'))).toEqual({ ok: false, reason: expect.stringMatching(/^Unexpected unreadable file \(removed while building\)/) });
  });

  it.skipIf(process.getuid?.() === 0)('should list an unreadable seed as an error', async () => {
    const seeds = tempDir();
    writeFileSync(join(seeds, '2024-05.txt'), 'Headline\nParagraph.\n');
    chmodSync(join(seeds, '2024-05.txt'), 0o000);
    const loaded = await loadSeeds(seeds);
    expect(loaded.files[0]?.messages.map(String)).toEqual([expect.stringMatching(/Unexpected unreadable file \(permission denied\)/)]);
  });

  it('should list every invalid file, exit 1 without a stack trace or raw escapes, and leave the previous site as it was', () => {
    const root = tempDir();
    const seeds = join(root, 'seeds');
    const out = join(root, 'site');
    mkdirSync(seeds);
    mkdirSync(join(out, 'stories'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<!doctype html><title>previous</title>');
    writeFileSync(join(out, 'stories', 'kept.html'), 'kept');
    const before = snapshotTree(out);
    copyFileSync(fixture('hostile', 'unicode.txt'), join(seeds, '2024-07-fine.txt'));
    writeFileSync(join(seeds, '2024-05-binary.txt'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(join(seeds, '2024-05-empty.txt'), '');
    writeFileSync(join(seeds, '2024-05-latin1.txt'), Buffer.from('Headline\nCaf\xe9.\n', 'latin1'));
    copyFileSync(fixture('hostile', 'escape-sequences-error.txt'), join(seeds, 'escape\u001b[31m-name.txt'));
    copyFileSync(fixture('hostile', 'js-statement.txt'), join(seeds, 'js.txt'));
    mkdirSync(join(seeds, 'folder.txt'));
    execFileSync('mkfifo', [join(seeds, 'pipe.txt')]);
    rmSync(PWNED_FILE, { force: true });

    const result = runCli(['build', '--seeds', seeds, '--out', out, '--no-search']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/2024-05-binary\.txt:3:1: error: Unexpected NUL byte/),
      expect.stringMatching(/2024-05-empty\.txt:1:1: error: Unexpected empty file/),
      expect.stringMatching(/2024-05-latin1\.txt:2:1: error: Unexpected byte sequence that is not UTF-8/),
      expect.stringMatching(/escape\\x1b\[31m-name\.txt:4:1: error: Unexpected headline without a paragraph/),
      expect.stringMatching(/js\.txt:1:1: error: Unexpected front matter language `js`/),
      '5 errors in 5 of 6 seed files; nothing was built, the previous site is unchanged',
    ]);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(PWNED_FILE)).toBe(false);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['seeds', 'site']);
  });

  it('should refuse a seeds folder without digests (a wrong --seeds), exit 1 naming it, and leave the built site as it was', () => {
    const root = tempDir();
    const seeds = join(root, 'seeds');
    const out = join(root, 'site');
    mkdirSync(seeds);
    writeFileSync(join(seeds, '2024-05.txt'), 'Russia and China sign a gas deal\nThe two sides signed a gas supply deal on 14 May 2024.\n');
    expect(runCli(['build', '--seeds', seeds, '--out', out, '--no-search', '--no-cards']).code).toBe(0);
    const before = snapshotTree(out);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.docx'), 'not a digest');
    for (const command of ['build', 'check']) {
      const result = runCli([command, '--seeds', empty, '--out', out, '--no-search', '--no-cards']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Unexpected seeds folder \`${empty}\` without digests`);
      expect(result.stderr).toContain('notes.docx: skipped, not a digest');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(snapshotTree(out)).toEqual(before);
  });

  it('should remove the staging folder and keep the previous site when rendering fails', async () => {
    const root = tempDir();
    const seeds = join(root, 'seeds');
    const templates = join(root, 'templates');
    const out = join(root, 'site');
    mkdirSync(seeds);
    mkdirSync(templates);
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'previous');
    const before = snapshotTree(out);
    writeFileSync(join(seeds, '2024-05.txt'), 'Headline\nParagraph.\n');
    writeFileSync(join(templates, 'broken.njk'), '{{ nd.no.such.thing() }}');
    // --force: the hand-made previous site has no manifest of ours.
    await expect(build({ seedsDir: seeds, outDir: out, templatesDir: templates, search: false, force: true })).rejects.toThrow(/Rendering the site failed/);
    expect(readdirSync(root).sort()).toEqual(['seeds', 'site', 'templates']);
    expect(snapshotTree(out)).toEqual(before);
  });
});

describe('rule 7: bounded cost', () => {
  const fm = '---\ndate: 2024-05\n---\n';

  it('should parse and date a 5,000-story digest in seconds', () => {
    const text = fm + Array.from({ length: 5000 }, (_, i) => `Russia and China sign agreement number ${i} on May ${1 + (i % 28)}\nThe two countries signed the agreement in Moscow, officials said on Tuesday.\n`).join('');
    const start = performance.now();
    const stories = records(parseText(text).digest);
    expect(stories).toHaveLength(5000);
    expect(new Set(stories.map((s) => s.url)).size).toBe(5000);
    expect(seconds(start)).toBeLessThan(15);
  });

  // Unguarded, micromark needs about a second for each 8,000 characters of `*a_`
  // and tens of seconds for 100 KB of `*a`; each case here must finish in < 5 s.
  const pathological: [string, string][] = [
    ['plain text, 100 KB of `*a`', `${fm}Headline\n${'*a'.repeat(50_000)}.\n`],
    ['plain text, 100 KB of `[`', `${fm}Headline\n${'['.repeat(100_000)}.\n`],
    ['plain text, 100 KB of `*a_` and `&a;`', `${fm}Headline\n${'*a_&a;'.repeat(16_000)}.\n`],
    ['plain text, 100 KB of spaces inside a line', `${fm}Headline\nA${' '.repeat(100_000)}b.\n`],
    ['an e-mail headline of 100 KB of spaces', `${fm}** ${' '.repeat(100_000)}x\nParagraph.\n`],
    ['Markdown, 100 KB of `*a` in one paragraph', `${fm}# Headline\n\n${'*a'.repeat(50_000)}\n`],
    ['Markdown, 100 paragraphs of 7,990 characters of `*a_`', `${fm}# Headline\n\n${`${'*a_'.repeat(2663)}\n\n`.repeat(100)}`],
    ['Markdown, 100 paragraphs of 332 marks in 7,990 characters', `${fm}# Headline\n\n${`${'*a_'.repeat(166)}${' word'.repeat(1500)}\n\n`.repeat(100)}`],
  ];
  // CPU time, not wall time: the bound is on the parser's work, which a busy machine does not change.
  it.each(pathological)('should finish %s in < 5 s of CPU', (_name, text) => {
    const start = process.cpuUsage();
    const { messages } = parseText(text);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
    expect(messages.every((m) => !/internal/i.test(m))).toBe(true);
  });

  it('should reject an over-long or over-marked Markdown paragraph with its line', () => {
    expect(parseText(`${fm}# Headline\n\n${'a '.repeat(5000)}\n`).messages).toEqual([expect.stringMatching(/:6:1: error: Unexpected Markdown paragraph of 10001 characters, expected at most 8000/)]);
    expect(parseText(`${fm}# Headline\n\n${'*a_'.repeat(300)}\n`).messages).toEqual([expect.stringMatching(/:6:1: error: Unexpected Markdown paragraph with 600 of the marks/)]);
  });

  it('should stop a YAML alias bomb without expanding it', () => {
    const heap = process.memoryUsage().heapUsed;
    const start = performance.now();
    const { digest, messages } = hostile('yaml-alias-bomb.txt');
    expect(digest).toBeUndefined();
    expect(messages).toEqual([expect.stringMatching(/yaml-alias-bomb\.txt:\d+:1: error: Unexpected front matter YAML: Excessive alias count/)]);
    expect(seconds(start)).toBeLessThan(2);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
    expect(MAX_ALIAS_COUNT).toBeLessThanOrEqual(100);
  });

  it('should refuse a seed larger than the maximum size, before reading it', async () => {
    const big = Buffer.alloc(MAX_SEED_BYTES + 1, 'a');
    expect(parseText(big).messages).toEqual([expect.stringMatching(/:1:1: error: Unexpected file of 10\.0 MB, expected a digest of at most 10 MB/)]);
    const dir = tempDir();
    writeFileSync(join(dir, 'big.txt'), big);
    expect(await readSeed(join(dir, 'big.txt'))).toEqual({ ok: false, reason: expect.stringMatching(/^Unexpected file of 10\.0 MB/) });
  });
});
