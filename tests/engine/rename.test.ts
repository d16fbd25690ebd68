/** A renamed seed keeps every story URL, and its old digest page redirects (issue #16). */
import { copyFileSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { outputPathOf } from '../../src/engine/incremental.ts';
import { tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const urlsOf = (out: string): string[] => (JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: { url: string }[] }).stories.map((s) => s.url).sort();

describe('a renamed seed', () => {
  it('should keep its story URLs and turn its old digest page into a redirect that later builds keep', { timeout: 240_000 }, async () => {
    const root = tempDir('nd-rename-');
    const seeds = join(root, 'seeds');
    const out = join(root, 'site');
    mkdirSync(seeds);
    for (const name of ['2024-05.txt', '2025-05.txt']) copyFileSync(join(ROOT, 'seeds', name), join(seeds, name));
    const run = () => build({ seedsDir: seeds, outDir: out, cacheDir: join(root, 'cache'), search: false, log: () => {} });
    await run();
    const before = urlsOf(out);
    renameSync(join(seeds, '2024-05.txt'), join(seeds, 'may-2024.txt'));
    await run();
    expect(urlsOf(out)).toEqual(before);
    const registry = JSON.parse(readFileSync(join(seeds, 'permalinks.json'), 'utf8')) as { withdrawn: unknown[]; digests?: unknown[] };
    expect(registry.withdrawn).toEqual([]);
    expect(registry.digests).toEqual([{ from: '2024-05', to: 'may-2024' }]);
    const expectRedirect = (): void => {
      const $ = cheerio.load(readFileSync(join(out, outputPathOf('/digests/2024-05/')), 'utf8'));
      expect($('meta[http-equiv="refresh"]').attr('content')).toMatch(/^0; url=\/digests\/may-2024\/$/);
      expect($('link[rel="canonical"]').attr('href')).toMatch(/\/digests\/may-2024\/$/);
      expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).not.toContain('/digests/2024-05/');
      expect(readFileSync(join(out, outputPathOf('/digests/')), 'utf8')).not.toContain('/digests/2024-05/');
    };
    expectRedirect();
    // A later build with nothing renamed keeps the redirect (the registry remembers it).
    await run();
    expect(urlsOf(out)).toEqual(before);
    expectRedirect();
  });
});
