import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import type { SiteLabels } from '../../src/site/plan.ts';
import { buildSearchIndex } from '../../src/output/search.ts';
import { searchFacets } from '../../src/site/extras.ts';
import type { StoryRecord, Tagger } from '../../src/types.ts';
import { fixtureRecords } from '../fixtures/tagged-records.ts';
import { loadPagefind, type PagefindApi } from '../helpers/pagefind-node.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A story page carrying the attributes docs/search.md asks of the story page (src/render/pages.ts). */
function storyPage(record: StoryRecord): string {
  const tags = (kind: string, slugs: readonly string[]) => slugs.map((slug) => `<a href="/${kind}/${slug}/" data-pagefind-filter="${kind === 'pairs' ? 'pair' : kind === 'topics' ? 'topic' : 'country'}">${esc(slug)}</a>`).join(' ');
  return `<!doctype html><html lang="en"><head><title>${esc(record.headline)}</title></head><body>
<header><form role="search"><input name="q"></form><nav>Home Timeline Pairs</nav></header>
<main><article data-pagefind-body>
<h1 data-pagefind-meta="title">${esc(record.headline)}</h1>
<p data-pagefind-ignore><time datetime="${record.date}" data-pagefind-sort="date[datetime]" data-pagefind-meta="date[datetime]" data-pagefind-filter="year:${record.date.slice(0, 4)}">${record.date}</time>
from <a href="/digests/${record.digest.id}/" data-pagefind-filter="digest">${esc(record.digest.title)}</a></p>
${record.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<dl data-pagefind-ignore><dd>${tags('pairs', record.pairs)}</dd><dd>${tags('topics', record.topics)}</dd><dd>${tags('countries', record.countries)}</dd></dl>
</article><nav>Previous story: something else entirely</nav></main></body></html>`;
}

describe('buildSearchIndex', () => {
  const records = fixtureRecords();
  let dir: string;
  let summary: Awaited<ReturnType<typeof buildSearchIndex>>;
  let pagefind: PagefindApi;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-search-'));
    for (const record of records) {
      const file = join(dir, record.url, 'index.html');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, storyPage(record));
    }
    // Pages that are not stories must stay out of the index.
    await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="en"><body><h1>Home: gas deal</h1></body></html>');
    await mkdir(join(dir, 'pairs', 'china-russia'), { recursive: true });
    await writeFile(join(dir, 'pairs', 'china-russia', 'index.html'), '<!doctype html><html lang="en"><body><article data-pagefind-body><h1>China and Russia gas deal</h1></article></body></html>');
    summary = await buildSearchIndex(dir);
    pagefind = await loadPagefind(join(dir, 'pagefind'), '/news/');
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should index every story page and nothing else', async () => {
    expect(summary.pages).toBe(records.length);
    const search = await pagefind.search('deal');
    const urls = await Promise.all(search.results.map(async (r) => (await r.data()).url));
    expect(urls).toEqual([`/news${records[0]?.url}`]);
  });

  it('should report the files it wrote and leave out Pagefind’s unused UIs', async () => {
    const names = await readdir(join(dir, 'pagefind'));
    expect(names).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json', 'pagefind-worker.js']));
    expect(names.filter((name) => /ui|highlight/.test(name))).toEqual([]);
    expect(summary.files).toBeGreaterThan(names.length - 1);
    expect(summary.bytes).toBeGreaterThan((await stat(join(dir, 'pagefind', 'pagefind.js'))).size);
  });

  it('should offer a filter for every facet, with counts', async () => {
    const filters = await pagefind.filters();
    expect(Object.keys(filters).sort()).toEqual(searchFacets().map((f) => f.key).sort());
    expect(filters.pair).toEqual({ 'china-russia': 3, 'china-iran': 1, 'north-korea-russia': 1 });
    expect(filters.year).toEqual({ 2024: 3, 2025: 2 });
    expect(filters.digest?.['Digest 2025-01']).toBe(2);
  });

  it('should filter without a query and sort by date', async () => {
    const search = await pagefind.search(null, { filters: { pair: { any: ['china-russia'] } }, sort: { date: 'desc' } });
    const dates = await Promise.all(search.results.map(async (r) => (await r.data()).meta.date));
    expect(dates).toEqual(['2025-01-03', '2024-07', '2024-05-12']);
  });

  it('should keep the byline and tag lists out of excerpts', async () => {
    const search = await pagefind.search('pyongyang');
    const [first] = search.results;
    const data = await first?.data();
    expect(data?.meta.title).toBe('Pyongyang ships shells to Moscow');
    expect(data?.excerpt).not.toContain('Digest');
    expect(data?.filters.country?.sort()).toEqual(['north-korea', 'russia']);
  });
});

