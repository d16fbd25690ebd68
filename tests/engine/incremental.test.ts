import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildSummary } from '../../src/commands/build.ts';
import { declareReferenceHash, hashItem, keyPages, loadManifest, manifestOf, outputPathOf, planPages, saveManifest, type SavedManifest } from '../../src/engine/incremental.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { record } from '../helpers/site-build.ts';
import { planSiteData } from '../../src/site/plan.ts';
import { seedWorkspace } from '../helpers/workspace.ts';

const EXTRA = `---
date: 2025-06
title: "June 2025 Digest"
---
Iran and Russia sign a gas swap deal
Iran and Russia agreed on June 3 to swap gas through Azerbaijan.
|
`;

describe('incremental rebuilds', () => {
  let seeds: string;
  let cache: string;
  let out: string;
  const incremental = (): Promise<BuildSummary> => build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
  /** A clean full build of the same seeds folder (registry included) must give the same bytes. */
  const expectSameAsFullBuild = async (): Promise<void> => {
    const fresh = join(tempDir(), 'site');
    const full = await build({ seedsDir: seeds, outDir: fresh, cacheDir: false, incremental: false, search: false });
    expect(full.full).toBe(true);
    expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
  };

  beforeAll(async () => {
    ({ seeds, cache, out } = seedWorkspace({ registry: false }));
    const first = await incremental();
    expect(first.full).toBe(true);
  });

  it('should render nothing when nothing changed', async () => {
    const again = await incremental();
    expect(again.full).toBe(false);
    expect(again.rendered).toBe(0);
    await expectSameAsFullBuild();
  });

  it('should render only the touched pages after a digest is added, byte-identical to a full build', async () => {
    writeFileSync(join(seeds, '2025-06.txt'), EXTRA);
    const summary = await incremental();
    expect(summary.full).toBe(false);
    expect(summary.rendered).toBeGreaterThan(0);
    expect(summary.rendered).toBeLessThan(summary.pages / 2);
    await expectSameAsFullBuild();
  });

  it('should stay byte-identical after a story is edited', async () => {
    const path = join(seeds, '2025-06.txt');
    writeFileSync(path, readFileSync(path, 'utf8').replace('swap gas through Azerbaijan', 'swap natural gas via Azerbaijan'));
    const summary = await incremental();
    expect(summary.full).toBe(false);
    await expectSameAsFullBuild();
  });

  it('should rewrite the citation files of every story of a digest whose title changed, byte-identical to a full build', async () => {
    const path = join(seeds, '2024-05.txt');
    writeFileSync(path, readFileSync(path, 'utf8').replace('title: "May 2024 Digest"', 'title: "The May 2024 Digest"'));
    const summary = await incremental();
    expect(summary.full).toBe(false);
    await expectSameAsFullBuild();
    const bib = readdirSync(join(out, 'stories'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('cite.bib'));
    const may = bib.map((name) => readFileSync(join(out, 'stories', name), 'utf8')).filter((text) => text.includes('May 2024 Digest'));
    expect(may.length).toBeGreaterThan(0);
    for (const text of may) expect(text).toContain('The May 2024 Digest');
  });

  it('should stay byte-identical after a digest is removed, and keep the removed story URL answering', async () => {
    const stories = (JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: { url: string; digest: { id: string } }[] }).stories;
    const removed = stories.find((story) => story.digest.id === '2025-06')!;
    rmSync(join(seeds, '2025-06.txt'));
    const summary = await incremental();
    expect(summary.full).toBe(false);
    await expectSameAsFullBuild();
    expect(readFileSync(join(out, outputPathOf(removed.url)), 'utf8')).toContain('This story was withdrawn');
  });

  it('should fall back to a full build when the output folder was changed by hand', async () => {
    writeFileSync(join(out, 'stories.json'), '{"stories": []}\n');
    const summary = await incremental();
    expect(summary.full).toBe(true);
  });

  it('should stay byte-identical after the seeds folder is moved (records name seeds, not their folder)', async () => {
    const moved = join(seeds, '..', 'seeds-moved');
    renameSync(seeds, moved);
    seeds = moved;
    const summary = await incremental();
    expect(summary.full).toBe(false);
    await expectSameAsFullBuild();
    expect(readFileSync(join(out, 'stories.json'), 'utf8')).not.toContain('seeds-moved');
  });

  it('should notice an edit that keeps the size of stories.json, or another build into the same folder', async () => {
    expect((await incremental()).full).toBe(false);
    const path = join(out, 'stories.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"stories"', '"Stories"'));
    expect((await incremental()).full).toBe(true);
    await build({ seedsDir: seeds, outDir: out, cacheDir: join(tempDir(), 'other-cache'), search: false });
    expect((await incremental()).full).toBe(true);
    await expectSameAsFullBuild();
  });
});

