/**
 * The output folder: what the build refuses, what it keeps, and that it
 * deletes only its own files (issue #16). Dangerous folders (`/`, the home
 * folder, the project's parent) are checked through `openOutput` only: a
 * build that did not refuse them would delete them.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { lockOutput, MANIFEST_FILE, openOutput, outputKey } from '../../src/output/folder.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const quick = { search: false, cacheDir: false } as const;

/** A copy of the project's seeds, without the registry (so that builds do not write it back). */
function seedsCopy(): string {
  const seeds = join(tempDir(), 'seeds');
  cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
  return seeds;
}

describe('openOutput refuses folders the build must not own', () => {
  const seeds = join(ROOT, 'seeds');
  it.each([
    ['the root folder', '/', /root folder/],
    ['the home folder', homedir(), /home folder|holds the project|working folder/],
    ['the project', ROOT, /holds the seeds folder|holds the project/],
    ['a parent of the project', dirname(ROOT), /holds the seeds folder|holds the project/],
    ['the seeds folder', seeds, /inside the seeds folder/],
    ['a folder inside the seeds folder', join(seeds, 'site'), /inside the seeds folder/],
  ])('should refuse %s', async (_, out, reason) => {
    await expect(openOutput(out, { seedsDir: seeds })).rejects.toThrow(reason);
  });

  it('should refuse the working folder and its parents, even with --force', async () => {
    const work = tempDir();
    const cwd = join(work, 'a', 'b');
    mkdirSync(cwd, { recursive: true });
    const seedsElsewhere = tempDir();
    for (const out of [cwd, join(work, 'a'), work]) {
      await expect(openOutput(out, { seedsDir: seedsElsewhere, cwd, force: true })).rejects.toThrow(/working folder or one of its parents/);
    }
    await expect(openOutput(join(cwd, 'site'), { seedsDir: seedsElsewhere, cwd })).resolves.toMatchObject({ ours: false });
  });

  it('should see through a link to a folder it must not own', async () => {
    const seeds = seedsCopy();
    const link = join(tempDir(), 'site');
    symlinkSync(seeds, link);
    await expect(openOutput(link, { seedsDir: seeds, force: true })).rejects.toThrow(/inside the seeds folder/);
  });
});

