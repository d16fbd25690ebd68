/**
 * Faults of the surroundings that CI cannot make for real (root ignores
 * permissions; no test may fill the disk): the file system is stubbed to fail
 * one kind of call on one kind of path. Each must end as a `DigestError`
 * naming the path and what to do, with the previous site whole.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';
import { seedWorkspace } from '../helpers/workspace.ts';

type Fault = (call: string, path: string, to?: string) => string | undefined;
const stub: { fault: Fault | undefined } = { fault: undefined };

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (call: string, path: unknown, to?: unknown): void => {
    const code = stub.fault?.(call, String(path), to === undefined ? undefined : String(to));
    if (code) throw Object.assign(new Error(`${code}: stubbed ${call} '${String(path)}'`), { code, path: String(to ?? path), syscall: call });
  };
  const wrap = <F extends (...args: never[]) => unknown>(call: string, f: F, twoPaths = false): F =>
    (async (...args: Parameters<F>) => {
      fail(call, args[0], twoPaths ? args[1] : undefined);
      return f(...args);
    }) as unknown as F;
  const wrapped = {
    ...real,
    writeFile: wrap('writeFile', real.writeFile),
    open: wrap('open', real.open),
    mkdir: wrap('mkdir', real.mkdir),
    rename: wrap('rename', real.rename, true),
    copyFile: wrap('copyFile', real.copyFile, true),
  };
  return { ...wrapped, default: wrapped };
});

// The moves into the output are synchronous (src/output/files.ts): the same faults there.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const wrap = <F extends (...args: never[]) => unknown>(call: string, f: F, twoPaths = false): F =>
    ((...args: Parameters<F>) => {
      const code = stub.fault?.(call, String(args[0]), twoPaths ? String(args[1]) : undefined);
      if (code) throw Object.assign(new Error(`${code}: stubbed ${call} '${String(args[0])}'`), { code, path: String(twoPaths ? args[1] : args[0]), syscall: call });
      return f(...args);
    }) as unknown as F;
  const wrapped = {
    ...real,
    mkdirSync: wrap('mkdir', real.mkdirSync),
    renameSync: wrap('rename', real.renameSync, true),
    copyFileSync: wrap('copyFile', real.copyFileSync, true),
  };
  return { ...wrapped, default: wrapped };
});

const { build } = await import('../../src/commands/build.ts');
const { DigestError } = await import('../../src/errors.ts');

const EXTRA = '---\ndate: 2025-06\n---\nIran and Russia sign a gas swap deal\nIran and Russia agreed on June 3 to swap gas through Azerbaijan.\n|\n';

/** A built site, its seeds (one digest added since, so the next build has work to do) and cache. */
async function builtSite(): Promise<{ seeds: string; cache: string; out: string; before: Record<string, string> }> {
  const { seeds, cache, out } = seedWorkspace();
  await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
  writeFileSync(join(seeds, '2025-06.txt'), EXTRA);
  return { seeds, cache, out, before: snapshotTree(out) };
}

afterEach(() => {
  stub.fault = undefined;
});

describe('errors in the surroundings', () => {
  it.each([
    ['a full disk while writing stories.json', 'open', /stories\.json\.[\d.]+\.tmp$/, 'ENOSPC', /stories\.json\.[\d.]+\.tmp: Unexpected ENOSPC.*the disk is full: free some space and build again; the previous site is unchanged/],
    ['a full disk while writing stories.csv', 'writeFile', /stories\.csv\.[\d.]+\.tmp$/, 'ENOSPC', /stories\.csv\.[\d.]+\.tmp: Unexpected ENOSPC.*disk is full/],
    ['a full disk while staging pages', 'mkdir', /staging/, 'ENOSPC', /staging.*: Unexpected ENOSPC.*disk is full/],
  ])('should stop on %s with a DigestError and keep the previous site whole', async (_, call, pattern, code, message) => {
    const { seeds, cache, out, before } = await builtSite();
    stub.fault = (name, path) => (name === call && pattern.test(path) ? code : undefined);
    const failed = build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expect(failed).rejects.toThrow(message);
    await expect(failed).rejects.toBeInstanceOf(DigestError);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(join(cache, 'staging'))).toEqual([]);
    stub.fault = undefined;
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    const { stories } = JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: { headline: string }[] };
    expect(stories.map((story) => story.headline)).toContain('Iran and Russia sign a gas swap deal');
  });

  it('should stop on a read-only output folder with a DigestError naming it, and keep the site', async () => {
    const { seeds, cache, out, before } = await builtSite();
    stub.fault = (name, path, to) => (['writeFile', 'rename', 'mkdir', 'open'].includes(name) && (to ?? path).startsWith(`${out}/`) ? 'EROFS' : undefined);
    const failed = build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expect(failed).rejects.toThrow(new RegExp(`^${out}/.*: Unexpected EROFS.*read-only: choose a writable folder; the previous site is unchanged$`));
    expect(snapshotTree(out)).toEqual(before);
  });

  it('should stop on a seeds folder that cannot take the new registry before any page is published, and keep site and registry', async () => {
    const { seeds, cache, out, before } = await builtSite();
    const registry = join(seeds, 'permalinks.json');
    const registryBefore = readFileSync(registry, 'utf8');
    stub.fault = (name, path) => (name === 'open' && path.startsWith(join(seeds, '.permalinks.json.')) ? 'EROFS' : undefined);
    const failed = build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expect(failed).rejects.toThrow(`${registry}: error: Unexpected permalink registry the build cannot update (a read-only file system)`);
    await expect(failed).rejects.toBeInstanceOf(DigestError);
    expect(snapshotTree(out)).toEqual(before);
    expect(readFileSync(registry, 'utf8')).toBe(registryBefore);
    expect(readdirSync(seeds).filter((name) => name.startsWith('.'))).toEqual([]);
    stub.fault = undefined;
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(readFileSync(registry, 'utf8')).toContain('Iran and Russia sign a gas swap deal');
  });

  it('should stop on an unwritable cache folder with a DigestError naming it', async () => {
    const work = tempDir();
    const cache = join(work, 'cache');
    stub.fault = (name, path) => (name === 'mkdir' && path.startsWith(cache) ? 'EACCES' : undefined);
    const failed = build({ seedsDir: join(ROOT, 'seeds'), outDir: join(work, 'site'), cacheDir: cache, search: false });
    await expect(failed).rejects.toThrow(new RegExp(`^${cache}.*: Unexpected EACCES.*permission denied: make it writable`));
    await expect(failed).rejects.toBeInstanceOf(DigestError);
    expect(existsSync(join(work, 'site'))).toBe(false);
  });
});

describe('where a rename is impossible', () => {
  it.each(['EXDEV', 'EBUSY'])('should copy the files in place on %s and build the same site', async (code) => {
    const { seeds, cache, out } = await builtSite();
    let refused = 0;
    stub.fault = (name, path, to) => (name === 'rename' && path.includes(`${cache}/staging/`) && to?.startsWith(out) && ++refused ? code : undefined);
    const summary = await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false, incremental: false });
    expect(summary.full).toBe(true);
    expect(refused).toBe(1); // tried once, then copied
    stub.fault = undefined;
    const fresh = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: fresh, cacheDir: false, search: false });
    expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
    expect(readdirSync(join(cache, 'staging'))).toEqual([]);
  });
});
