import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { DigestError } from '../../src/errors.ts';
import { MAX_REGISTRY_BYTES, readRegistryFile, writeRegistryFile } from '../../src/records/registry-file.ts';
import { tempDir } from '../helpers/cli.ts';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open) };
});

afterEach(() => vi.mocked(fsPromises.open).mockClear());

const SEED = 'Headline one\nParagraph on May 3.\n|\n';

/** A seeds folder with one digest; `registry` makes seeds/permalinks.json whatever it should be. */
function seedsWith(registry: (path: string, root: string) => void): { root: string; seeds: string; out: string; path: string } {
  const root = tempDir('nd-registry-file-');
  const seeds = join(root, 'seeds');
  mkdirSync(seeds);
  writeFileSync(join(seeds, '2024-05.txt'), SEED);
  const path = join(seeds, 'permalinks.json');
  registry(path, root);
  return { root, seeds, out: join(root, 'site'), path };
}

const quietBuild = (seeds: string, out: string) => build({ seedsDir: seeds, outDir: out, cacheDir: false, search: false, log: () => {} });

const identity = (path: string): string => {
  const info = lstatSync(path);
  return `${info.ino}:${info.mode}:${info.size}:${info.mtimeMs}`;
};

describe('reading the registry: anything but a regular file inside the seeds folder is an error, and nothing is written', () => {
  const cases: [string, (path: string, root: string) => void, RegExp][] = [
    ['a folder', (path) => mkdirSync(path), /Unexpected a folder/],
    ['a named pipe (must not hang)', (path) => execFileSync('mkfifo', [path]), /Unexpected a named pipe/],
    ['a link to /dev/zero', (path) => symlinkSync('/dev/zero', path), /Unexpected a link to \/dev\/zero, outside the seeds folder/],
    ['a link to a file outside the seeds folder', (path, root) => {
      writeFileSync(join(root, 'secret.json'), JSON.stringify({ version: 1, stories: [], redirects: [], withdrawn: [] }));
      symlinkSync(join(root, 'secret.json'), path);
    }, /outside the seeds folder/],
    ['a broken link', (path) => symlinkSync('nowhere.json', path), /Unexpected a broken link/],
    ['a file over the size cap', (path) => {
      writeFileSync(path, '');
      truncateSync(path, MAX_REGISTRY_BYTES + 1);
    }, /Unexpected a file of \d+ bytes/],
    ['invalid JSON', (path) => writeFileSync(path, '{\n "version": 1,\n "stories": [\n'), /permalinks\.json:4:1: error: Unexpected/],
    ['bytes that are not UTF-8', (path) => writeFileSync(path, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /Unexpected bytes that are not UTF-8/],
  ];

  it.each(cases)('should refuse %s, naming the file, and leave it and the output untouched', { timeout: 20_000 }, async (_, make, message) => {
    const { seeds, out, path } = seedsWith(make);
    const before = identity(path);
    const error = await quietBuild(seeds, out).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(DigestError);
    expect((error as Error).message).toMatch(/permalinks\.json/);
    expect((error as Error).message).toMatch(message);
    expect(identity(path)).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(seeds).sort()).toEqual(['2024-05.txt', 'permalinks.json']);
  });

  it('should refuse an unreadable registry instead of reading it as none', async () => {
    const { seeds, out, path } = seedsWith((p) => writeFileSync(p, '{"version": 1, "stories": [], "redirects": [], "withdrawn": []}\n'));
    chmodSync(path, 0o000);
    // Root reads any file: make the fault the way the kernel reports it.
    vi.mocked(fsPromises.open).mockRejectedValueOnce(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    const error = await quietBuild(seeds, out).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(DigestError);
    expect((error as Error).message).toMatch(/permalinks\.json: error: Unexpected an unreadable file \(permission denied\).*chmod u\+r/);
    expect(statSync(path).mode & 0o777).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('should read a missing registry as an empty one and a link inside the seeds folder through the link', async () => {
    const { seeds, path } = seedsWith(() => {});
    expect((await readRegistryFile(path, seeds)).text).toBeUndefined();
    mkdirSync(join(seeds, 'data'));
    writeFileSync(join(seeds, 'data', 'registry.json'), '{}');
    symlinkSync(join('data', 'registry.json'), path);
    const file = await readRegistryFile(path, seeds);
    expect(file.text).toBe('{}');
    expect(file.target).toBe(join(await fsPromises.realpath(seeds), 'data', 'registry.json'));
  });
});

describe('writing the registry', () => {
  it('should write through a temporary file in the same folder and a rename, only when the text changed', async () => {
    const { seeds, path } = seedsWith((p) => writeFileSync(p, 'old\n'));
    chmodSync(path, 0o640);
    const file = await readRegistryFile(path, seeds);
    const before = identity(path);
    expect(await writeRegistryFile(file, 'old\n')).toBe(false);
    expect(identity(path)).toBe(before);
    expect(await writeRegistryFile(file, 'new\n')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    // A rename, not a rewrite in place: a reader holding the old file still has it whole.
    expect(String(lstatSync(path).ino)).not.toBe(before.split(':')[0]);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(seeds).sort()).toEqual(['2024-05.txt', 'permalinks.json']);
  });
});
