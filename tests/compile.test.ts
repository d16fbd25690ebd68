/**
 * The CLI runs compiled code from dist/ only while it matches the sources
 * (scripts/compile.mjs), and compiles again or falls back to tsx otherwise.
 * Each test works on its own copy of the project, so that a dist/ made stale on
 * purpose never touches the one other tests run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { snapshotTree, tempDir } from './helpers/cli.ts';
import { ROOT } from './helpers/seeds.ts';

let project: string;

interface Compiler {
  isCurrent(root: string): boolean;
  compile(root: string): Promise<boolean>;
}
const compiler = async (): Promise<Compiler> => (await import(pathToFileURL(join(project, 'scripts', 'compile.mjs')).href)) as Compiler;

function run(args: readonly string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(project, 'bin', 'news-digest.js'), ...args], {
    cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true', NEWS_DIGEST_SOURCES: '', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const editUsage = (): void => {
  const path = join(project, 'src', 'cli.ts');
  writeFileSync(path, readFileSync(path, 'utf8').replace('Usage: news-digest <command>', 'Usage: news-digest-edited <command>'));
};
const distCli = (): string => readFileSync(join(project, 'dist', 'cli.js'), 'utf8');

beforeEach(() => {
  project = tempDir('nd-compile-');
  for (const name of ['src', 'bin', 'scripts']) cpSync(join(ROOT, name), join(project, name), { recursive: true });
  for (const name of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, name), join(project, name));
  for (const name of ['node_modules', 'data', 'templates']) symlinkSync(join(ROOT, name), join(project, name));
});

describe('the compiled CLI (dist/)', () => {
  it('should compile a missing dist/ on the first start, then run it', async () => {
    expect(existsSync(join(project, 'dist'))).toBe(false);
    const result = run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: news-digest <command>/);
    expect((await compiler()).isCurrent(project)).toBe(true);
    expect(distCli()).toContain('Usage: news-digest <command>');
  });

  it('should never run stale code: an edited source is compiled again before it runs', async () => {
    expect(await (await compiler()).compile(project)).toBe(true);
    editUsage();
    expect((await compiler()).isCurrent(project)).toBe(false);
    const result = run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: news-digest-edited <command>/);
    expect(distCli()).toContain('news-digest-edited');
    expect((await compiler()).isCurrent(project)).toBe(true);
  });

  it('should compile again when an output was broken or removed', async () => {
    expect(await (await compiler()).compile(project)).toBe(true);
    writeFileSync(join(project, 'dist', 'cli.js'), 'throw new Error("a broken dist/");\n');
    rmSync(join(project, 'dist', 'records', 'dates.js'));
    expect((await compiler()).isCurrent(project)).toBe(false);
    const result = run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: news-digest <command>/);
    expect(existsSync(join(project, 'dist', 'records', 'dates.js'))).toBe(true);
    expect(distCli()).not.toContain('a broken dist/');
  });

  it('should not compile again for a source touched but unchanged', async () => {
    expect(await (await compiler()).compile(project)).toBe(true);
    const before = statSync(join(project, 'dist', 'cli.js')).mtimeMs;
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src', 'cli.ts'), later, later);
    expect((await compiler()).isCurrent(project)).toBe(true);
    expect(run(['--help']).code).toBe(0);
    expect(statSync(join(project, 'dist', 'cli.js')).mtimeMs).toBe(before);
  });

  it('should run the sources through tsx while another process compiles, and with NEWS_DIGEST_SOURCES=1', async () => {
    expect(await (await compiler()).compile(project)).toBe(true);
    editUsage();
    mkdirSync(join(project, 'dist.lock'));
    const locked = run(['--help']);
    expect(locked.code).toBe(0);
    expect(locked.stdout).toMatch(/^Usage: news-digest-edited <command>/);
    expect(distCli()).not.toContain('news-digest-edited');
    rmSync(join(project, 'dist.lock'), { recursive: true });
    rmSync(join(project, 'dist'), { recursive: true });
    const sources = run(['--help'], { NEWS_DIGEST_SOURCES: '1' });
    expect(sources.stdout).toMatch(/^Usage: news-digest-edited <command>/);
    expect(existsSync(join(project, 'dist'))).toBe(false);
  });

  it('should build the seeds from dist/ byte for byte as from the sources', () => {
    const seeds = join(ROOT, 'seeds');
    const fromDist = join(tempDir(), 'site');
    const fromSources = join(tempDir(), 'site');
    const compiled = run(['build', '--seeds', seeds, '--out', fromDist, '--no-search', '--no-cards']);
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(existsSync(join(project, 'dist', 'commands', 'build.js'))).toBe(true);
    const sources = run(['build', '--seeds', seeds, '--out', fromSources, '--no-search', '--no-cards'], { NEWS_DIGEST_SOURCES: '1' });
    expect(sources.code, sources.stderr).toBe(0);
    expect(snapshotTree(fromDist)).toEqual(snapshotTree(fromSources));
  }, 60_000);

  it('should run build workers from dist/ without the sources beside them', async () => {
    expect(await (await compiler()).compile(project)).toBe(true);
    // The compiled worker must not need src/: take the sources away.
    rmSync(join(project, 'src'), { recursive: true });
    const { runInWorkers } = (await import(pathToFileURL(join(project, 'dist', 'engine', 'pool.js')).href)) as typeof import('../src/engine/pool.ts');
    const paths = ['2024-05.txt', '2025-05.txt'].map((name) => join(ROOT, 'seeds', name));
    const [files] = await runInWorkers<import('../src/engine/worker-jobs.ts').Job, Array<{ path: string }>>(
      [{ kind: 'analyse', paths, dataDir: join(ROOT, 'data'), version: 'test' }], { lanes: 1 },
    );
    expect(files!.map((file) => file.path)).toEqual(paths);
  }, 60_000);
});