describe('planPages', () => {
  const pages = { story: [{ url: '/a/', text: 'A' }, { url: '/b/', text: 'B' }], feed: [{ url: '/feed.xml', items: 2 }] };

  it('should render everything without a previous manifest or with another version', () => {
    expect(planPages(pages, manifestOf(pages, 'v1'), undefined).full).toBe(true);
    expect(planPages(pages, manifestOf(pages, 'v2'), manifestOf(pages, 'v1')).full).toBe(true);
  });

  it('should render only changed items and remove vanished outputs', () => {
    const next = { story: [{ url: '/a/', text: 'A2' }, { url: '/c/', text: 'C' }], feed: pages.feed };
    const plan = planPages(next, manifestOf(next, 'v1'), manifestOf(pages, 'v1'));
    expect(plan.full).toBe(false);
    expect(plan.render).toEqual({ story: [{ url: '/a/', text: 'A2' }, { url: '/c/', text: 'C' }], feed: [] });
    expect(plan.remove).toEqual(['b/index.html']);
  });

  it('should leave on-demand pages unbuilt, naming the changed ones, so that each is built only when its shard renders', () => {
    const built: number[] = [];
    const texts = ['A', 'B', 'C'];
    const lazyOf = (version: string[]) => ({
      story: { urls: ['/a/', '/b/', '/c/'], key: (index: number) => version[index]!, build: (index: number) => (built.push(index), { url: `/${'abc'[index]}/` }) },
    });
    const before = manifestOf({}, 'v1', lazyOf(texts));
    const next = lazyOf(['A', 'B2', 'C']);
    const plan = planPages({}, manifestOf({}, 'v1', next), before, next);
    expect(built).toEqual([]);
    expect(plan.pending.story!.indices).toEqual([1]);
    expect(plan.changed).toBe(1);
    expect(plan.pending.story!.build(1)).toEqual({ url: '/b/' });
    const full = planPages({}, manifestOf({}, 'v1', next), undefined, next);
    expect(full.pending.story!.indices).toEqual([0, 1, 2]);
    expect(built).toEqual([1]);
  });

  it('should keep a manifest through JSON as parallel lists, and refuse anything else', () => {
    const manifest = manifestOf(pages, 'v1');
    const kept = loadManifest(JSON.parse(JSON.stringify(saveManifest(manifest))) as SavedManifest);
    expect(kept).toEqual(manifest);
    expect(planPages(pages, manifest, kept).changed).toBe(0);
    expect(loadManifest({ version: 'v1', outputs: { 'a/index.html': 'story:x' } } as never)).toBeUndefined();
    expect(loadManifest({ version: 'v1', paths: ['a/index.html'], hashes: [] })).toBeUndefined();
    expect(loadManifest(undefined)).toBeUndefined();
  });

  it('should map URLs to output files the way Eleventy writes them', () => {
    expect(['/', '/a/b/', '/feed.xml', '/404.html'].map(outputPathOf)).toEqual(['index.html', 'a/b/index.html', 'feed.xml', '404.html']);
  });
});

describe('hashItem', () => {
  const story = (headline: string) => ({ url: '/stories/a/', headline, tags: [{ url: '/pairs/china-russia/', label: 'China–Russia' }] });

  it('should hash equal items alike, whether or not they share references', () => {
    const shared = story('Gas deal');
    expect(hashItem({ url: '/p/', stories: [shared, shared] })).toBe(hashItem({ url: '/p/', stories: [story('Gas deal'), story('Gas deal')] }));
  });

  it('should change when anything inside a shared reference changes, however deep', () => {
    const base = hashItem({ url: '/p/', stories: [story('Gas deal')] });
    expect(hashItem({ url: '/p/', stories: [story('Gas deals')] })).not.toBe(base);
    const relabelled = { ...story('Gas deal'), tags: [{ url: '/pairs/china-russia/', label: 'Russia–China' }] };
    expect(hashItem({ url: '/p/', stories: [relabelled] })).not.toBe(base);
    expect(hashItem({ url: '/q/', stories: [story('Gas deal')] })).not.toBe(base);
  });

  it('should tell apart values that print alike: a string from a number or null, a list from a record, a missing value from an empty one', () => {
    const distinct = [{ n: 1 }, { n: '1' }, { n: null }, { n: 'null' }, { n: [] }, { n: {} }, { n: '' }, {}, { n: ['a', 'b'] }, { n: ['a,b'] }, { n: { a: 1 } }, { n: { a: '1' } }];
    const hashes = distinct.map((value) => hashItem({ url: '/p/', ...value }));
    expect(new Set(hashes).size).toBe(distinct.length);
  });

  it('should hash a reference by its declared key when it has one, not by its content', () => {
    const [first, second] = [story('Gas deal'), story('Gas deal')];
    declareReferenceHash(first, 'seed-a:1 /stories/a/');
    declareReferenceHash(second, 'seed-b:1 /stories/a/');
    expect(hashItem({ url: '/p/', stories: [first] })).not.toBe(hashItem({ url: '/p/', stories: [second] }));
    const again = story('Gas deal, revised');
    declareReferenceHash(again, 'seed-a:1 /stories/a/');
    expect(hashItem({ url: '/p/', stories: [again] })).toBe(hashItem({ url: '/p/', stories: [first] }));
  });

  it('should key the site\'s pages by the records they are made of, as the engine knows them', () => {
    const settings = { title: 'News Digest', description: 'Test', baseUrl: 'https://example.org/', pathPrefix: '/', language: 'en' };
    const records = [1, 2, 3].map((day) => record({ date: `2024-05-0${day}`, slug: `s${day}`, countries: ['china', 'russia'], pairs: ['china-russia'], topics: ['energy'] }));
    const keyed = (keys: readonly string[]) => {
      const plan = planSiteData(records, settings);
      const lazy = keyPages(plan.lazy, plan.stories, (one) => keys[records.indexOf(one)]!);
      return { lazy, pair: hashItem(plan.pages.pair[0]!) };
    };
    const [before, after] = [keyed(['a', 'b', 'c']), keyed(['a', 'B', 'c'])];
    // Story 2's record changed (its key says so) though nothing the site shows of it did.
    const changed = (list: 'story' | 'feedAtom') => before.lazy[list].urls.filter((_, index) => before.lazy[list].key(index) !== after.lazy[list].key(index));
    expect(changed('story')).toEqual(records.map((one) => one.url));
    expect(changed('feedAtom').length).toBeGreaterThan(0);
    // The pair listing shows story 2's shared link: hashed by the story's key, not its JSON.
    expect(after.pair).not.toBe(before.pair);
    expect(keyed(['a', 'b', 'c']).pair).toBe(before.pair);
  });
});
