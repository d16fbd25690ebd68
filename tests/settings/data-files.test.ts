/**
 * The files around the seeds speak with one voice: a typo in a data file, a
 * missing one, or a setting that would leak or escape is one positioned line
 * (`data/site.yaml:5:11: error: …`) saying what to do, exit 1, never
 * "internal error" or a stack trace.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { handleError } from '../../src/cli.ts';
import { canonicalLanguage, loadSiteSettings } from '../../src/settings/site.ts';
import { DigestError } from '../../src/errors.ts';
import { buildSearchIndex, SearchIndexError } from '../../src/output/search.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

/** A copy of `data/` with `edit` applied to one file (or the file removed when `edit` is null). */
function dataDir(file: string, edit: ((text: string) => string) | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-data-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  if (edit === null) rmSync(join(dir, file));
  else writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** What the CLI prints for an error, and the exit code it sets. */
function printed(error: unknown): { text: string; code: number | string | undefined } {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  try {
    handleError(error);
  } finally {
    spy.mockRestore();
  }
  return { text: lines.join('\n'), code: process.exitCode };
}

const lineOf = (text: string, marker: string): number => text.split('\n').findIndex((line) => line.includes(marker)) + 1;

describe('errors in data files', () => {
  // A typo in each data file, and the line it must be reported at.
  it.each<[string, string, (text: string) => string, string]>([
    ['site.yaml', 'broken YAML', (t) => t.replace('title: News Digest', 'title: [News Digest'), 'title: [News Digest'],
    ['site.yaml', 'a key given twice', (t) => t.replace('language: en', 'language: en\nlanguage: fr'), 'language: fr'],
    ['site.yaml', 'a title that is a list', (t) => t.replace('title: News Digest', 'title: [News, Digest]'), 'title: [News, Digest]'],
    ['site.yaml', 'a path as language', (t) => t.replace('language: en', 'language: ../../x'), 'language: ../../x'],
    ['site.yaml', 'a base URL with a password', (t) => t.replace('baseUrl: https://example.org/', 'baseUrl: https://editor:secret@example.org/'), 'baseUrl: https://editor'],
    ['site.yaml', 'a relative base URL', (t) => t.replace('baseUrl: https://example.org/', 'baseUrl: /news/'), 'baseUrl: /news/'],
    ['topics.yaml', 'a weight that is text', (t) => t.replace('sanction*: 3', 'sanction*: three'), 'sanction*: three'],
    ['topics.yaml', 'broken YAML', (t) => t.replace('  threshold: 4', '  threshold: 4\n   bad: [1'), 'bad: [1'],
    ['topics.yaml', 'a label that is missing', (t) => t.replace('    label: Diplomacy\n', ''), '- slug: diplomacy'],
    ['aliases.yaml', 'an alias list that is not a list', (t) => t.replace('  russia:\n    [', '  russia: 7\n  rus:\n    ['), 'russia: 7'],
    ['aliases.yaml', 'an unknown country', (t) => t.replace('  russia:\n    [', '  narnia: [Aslan]\n  russia:\n    ['), 'narnia: [Aslan]'],
  ])('should report %s (%s) as one positioned line and exit 1', async (file, what, edit, marker) => {
    const dir = dataDir(file, edit);
    const line = lineOf(readFileSync(join(dir, file), 'utf8'), marker);
    expect(line).toBeGreaterThan(0);
    // Broken YAML is reported where the parser notices it: that line or one beside it
    // (an over-indented line continues the value of the line before).
    const lines = what === 'broken YAML' ? `(${line - 1}|${line}|${line + 1})` : `${line}`;
    const work = tempDir();
    dirs.push(work);
    const error = await build({ seedsDir: join(ROOT, 'seeds'), outDir: join(work, 'site'), dataDir: dir, cacheDir: false, search: false }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DigestError);
    const { text, code } = printed(error);
    expect(text).toMatch(new RegExp(`^${join(dir, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lines}:\\d+: error: (Unexpected|Invalid YAML)`));
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/internal error|\n\s+at /);
    expect(code).toBe(1);
    expect(existsSync(join(work, 'site'))).toBe(false);
  });

  it.each(['site.yaml', 'topics.yaml', 'aliases.yaml'])('should name a missing %s and say how to restore it', async (file) => {
    const dir = dataDir(file, null);
    const work = tempDir();
    dirs.push(work);
    const error = await build({ seedsDir: join(ROOT, 'seeds'), outDir: join(work, 'site'), dataDir: dir, cacheDir: false, search: false }).then(() => undefined, (e: unknown) => e);
    const { text, code } = printed(error);
    expect(text).toBe(`${join(dir, file)}:1:1: error: Cannot read the file (no such file), expected one of the project's data files: restore it from the repository (\`git checkout -- data/\`) or create it`);
    expect(code).toBe(1);
  });
});

describe('data files that are not files', () => {
  it('should refuse a data file that is a device or a folder, without reading it', async () => {
    const dir = dataDir('site.yaml', null);
    symlinkSync('/dev/zero', join(dir, 'site.yaml'));
    await expect(loadSiteSettings(dir, {})).rejects.toThrow(/site\.yaml:1:1: error: Cannot read the file \(not a regular file\)/);
    rmSync(join(dir, 'site.yaml'));
    mkdirSync(join(dir, 'site.yaml'));
    await expect(loadSiteSettings(dir, {})).rejects.toThrow(/site\.yaml:1:1: error: Cannot read the file \(a folder, not a file\)/);
  });
});

describe('settings', () => {
  it('should accept BCP 47 tags in canonical form and refuse anything else', () => {
    expect(['en', 'pt-BR', 'zh-hant-tw', 'EN-gb'].map(canonicalLanguage)).toEqual(['en', 'pt-BR', 'zh-Hant-TW', 'en-GB']);
    for (const bad of ['../../x', 'en/../..', 'en_US', '', 'e', 'en-', 'x'.repeat(40), 'en\u0000', '..', 'C:\\x']) expect(canonicalLanguage(bad), bad).toBeUndefined();
  });

  it('should refuse a --base-url with user information, naming the argument', async () => {
    await expect(loadSiteSettings(join(ROOT, 'data'), { baseUrl: 'https://user:password@example.org/' })).rejects.toThrow(/^--base-url: Unexpected user information in the base URL/);
    await expect(loadSiteSettings(join(ROOT, 'data'), { baseUrl: 'https://user@example.org/' })).rejects.toThrow(DigestError);
    const error = await loadSiteSettings(join(ROOT, 'data'), { baseUrl: 'https://user:password@example.org/' }).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('password@');
  });

  it('should never hand Pagefind a language that is a path', async () => {
    const work = tempDir();
    dirs.push(work);
    const site = join(work, 'out', 'site');
    cpSync(join(ROOT, 'tests', 'fixtures'), join(site, 'stories'), { recursive: true, filter: (src) => !src.includes('node_modules') });
    await expect(buildSearchIndex(site, { language: '../../escaped' })).rejects.toThrow(SearchIndexError);
    expect(readdirSync(work)).toEqual(['out']);
    expect(readdirSync(join(work, 'out'))).toEqual(['site']);
  });
});

describe('news-digest new', () => {
  it('should say that the seeds folder does not exist, and create nothing', () => {
    const work = tempDir();
    dirs.push(work);
    const missing = join(work, 'no-such-seeds');
    const result = runCli(['new', '--seeds', missing, '--date', '2031-04']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Unexpected --seeds \`${missing}\`: no such folder, expected the folder of digests (create it first, or fix --seeds)`);
    expect(existsSync(missing)).toBe(false);
  });
});
