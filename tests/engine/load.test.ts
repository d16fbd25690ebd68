import { copyFileSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeedCache } from '../../src/engine/cache.ts';
import { serialize } from 'node:v8';
import { compactString } from '../../src/engine/analyse.ts';
import { loadSeeds } from '../../src/engine/load.ts';
import type { SeedResult } from '../../src/seeds/analyse.ts';
import { storyFacts } from '../../src/records/records.ts';
import { paragraphsToHtml } from '../../src/seeds/html.ts';
import { markdown } from '../../src/seeds/markdown.ts';
import { parseSeed } from '../../src/seeds/parse.ts';
import { VFile } from 'vfile';
import { fixture } from '../helpers/seeds.ts';

const SEED = '---\ndate: 2024-05\n---\nIran’s envoy holds 3 talks on May 12\nThe talks went well.\nAnother story\nIts one paragraph.\n|\n';

describe('loadSeeds with a cache', () => {
  it('should store each story’s facts with its seed and give them back unchanged from the cache', async () => {
    const seeds = mkdtempSync(join(tmpdir(), 'nd-load-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'nd-load-cache-'));
    writeFileSync(join(seeds, '2024-05.txt'), SEED);
    const fresh = await loadSeeds(seeds, { cacheDir, version: 'v1' });
    expect(fresh.cacheHits).toBe(0);
    const [key] = fresh.cacheKeys;
    const stored = new SeedCache<SeedResult>(cacheDir).get(key!);
    expect(stored?.facts).toEqual(stored!.digest!.stories.map((story) => storyFacts(stored!.digest!.digest, story)));
    expect(stored?.facts?.map((f) => [f.slug, f.wordCount])).toEqual([['irans-envoy-holds-3-talks-on-may-12', 4], ['another-story', 3]]);

    const cached = await loadSeeds(seeds, { cacheDir, version: 'v1' });
    expect(cached.cacheHits).toBe(1);
    expect(cached.stories).toEqual(fresh.stories);
    expect(cached.stories.map((s) => [s.slug, s.wordCount, s.dateSource])).toEqual([['irans-envoy-holds-3-talks-on-may-12', 4, 'text'], ['another-story', 3, 'digest']]);
  });

  it('should treat a torn cache entry as a miss and analyse the seed again', async () => {
    const seeds = mkdtempSync(join(tmpdir(), 'nd-load-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'nd-load-cache-'));
    writeFileSync(join(seeds, '2024-05.txt'), SEED);
    const fresh = await loadSeeds(seeds, { cacheDir, version: 'v1' });
    const [key] = fresh.cacheKeys;
    writeFileSync(join(cacheDir, `${key}.v8`), Buffer.from([0xff, 0x0f, 0x6f]));
    expect(new SeedCache<SeedResult>(cacheDir).get(key!)).toBeUndefined();
    const again = await loadSeeds(seeds, { cacheDir, version: 'v1' });
    expect(again.cacheHits).toBe(0);
    expect(again.stories).toEqual(fresh.stories);
    expect(new SeedCache<SeedResult>(cacheDir).get(key!)?.facts).toHaveLength(2);
  });

  it('should name each seed by its name, not its folder, fresh and from a cache filled from another folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nd-load-'));
    const cacheDir = join(work, 'cache');
    mkdirSync(join(work, 'before'));
    writeFileSync(join(work, 'before', '2024-05.txt'), SEED);
    const fresh = await loadSeeds(join(work, 'before'), { cacheDir, version: 'v1' });
    expect(fresh.stories.map((story) => story.digest.file)).toEqual(['2024-05.txt', '2024-05.txt']);
    renameSync(join(work, 'before'), join(work, 'after'));
    const moved = await loadSeeds(join(work, 'after'), { cacheDir, version: 'v1' });
    expect(moved.cacheHits).toBe(1);
    expect(moved.stories).toEqual(fresh.stories);
    // Nothing the cache gives back names either folder; messages get the path where the seed is now.
    const [key] = moved.cacheKeys;
    expect(JSON.stringify(new SeedCache<SeedResult>(cacheDir).get(key!))).not.toContain(work);
    expect(moved.files.map((file) => file.path)).toEqual([join(work, 'after', '2024-05.txt')]);
    expect(moved.sourceKeys).toEqual(fresh.sourceKeys);
  });
});

describe('compactString', () => {
  // Cut from a text with a curly quote, as a parser cuts a headline from its seed: two bytes a character.
  const source = 'A plain headline, café included\nIran’s envoy';
  const plain = source.split('\n')[0]!;

  it('should keep the text as it is', () => {
    expect(compactString(plain)).toBe(plain);
    expect(compactString('Iran’s envoy')).toBe('Iran’s envoy');
    expect(compactString('')).toBe('');
  });

  it('should store a Latin-1 text cut from a wider one in one byte a character', () => {
    expect(serialize(plain).length).toBeGreaterThan(2 * plain.length);
    expect(serialize(compactString(plain)).length).toBeLessThan(plain.length + 8);
    expect(serialize(compactString('Iran’s envoy')).length).toBeGreaterThan(2 * 'Iran’s envoy'.length);
  });
});

describe('the Markdown kit, loaded for Markdown seeds only', () => {
  it('should parse a Markdown seed and a plain one in one folder, each in its own form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-kit-'));
    copyFileSync(fixture('forms', 'markdown.md'), join(dir, '2024-06-markdown.md'));
    copyFileSync(fixture('forms', '2024-06-15-plain.txt'), join(dir, '2024-06-15-plain.txt'));
    const loaded = await loadSeeds(dir, {});
    expect(loaded.files.flatMap((file) => file.messages)).toEqual([]);
    const html = new Map(loaded.stories.map((s) => [s.story.headline, s.story.html]));
    expect(html.get('Russia and North Korea hold talks')).toContain('<strong>Pyongyang</strong>');
    expect(html.get('Iran and Russia sign a gas swap deal')).toMatch(/^<p>/);
  });

  it('should refuse to read a Markdown seed without the kit (a caller that forgot it), and read a plain one', () => {
    const file = (text: string) => new VFile({ path: 'seeds/2024-06.txt', value: Buffer.from(text) });
    expect(() => parseSeed(file('---\ndate: 2024-06\n---\n# Russia and Iran talk\nThey met.\n'), '2024-06.txt')).toThrow(TypeError);
    expect(parseSeed(file('---\ndate: 2024-06\n---\nRussia and Iran talk\nThey met.\n'), '2024-06.txt')?.stories).toHaveLength(1);
    const emphasis = [{ text: 'They met.', children: [{ type: 'emphasis' as const, children: [{ type: 'text' as const, value: 'They met.' }] }] }];
    expect(() => paragraphsToHtml(emphasis)).toThrow(TypeError);
    expect(paragraphsToHtml(emphasis, markdown.toHtml)).toBe('<p><em>They met.</em></p>');
  });
});