describe('build into a folder it did not write', () => {
  let seeds: string;
  beforeAll(() => {
    seeds = seedsCopy();
  });

  it('should refuse a regular file and leave it as it was', async () => {
    const out = join(tempDir(), 'site');
    writeFileSync(out, 'not a folder');
    await expect(build({ seedsDir: seeds, outDir: out, ...quick })).rejects.toThrow(/Unexpected --out that is a file, expected a folder.*nothing was touched/);
    expect(readFileSync(out, 'utf8')).toBe('not a folder');
  });

  it('should refuse the seeds folder and a folder inside it, and leave every digest', async () => {
    const before = snapshotTree(seeds);
    await expect(build({ seedsDir: seeds, outDir: seeds, ...quick, force: true })).rejects.toThrow(/inside the seeds folder/);
    await expect(build({ seedsDir: seeds, outDir: join(seeds, 'site'), ...quick })).rejects.toThrow(/inside the seeds folder/);
    await expect(build({ seedsDir: seeds, outDir: dirname(seeds), ...quick, force: true })).rejects.toThrow(/holds the seeds folder/);
    expect(snapshotTree(seeds)).toEqual(before);
  });

  it('should refuse a non-empty folder without its manifest unless --force, and then keep the files it did not write', async () => {
    const out = join(tempDir(), 'site');
    mkdirSync(join(out, 'notes'), { recursive: true });
    writeFileSync(join(out, 'notes', 'todo.txt'), 'mine');
    writeFileSync(join(out, 'index.html'), 'hand-made home page');
    await expect(build({ seedsDir: seeds, outDir: out, ...quick })).rejects.toThrow(/did not write \(index\.html, notes; no \.news-digest-manifest\.json\).*--force/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('hand-made home page');
    await build({ seedsDir: seeds, outDir: out, ...quick, force: true });
    expect(readFileSync(join(out, 'notes', 'todo.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/<html/);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('index.html');
    expect(manifest.files).not.toContain('notes/todo.txt');
    // Ours now: the next build needs no --force, and keeps the notes.
    await build({ seedsDir: seeds, outDir: out, ...quick, incremental: false });
    expect(readFileSync(join(out, 'notes', 'todo.txt'), 'utf8')).toBe('mine');
  });

  it('should build into a Pages checkout and keep .git, CNAME and .nojekyll through full builds', async () => {
    const out = join(tempDir(), 'site');
    mkdirSync(join(out, '.git'), { recursive: true });
    writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n');
    writeFileSync(join(out, 'CNAME'), 'news.example.org\n');
    writeFileSync(join(out, '.nojekyll'), '');
    await build({ seedsDir: seeds, outDir: out, ...quick });
    writeFileSync(join(out, 'extra.html'), 'added by hand after the build');
    await build({ seedsDir: seeds, outDir: out, ...quick, incremental: false });
    expect(readFileSync(join(out, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/gh-pages\n');
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('news.example.org\n');
    expect(existsSync(join(out, '.nojekyll'))).toBe(true);
    expect(readFileSync(join(out, 'extra.html'), 'utf8')).toBe('added by hand after the build');
  });
});

describe('a folder an older version built', () => {
  it('should be recognised by the cache’s record of it, and a stranger’s stories.json should not pass for it', async () => {
    const work = tempDir();
    const seeds = seedsCopy();
    const cache = join(work, 'cache');
    const out = join(work, 'site');
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    const files = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as { files: string[] };
    // As an older version left it: no manifest.
    rmSync(join(out, MANIFEST_FILE));
    const summary = await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(summary.full).toBe(false);
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'))).toEqual(files);
    rmSync(join(out, MANIFEST_FILE));
    writeFileSync(join(out, 'stories.json'), readFileSync(join(out, 'stories.json')));
    await expect(build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false })).rejects.toThrow(/did not write/);
  });
});

describe('the build deletes only its own files', () => {
  it('should delete the pages of a removed digest, and the folders that leaves empty, on a full build', async () => {
    const seeds = seedsCopy();
    const out = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: out, ...quick });
    const [digest] = readdirSync(join(out, 'digests'));
    const pages = Object.keys(snapshotTree(out));
    rmSync(join(seeds, readdirSync(seeds).find((name) => name.startsWith(digest!))!));
    rmSync(join(seeds, 'permalinks.json'), { force: true });
    await build({ seedsDir: seeds, outDir: out, ...quick, incremental: false });
    const fresh = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: fresh, ...quick });
    expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
    expect(existsSync(join(out, 'digests', digest!))).toBe(false);
    expect(pages.length).toBeGreaterThan(Object.keys(snapshotTree(out)).length);
  });

  it('should never delete a path on keep_files, even one it wrote', async () => {
    const seeds = seedsCopy();
    const data = join(tempDir(), 'data');
    cpSync(join(ROOT, 'data'), data, { recursive: true });
    writeFileSync(join(data, 'site.yaml'), `${readFileSync(join(data, 'site.yaml'), 'utf8').replace(/^keep_files:.*$/m, '')}keep_files: [digests]\n`);
    const out = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: out, dataDir: data, ...quick });
    const digests = readdirSync(join(out, 'digests')).sort();
    rmSync(join(seeds, readdirSync(seeds).find((name) => name.startsWith(digests[0]!))!));
    await build({ seedsDir: seeds, outDir: out, dataDir: data, ...quick, incremental: false });
    expect(readdirSync(join(out, 'digests')).sort()).toEqual(digests);
  });

  it('should refuse a keep_files that is not a list of paths inside the folder', async () => {
    const data = join(tempDir(), 'data');
    cpSync(join(ROOT, 'data'), data, { recursive: true });
    writeFileSync(join(data, 'site.yaml'), `${readFileSync(join(data, 'site.yaml'), 'utf8').replace(/^keep_files:.*$/m, '')}keep_files: [../elsewhere]\n`);
    await expect(build({ seedsDir: seedsCopy(), outDir: join(tempDir(), 'site'), dataDir: data, ...quick })).rejects.toThrow(/site\.yaml:\d+:\d+: error: Unexpected `keep_files`/);
  });

  it('should refuse a manifest that names files outside the folder, and delete nothing', async () => {
    const work = tempDir();
    const out = join(work, 'site');
    mkdirSync(out);
    writeFileSync(join(work, 'precious.txt'), 'keep me');
    writeFileSync(join(out, MANIFEST_FILE), JSON.stringify({ generator: 'news-digest', files: ['../precious.txt'] }));
    await expect(build({ seedsDir: seedsCopy(), outDir: out, ...quick })).rejects.toThrow(/is not one news-digest wrote.*--force/);
    await build({ seedsDir: seedsCopy(), outDir: out, ...quick, force: true });
    expect(readFileSync(join(work, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});

describe('the output folder itself', () => {
  it('should update a linked output folder through its link', async () => {
    const work = tempDir();
    const target = join(work, 'real-site');
    mkdirSync(target);
    symlinkSync(target, join(work, 'site'));
    const seeds = seedsCopy();
    await build({ seedsDir: seeds, outDir: join(work, 'site'), ...quick });
    await build({ seedsDir: seeds, outDir: join(work, 'site'), ...quick, incremental: false });
    expect(lstatSync(join(work, 'site')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(target, 'index.html'))).toBe(true);
    expect(readdirSync(work).sort()).toEqual(['real-site', 'seeds', 'site'].filter((name) => existsSync(join(work, name))));
  });

  it('should keep the folder’s mode through full builds, and give a new folder 755 and its files 644', async () => {
    const seeds = seedsCopy();
    const out = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: out, ...quick });
    expect(statSync(out).mode & 0o777).toBe(0o755 & ~process.umask());
    expect(statSync(join(out, 'index.html')).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(statSync(join(out, 'stories.json')).mode & 0o777).toBe(0o644 & ~process.umask());
    chmodSync(out, 0o750);
    await build({ seedsDir: seeds, outDir: out, ...quick, incremental: false });
    expect(statSync(out).mode & 0o777).toBe(0o750);
  });
});

describe('staging', () => {
  it('should stage in the cache, not beside the output, and remove what a killed build left', async () => {
    const work = tempDir();
    const seeds = seedsCopy();
    const cache = join(work, 'cache');
    const out = join(work, 'site');
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(readdirSync(work).sort()).toEqual(['cache', 'site']);
    // What a killed build leaves: a staging folder in the cache, one beside the output (older versions, another file system).
    const key = outputKey(out);
    mkdirSync(join(cache, 'staging', `${key}-abc123`, 'stories'), { recursive: true });
    writeFileSync(join(cache, 'staging', `${key}-abc123`, 'stories', 'index.html'), 'retired');
    mkdirSync(join(work, '.site.staging-xyz789'));
    writeFileSync(join(work, '.site.staging-xyz789', 'index.html'), 'retired');
    mkdirSync(join(cache, 'staging', 'someone-elses'), { recursive: true });
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(readdirSync(work).sort()).toEqual(['cache', 'site']);
    expect(readdirSync(join(cache, 'staging'))).toEqual(['someone-elses']);
  });
});

describe('the build lock', () => {
  it('should stop with a clear message while another live build holds the folder, and take over a dead one’s lock', async () => {
    const work = tempDir();
    const cache = join(work, 'cache');
    const out = join(work, 'site');
    const seeds = seedsCopy();
    const lock = join(cache, 'locks', `${outputKey(out)}.lock`);
    // A live holder: this very process, as a build started elsewhere in it would be.
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: process.pid, started: '2026-01-01T00:00:00.000Z', out }));
    await expect(build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false, lockWaitMs: 300 }))
      .rejects.toThrow(/Unexpected build already running into this folder \(pid \d+, since 2026-01-01T00:00:00\.000Z\).*remove .*\.lock if no build is running/);
    expect(existsSync(out)).toBe(false);
    // A dead holder (a build killed with SIGKILL): taken over.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, started: '2026-01-01T00:00:00.000Z', out }));
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false, lockWaitMs: 300 });
    expect(existsSync(join(out, 'stories.json'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('should let a second build wait for the first', async () => {
    const work = tempDir();
    const cache = join(work, 'cache');
    const out = join(work, 'site');
    const release = await lockOutput(out, cache, 1000);
    const order: string[] = [];
    const second = lockOutput(out, cache, 5000).then((free) => {
      order.push('second');
      return free;
    });
    await new Promise((done) => setTimeout(done, 300));
    order.push('first done');
    await release();
    await (await second)();
    expect(order).toEqual(['first done', 'second']);
  });
});
