/**
 * Records name a seed by its name in the seeds folder (`2024-05.txt`), never by
 * the folder: `stories.json`, `stories.csv` and the pages are published, and
 * the same seeds must give the same bytes wherever they lie on disk.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import type { StoryRecord } from '../../src/types.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { fixture, ROOT } from '../helpers/seeds.ts';

describe('seed paths in the output', () => {
  it('should build the same seeds from an absolute and a relative folder into byte-identical sites', async () => {
    const work = tempDir('nd-seed-paths-');
    const first = join(work, 'editor', 'seeds');
    const second = join(work, 'checkout', 'digests');
    for (const folder of [first, second]) {
      mkdirSync(folder, { recursive: true });
      for (const name of ['2024-05.txt', '2025-05.txt']) cpSync(join(ROOT, 'seeds', name), join(folder, name));
      cpSync(fixture('segment', 'question-first', 'input.txt'), join(folder, '2025-11-questions.txt'));
    }
    // One cache for both: the second build takes the first one's parse results.
    const cacheDir = join(work, 'cache');
    await build({ seedsDir: first, outDir: join(work, 'out-1'), cacheDir });
    const secondRelative = relative(process.cwd(), second);
    expect(secondRelative.startsWith('/')).toBe(false);
    await build({ seedsDir: secondRelative, outDir: join(work, 'out-2'), cacheDir });

    const one = snapshotTree(join(work, 'out-1'));
    expect(Object.keys(one).length).toBeGreaterThan(50);
    expect(snapshotTree(join(work, 'out-2'))).toEqual(one);

    const { stories } = JSON.parse(readFileSync(join(work, 'out-2', 'stories.json'), 'utf8')) as { stories: StoryRecord[] };
    expect(new Set(stories.flatMap((story) => [story.digest.file, story.source.file]))).toEqual(new Set(['2024-05.txt', '2025-05.txt', '2025-11-questions.txt']));
    for (const path of Object.keys(one).filter((name) => /\.(json|csv|html|xml|txt)$/.test(name))) {
      const text = readFileSync(join(work, 'out-2', path), 'utf8');
      for (const leak of [work, 'editor/seeds', 'checkout/digests']) expect(text.includes(leak), `${path} names ${leak}`).toBe(false);
    }
  }, 120_000);
});
