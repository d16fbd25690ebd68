import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestSkeleton, skeletonDate } from '../src/commands/new.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { fixture, ROOT } from './helpers/seeds.ts';

describe('news-digest check', () => {
  it('should pass the real seeds and build nothing', () => {
    const result = runCli(['check', '--seeds', 'seeds']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 seed files, 9 stories: no errors/);
  });

  it('should list every problem as file:line:col and exit 1', () => {
    const seeds = tempDir();
    copyFileSync(join(ROOT, 'seeds', '2024-05.txt'), join(seeds, '2024-05.txt'));
    copyFileSync(fixture('errors', 'headline-only.txt'), join(seeds, 'headline-only.txt'));
    copyFileSync(fixture('errors', 'broken-yaml.txt'), join(seeds, 'broken-yaml.txt'));
    const result = runCli(['check', '--seeds', seeds]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken-yaml\.txt:3:\d+: error: Unexpected front matter YAML/);
    expect(result.stderr).toMatch(/headline-only\.txt:6:1: error: Unexpected headline without a paragraph/);
    expect(result.stderr).toMatch(/2 errors in 2 of 3 seed files/);
  });
});

describe('news-digest new', () => {
  it('should write a dated skeleton that fails the check until a story is pasted in', () => {
    const seeds = tempDir();
    const result = runCli(['new', '--seeds', seeds, '--date', '2025-07']);
    expect(result.code).toBe(0);
    const path = join(seeds, '2025-07.txt');
    expect(readFileSync(path, 'utf8')).toBe('---\ndate: 2025-07\ntitle: "July 2025 Digest"\n---\n');
    expect(runCli(['check', '--seeds', seeds]).stderr).toMatch(/2025-07\.txt:1:1: error: Unexpected digest with no stories/);
    writeFileSync(path, `${readFileSync(path, 'utf8')}Russia and Iran sign a rail deal\nThey signed it on July 4.\n|\n`);
    expect(runCli(['check', '--seeds', seeds]).code).toBe(0);
  });

  it('should refuse to overwrite an existing digest or take an impossible date', () => {
    const seeds = tempDir();
    expect(runCli(['new', '--seeds', seeds, '--date', '2025-07']).code).toBe(0);
    const again = runCli(['new', '--seeds', seeds, '--date', '2025-07']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Unexpected existing file .*2025-07\.txt/);
    expect(runCli(['new', '--seeds', seeds, '--date', '2025-02-30']).stderr).toMatch(/Unexpected --date `2025-02-30`/);
  });

  it('should default to the current month', () => {
    expect(skeletonDate(undefined, new Date(2026, 10, 22))).toEqual({ year: 2026, month: 11 });
    expect(digestSkeleton({ year: 2026, month: 11, day: 3 }).fileName).toBe('2026-11-03.txt');
  });
});

describe('news-digest build output', () => {
  it('should end with a one-line summary and stay quiet in CI', () => {
    const out = join(tempDir(), 'site');
    const quiet = runCli(['build', '--seeds', 'seeds', '--out', out, '--no-search']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^news-digest: built 2 digests, 9 stories, \d+ pages \((full|incremental, \d+ rendered)\) into .* in \d+\.\d\d s$/)]);
    const loud = runCli(['build', '--seeds', 'seeds', '--out', out, '--no-search'], { CI: 'false' });
    expect(loud.stderr).toMatch(/loaded 2 seeds .*: 2 digests, 9 stories/);
    expect(loud.stderr).toMatch(/incremental build: rendering 0 of \d+ pages/);
  });

  it('should explain an unknown command or option', () => {
    expect(runCli(['publish']).stderr).toMatch(/Unexpected command `publish`, expected build, check, new or serve/);
    const unknown = runCli(['build', '--colour']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'[\s\S]*news-digest --help/);
  });
});
