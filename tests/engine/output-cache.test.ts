/**
 * The cache is untrusted input (issue #16): each kind of cache file is
 * corrupted and the published stories.json must be valid JSON equal to a
 * fresh build's, the site byte-identical to it.
 */
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { seedWorkspace } from '../helpers/workspace.ts';

const EXTRA = '---\ndate: 2025-06\n---\nIran and Russia sign a gas swap deal\nIran and Russia agreed on June 3 to swap gas through Azerbaijan.\n|\n';

async function built(): Promise<{ seeds: string; cache: string; out: string }> {
  const { seeds, cache, out } = seedWorkspace();
  await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
  return { seeds, cache, out };
}

/** The site a clean build of `seeds` makes, without any cache. */
async function expectFreshBuild(seeds: string, out: string): Promise<void> {
  const text = readFileSync(join(out, 'stories.json'), 'utf8');
  expect(() => JSON.parse(text)).not.toThrow();
  const fresh = join(tempDir(), 'site');
  await build({ seedsDir: seeds, outDir: fresh, cacheDir: false, search: false, incremental: false });
  expect(text).toBe(readFileSync(join(fresh, 'stories.json'), 'utf8'));
  expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
}

describe('a corrupted cache', () => {
  it('should analyse a seed again when its cache entry holds another seed’s result or has a byte changed', async () => {
    const { seeds, cache, out } = await built();
    const entries = readdirSync(join(cache, 'seeds')).filter((name) => name.endsWith('.v8'));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const [a, b] = entries.map((name) => join(cache, 'seeds', name));
    // Swap two entries: each still deserialises, as another seed's result.
    const bytesA = readFileSync(a!);
    writeFileSync(a!, readFileSync(b!));
    writeFileSync(b!, bytesA);
    const summary = await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expectFreshBuild(seeds, out);
    expect(summary.stories).toBe(JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')).stories.length);
    // One byte of a headline changed inside an entry.
    const [entry] = readdirSync(join(cache, 'seeds')).map((name) => join(cache, 'seeds', name));
    const bytes = readFileSync(entry!);
    const at = bytes.indexOf('Russia');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(entry!, bytes);
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expectFreshBuild(seeds, out);
  });

  it.each([
    ['a few bytes late', 3],
    ['a few bytes early', -2],
  ])('should write stories.json afresh when the saved record offsets are %s', async (_, shift) => {
    const { seeds, cache, out } = await built();
    writeFileSync(join(seeds, '2025-06.txt'), EXTRA);
    const [name] = readdirSync(join(cache, 'manifests'));
    const path = join(cache, 'manifests', name!);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { records: { ends: number[] } };
    saved.records.ends = saved.records.ends.map((end, index) => (index === 0 ? end : end + shift));
    writeFileSync(path, JSON.stringify(saved));
    const summary = await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(summary.full).toBe(false);
    await expectFreshBuild(seeds, out);
  });

  it('should write stories.json afresh when another stories.json is moved into the folder while it renders', async () => {
    const { seeds, cache, out } = await built();
    const other = join(tempDir(), 'other');
    const otherSeeds = join(tempDir(), 'seeds');
    cpSync(seeds, otherSeeds, { recursive: true });
    writeFileSync(join(otherSeeds, '2025-06.txt'), EXTRA);
    await build({ seedsDir: otherSeeds, outDir: other, cacheDir: false, search: false });
    writeFileSync(join(seeds, '2025-06.txt'), EXTRA.replace('gas swap deal', 'grain swap deal'));
    process.env.ND_TEST_PAUSE_AT = 'render';
    const paused = new Promise<void>((resolve) => {
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        if (String(chunk).includes('paused at render')) {
          process.stderr.write = write;
          resolve();
        }
        return write(chunk, ...rest);
      }) as typeof process.stderr.write;
    });
    const running = build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await paused;
    delete process.env.ND_TEST_PAUSE_AT;
    renameSync(join(other, 'stories.json'), join(out, 'stories.json'));
    process.kill(process.pid, 'SIGUSR2');
    const summary = await running;
    expect(summary.full).toBe(false);
    await expectFreshBuild(seeds, out);
    // And every later no-change rebuild keeps it right.
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    await expectFreshBuild(seeds, out);
  });
});
