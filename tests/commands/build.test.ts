import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import type { StoryRecord } from '../../src/types.ts';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.ts';
import { fixture, ROOT } from '../helpers/seeds.ts';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('build of the real seeds', () => {
  let out: string;
  let stories: StoryRecord[];
  beforeAll(async () => {
    out = join(tempDir(), 'site');
    await build({ seedsDir: join(ROOT, 'seeds'), outDir: out });
    stories = (JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: StoryRecord[] }).stories;
  });

  it('should write stories.json with all nine stories in date order', () => {
    expect(stories).toHaveLength(9);
    const keys = stories.map((s) => `${s.date} ${s.digest.id} ${String(s.source.line).padStart(4, '0')}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('should write a page at every story URL that shows its headline in a <time>-dated article', () => {
    for (const story of stories) {
      const html = readFileSync(join(out, story.url, 'index.html'), 'utf8');
      expect(html).toContain(escapeHtml(story.headline));
      expect(html).toContain(`<time datetime="${story.date}"`);
    }
  });

  it('should write a home page listing every story', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    for (const story of stories) expect(home).toContain(story.url);
  });
});

describe('news-digest build (CLI)', () => {
  it('should build with `--seeds DIR --out DIR` and exit 0', () => {
    const out = join(tempDir(), 'site');
    const result = runCli(['build', '--seeds', 'seeds', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/built 2 digests, 9 stories, \d+ pages/);
    expect(existsSync(join(out, 'stories.json'))).toBe(true);
  });

  it('should build into an --out whose parent folders do not exist yet, making them', () => {
    const out = join(tempDir(), 'new', 'nested', 'site');
    const result = runCli(['build', '--seeds', 'seeds', '--out', out, '--no-search', '--no-cards']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'stories.json'))).toBe(true);
  });

  it('should list every problem in every file, exit 1, and leave the previous site exactly as it was', () => {
    const out = join(tempDir(), 'site');
    expect(runCli(['build', '--seeds', 'seeds', '--out', out]).code).toBe(0);
    const before = snapshotTree(out);

    const seeds = tempDir();
    copyFileSync(join(ROOT, 'seeds', '2024-05.txt'), join(seeds, '2024-05.txt'));
    for (const name of ['no-date.txt', 'headline-only.txt', 'js-front-matter.txt']) copyFileSync(fixture('errors', name), join(seeds, name));
    const result = runCli(['build', '--seeds', seeds, '--out', out]);

    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/headline-only\.txt:6:1: error: Unexpected headline without a paragraph/),
      expect.stringMatching(/js-front-matter\.txt:1:1: error: Unexpected front matter language `js`/),
      expect.stringMatching(/no-date\.txt:1:1: error: Unexpected missing digest date/),
      '3 errors in 3 of 4 seed files; nothing was built, the previous site is unchanged',
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshotTree(out)).toEqual(before);
  });

  it('should explain a missing seeds folder without a stack trace', () => {
    const result = runCli(['build', '--seeds', join(tempDir(), 'nope'), '--out', join(tempDir(), 'site')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unexpected missing seeds folder .*nope/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('should be reachable as `npm run build -- --seeds DIR --out DIR`', () => {
    const out = join(tempDir(), 'site');
    const seeds = tempDir();
    mkdirSync(seeds, { recursive: true });
    writeFileSync(join(seeds, '2024-06.txt'), 'A headline\nA paragraph.\n|\n');
    const result = spawnSync('npm', ['run', '--silent', 'build', '--', '--seeds', seeds, '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(result.status).toBe(0);
    const records = JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: StoryRecord[] };
    expect(records.stories.map((s) => s.url)).toEqual(['/stories/2024/06/a-headline/']);
  });
});