describe('build with search', () => {
  const COUNTRY_NAMES: Readonly<Record<string, string>> = { china: 'China', russia: 'Russia', 'north-korea': 'North Korea', iran: 'Iran' };
  const labels: SiteLabels = { country: (slug) => COUNTRY_NAMES[slug] ?? slug, topic: (slug) => (slug === 'sanctions' ? 'Sanctions' : slug) };
  /** A story's pair labels as the site makes them: the pair's two countries (among the story's), in slug order, joined by an en dash. */
  const pairLabels = (record: StoryRecord): string[] =>
    record.pairs.map((slug) => {
      const [a, b] = record.countries.filter((country) => record.countries.some((other) => [country, other].sort().join('-') === slug)).sort();
      return `${labels.country(a!)}–${labels.country(b!)}`;
    });
  /** How many stories carry each value: what Pagefind's `filters()` should report for a facet. */
  const tally = (stories: readonly StoryRecord[], values: (record: StoryRecord) => readonly string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const record of stories) for (const value of new Set(values(record))) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  const tagger: Tagger = (story) => {
    const text = `${story.headline} ${story.paragraphs.join(' ')}`;
    const countries = ['China', 'Russia', 'North Korea', 'Iran'].filter((name) => text.includes(name)).map((name) => name.toLowerCase().replace(' ', '-'));
    const pairs = countries.length >= 2 ? [[countries[0], countries[1]].sort().join('-')] : [];
    return { countries, pairs, topics: text.includes('sanction') ? ['sanctions'] : [], organizations: [] };
  };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-search-build-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should index every story of the seeds and write the data files', async () => {
    const out = join(dir, 'site');
    const result = await build({ seedsDir: join(ROOT, 'seeds'), outDir: out, labels }, tagger);
    expect(result.search?.pages).toBe(result.stories);
    const { stories } = JSON.parse(await readFile(join(out, 'stories.json'), 'utf8')) as { stories: StoryRecord[] };
    const csv = await readFile(join(out, 'stories.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(stories.length + 1);
    const pairs = JSON.parse(await readFile(join(out, 'pairs.json'), 'utf8')) as { pairs: Record<string, { stories: number }> };
    expect(Object.values(pairs.pairs).reduce((sum, p) => sum + p.stories, 0)).toBe(stories.reduce((sum, s) => sum + s.pairs.length, 0));
  }, 120_000);

  it('should skip the index with `search: false`', async () => {
    const out = join(dir, 'quick');
    const result = await build({ seedsDir: join(ROOT, 'seeds'), outDir: out, search: false });
    expect(result.search).toBeUndefined();
    await expect(stat(join(out, 'pagefind'))).rejects.toThrow();
  }, 120_000);

  it('should find stories by the filters the story template declares, with a count for each value', async () => {
    const pagefind = await loadPagefind(join(dir, 'site', 'pagefind'));
    const { stories } = JSON.parse(await readFile(join(dir, 'site', 'stories.json'), 'utf8')) as { stories: StoryRecord[] };
    const filters = await pagefind.filters();
    expect(Object.keys(filters)).toEqual(expect.arrayContaining(['pair', 'country', 'year', 'digest']));
    // Every filter sits inside a `data-pagefind-ignore` element of the story page, and still counts.
    expect(filters.pair).toEqual(tally(stories, pairLabels));
    expect(filters.country).toEqual(tally(stories, (record) => record.countries.map(labels.country)));
    expect(filters.topic ?? {}).toEqual(tally(stories, (record) => record.topics.map(labels.topic)));
    expect(filters.digest).toEqual(tally(stories, (record) => [record.digest.title]));
    expect(filters.year).toEqual(tally(stories, (record) => [record.date.slice(0, 4)]));
    expect(Object.keys(filters.pair ?? {}).length).toBeGreaterThan(1);
    expect(Object.keys(filters.year ?? {}).length).toBeGreaterThan(1);
  });

  it('should title, date and sort results by the story, and keep bylines, tags and ¶ out of excerpts', async () => {
    const pagefind = await loadPagefind(join(dir, 'site', 'pagefind'));
    const { stories } = JSON.parse(await readFile(join(dir, 'site', 'stories.json'), 'utf8')) as { stories: StoryRecord[] };
    const search = await pagefind.search(null, { filters: { year: { any: ['2024', '2025'] } }, sort: { date: 'asc' } });
    const results = await Promise.all(search.results.map((result) => result.data()));
    expect(results.map((data) => data.meta.date)).toEqual(stories.map((record) => record.date).sort());
    const byUrl = new Map(stories.map((record) => [record.url, record]));
    for (const data of results) {
      const record = byUrl.get(data.url);
      expect(record, data.url).toBeDefined();
      expect(data.meta.title).toBe(record!.headline);
      expect(data.excerpt).not.toMatch(/¶|Permanent link|More from this month/);
    }
  });
});
