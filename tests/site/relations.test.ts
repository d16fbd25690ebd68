import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { computeRelations, countryPartners, nextMonth, pairTopicBreakdown, pairedCountries } from '../../src/site/relations.ts';
import { splitPair } from '../../src/pairs.ts';
import type { SiteSettings } from '../../src/settings/site.ts';
import { renderSite } from '../../src/render/eleventy.ts';
import { tagBody } from '../../src/render/pages.ts';
import { createContext } from '../../src/site/catalog.ts';
import { countryRelations, homeRelations, pairRelations, relationsPage } from '../../src/site/extras.ts';
import { safeLabels } from '../../src/site/labels.ts';
import { relationsMatrix, relationsNetwork, shade } from '../../src/site/relations-view.ts';
import type { SiteLabels } from '../../src/site/types.ts';
import { fixtureRecords, story } from '../fixtures/tagged-records.ts';

const settings: SiteSettings = { title: 'News Digest', description: 'Test', baseUrl: 'https://example.org/news/', pathPrefix: '/news/', language: 'en' };
const contextWith = (labels: SiteLabels) => createContext(settings, safeLabels(labels));
const titleCased = contextWith({ country: () => '', topic: () => '' });

describe('computeRelations', () => {
  const relations = computeRelations(fixtureRecords());

  it('should count each pair with its dates, months and topics', () => {
    const pair = relations.pairs.get('china-russia');
    expect(pair).toMatchObject({ countries: ['china', 'russia'], stories: 3, first: '2024-05-12', last: '2025-01-03' });
    expect(Object.fromEntries(pair?.months ?? [])).toEqual({ '2024-05': 1, '2024-07': 1, '2025-01': 1 });
    expect(pairTopicBreakdown(relations, 'china-russia')).toEqual([
      { slug: 'energy', count: 2 },
      { slug: 'diplomacy', count: 1 },
      { slug: 'military-exercises', count: 1 },
    ]);
  });

  it('should count a pair once per story even when a record repeats it', () => {
    const twice = computeRelations([story({ headline: 'x', date: '2024-01-01', countries: ['china', 'russia'], pairs: ['china-russia', 'china-russia'], topics: ['energy', 'energy'] })]);
    expect(twice.pairs.get('china-russia')?.stories).toBe(1);
    expect(pairTopicBreakdown(twice, 'china-russia')).toEqual([{ slug: 'energy', count: 1 }]);
  });

  it('should list partners with shared counts, most first', () => {
    expect(countryPartners(relations, 'russia')).toEqual([
      { slug: 'china', count: 3, pair: 'china-russia' },
      { slug: 'north-korea', count: 1, pair: 'north-korea-russia' },
    ]);
    expect(countryPartners(relations, 'nowhere')).toEqual([]);
  });

  it('should order paired countries by stories and leave out countries without a partner', () => {
    const lonely = computeRelations([...fixtureRecords(), story({ headline: 'y', date: '2025-02-01', countries: ['japan'] })]);
    expect(pairedCountries(lonely).map((c) => c.slug)).toEqual(['russia', 'china', 'iran', 'north-korea']);
  });

  it('should handle 100,000 stories in well under a second per pass', () => {
    const countries = ['china', 'russia', 'iran', 'north-korea', 'belarus', 'india'];
    const many = Array.from({ length: 100_000 }, (_, i) => {
      const a = countries[i % 6] as string;
      const b = countries[(i + 1 + (i % 5)) % 6] as string;
      const pair = a === b ? [] : [a < b ? `${a}-${b}` : `${b}-${a}`];
      return story({ headline: 'h', date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, countries: [a, b], pairs: pair, topics: ['energy'] });
    });
    const started = performance.now();
    const result = computeRelations(many);
    expect(performance.now() - started).toBeLessThan(2000);
    expect([...result.pairs.values()].reduce((sum, p) => sum + p.stories, 0)).toBe(many.filter((r) => r.pairs.length > 0).length);
  });
});

describe('splitPair', () => {
  it.each([
    ['china-russia', ['russia', 'china'], ['china', 'russia']],
    ['north-korea-russia', ['russia', 'north-korea'], ['north-korea', 'russia']],
    ['north-korea-south-korea', ['south-korea', 'north-korea', 'japan'], ['north-korea', 'south-korea']],
  ] as const)('should split %s using the story’s countries', (slug, countries, expected) => {
    expect(splitPair(slug, countries)).toEqual(expected);
  });

  it('should fall back to the countries seen anywhere', () => {
    expect(splitPair('north-korea-russia', [], new Set(['russia', 'north-korea']))).toEqual(['north-korea', 'russia']);
    expect(splitPair('a-b', [], new Set())).toBeUndefined();
    expect(splitPair('russia-china', [], new Set(['russia', 'china']))).toBeUndefined(); // not a sorted pair slug
  });
});

describe('nextMonth', () => {
  it.each([
    ['2024-01', '2024-02'],
    ['2024-09', '2024-10'],
    ['2024-12', '2025-01'],
  ])('should step from %s to %s', (month, next) => {
    expect(nextMonth(month)).toBe(next);
  });
});

describe('relations view', () => {
  const relations = computeRelations(fixtureRecords());

  it.each([
    [0, 10, 0],
    [1, 1, 5],
    [1, 100, 1],
    [10, 100, 3],
    [100, 100, 5],
  ])('should shade %i of at most %i as %i', (count, max, expected) => {
    expect(shade(count, max)).toBe(expected);
  });

  it('should make a symmetric matrix with an empty diagonal and pair links', () => {
    const matrix = relationsMatrix(relations);
    expect(matrix.countries.map((c) => c.label)).toEqual(['Russia', 'China', 'Iran', 'North Korea']);
    expect(matrix.rows[0]?.[0]).toBeNull();
    expect(matrix.rows[0]?.[1]).toMatchObject({ count: 3, url: '/pairs/china-russia/', shade: 5, label: 'Russia and China: 3 stories' });
    expect(matrix.rows[1]?.[0]).toMatchObject({ count: 3, url: '/pairs/china-russia/' });
    expect(matrix.rows[2]?.[3]).toMatchObject({ count: 0, shade: 0 });
  });

  it('should lay out the network the same way every time, the busiest country at the top', () => {
    const first = relationsNetwork(relations);
    expect(relationsNetwork(relations)).toEqual(first);
    const [top] = first.nodes;
    expect(top).toMatchObject({ slug: 'russia', x: 300, anchor: 'middle' });
    expect(Math.min(...first.nodes.map((n) => n.y))).toBe(top?.y);
    expect(first.edges.at(-1)).toMatchObject({ slug: 'china-russia', count: 3 });
    expect(first.edges.map((e) => e.width)).toEqual([...first.edges.map((e) => e.width)].sort((a, b) => a - b));
  });

  it('should chart a pair with the timeline’s chart: a bar for each month with stories, unlinked, a tick at every January', () => {
    const { chart } = pairRelations(relations, 'china-russia');
    expect(chart.bars.map((bar) => [bar.key, bar.count, bar.height, bar.url])).toEqual([['2024-05', 1, 100, null], ['2024-07', 1, 100, null], ['2025-01', 1, 100, null]]);
    expect(chart.bars[2]!.x - chart.bars[0]!.x).toBe(8 * 12); // 2024-05 … 2025-01, gaps included
    expect(chart.axis.map((t) => t.label)).toEqual(['2024', '2025']);
    expect(chart).toMatchObject({ title: 'Stories per month: China and Russia', linked: false });
    expect(chart.summary).toBe('Stories per month about China and Russia, May 2024 to January 2025: 3 stories in 9 months; the busiest month is May 2024 with 1 story.');
  });

  it('should give pair, country and home pages their data', () => {
    expect(pairRelations(relations, 'north-korea-russia')).toMatchObject({ label: 'North Korea and Russia', topics: [{ slug: 'arms-transfers', label: 'Arms Transfers', count: 1, url: '/topics/arms-transfers/' }] });
    expect(countryRelations(relations, 'iran').partners).toEqual([{ slug: 'china', label: 'China', count: 1, url: '/pairs/china-iran/' }]);
    expect(homeRelations(relations).network.nodes.length).toBeLessThanOrEqual(8);
  });

  it('should list every pair in the relations page’s text alternative, busiest first', () => {
    const page = relationsPage(relations, titleCased);
    expect(page.pairs.map((p) => p.slug)).toEqual(['china-russia', 'china-iran', 'north-korea-russia']);
  });

  it('should give the relations page its own head metadata and stylesheet', () => {
    const page = relationsPage(relations, titleCased);
    expect(page.meta).toMatchObject({ title: 'Relations map · News Digest', canonical: 'https://example.org/news/relations/', section: 'relations', styles: ['/assets/relations.css'] });
    expect(page.heading).toBe('Relations map');
  });
});

describe('relations templates', () => {
  it('should render an accessible matrix and drawing with escaped labels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nd-relations-'));
    try {
      const templates = join(dir, 'templates');
      await mkdir(join(templates, '_includes', 'layouts'), { recursive: true });
      await cp(join(import.meta.dirname, '..', '..', 'templates', '_includes', 'relations'), join(templates, '_includes', 'relations'), { recursive: true });
      await cp(join(import.meta.dirname, '..', '..', 'templates', '_includes', 'pages', 'relations.njk'), join(templates, '_includes', 'pages', 'relations.njk'), { recursive: true });
      await cp(join(import.meta.dirname, '..', '..', 'templates', 'assets'), join(templates, 'assets'), { recursive: true });
      const hostile = { country: (slug: string) => (slug === 'iran' ? '<script>alert(1)</script>' : slug), topic: (slug: string) => slug };
      const site = { title: 'News Digest', description: '', baseUrl: 'https://example.org/news/', pathPrefix: '/news/', language: 'en', nav: [], feeds: [], searchUrl: '/search/' };
      const data = { site, pages: { relations: [relationsPage(computeRelations(fixtureRecords()), contextWith(hostile))] } };
      await renderSite({ templatesDir: templates, outDir: join(dir, 'site'), data, pathPrefix: '/news/' });
      const html = await readFile(join(dir, 'site', 'relations', 'index.html'), 'utf8');
      expect(html).not.toContain('<script>alert(1)</script>');
      const $ = load(html);
      expect($('table caption').text()).toContain('Stories per country pair');
      expect($('thead th[scope="col"]')).toHaveLength(4);
      expect($('tbody th[scope="row"]')).toHaveLength(4);
      expect($('td.shade-5 a').first().attr('href')).toBe('/news/pairs/china-russia/');
      const svg = $('svg.relations-network');
      expect(svg.attr('role')).toBe('img');
      expect(svg.find('title').first().text()).not.toBe('');
      expect(svg.find('desc').text()).toContain('<script>alert(1)</script>'); // as text: cheerio decodes the escaped label
      expect(svg.find('text').filter((_, el) => $(el).text() === '<script>alert(1)</script>')).toHaveLength(1);
      expect($('ol.relations-pairs li')).toHaveLength(3);
      expect($('[style]')).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should render a pair’s and a country’s first page from their relations, and the home map from `rel`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nd-partials-'));
    try {
      const relations = computeRelations(fixtureRecords());
      // A tag page's first page, with nothing but its relations (src/render/pages.ts).
      const firstPage = (kind: 'pair' | 'country', rel: unknown) => load(tagBody({
        kind, slug: kind, label: kind, description: '', url: `/${kind}/`, tagUrl: `/${kind}/`, stories: [], countries: [],
        pagination: { archive: 0, newer: null, older: null, from: '', to: '' },
        meta: { title: kind, description: '', canonical: '', ogType: 'website', section: 'none', feeds: [] },
        relations: rel,
      } as unknown as Parameters<typeof tagBody>[0], (url) => url));
      const pair = firstPage('pair', pairRelations(relations, 'china-russia'));
      expect(pair('svg[role="img"] rect.chart-bar')).toHaveLength(3);
      expect(pair('svg a')).toHaveLength(0);
      expect(pair('svg title').first().text()).toBe('Stories per month: China and Russia');
      expect(pair('details tbody tr')).toHaveLength(3);
      expect(pair('.topic-breakdown li a').map((_, el) => pair(el).text()).get()).toEqual(['Energy', 'Diplomacy', 'Military Exercises']);
      expect(pair('h2#stories-heading')).toHaveLength(1);
      const country = firstPage('country', countryRelations(relations, 'russia'));
      expect(country('.partners li').first().text()).toBe('Russia and China: 3 stories');
      const templates = join(dir, 'templates');
      await cp(join(import.meta.dirname, '..', '..', 'templates', '_includes', 'relations'), join(templates, '_includes', 'relations'), { recursive: true });
      await writeFile(join(templates, 'home.njk'), `---\npermalink: /home/\n---\n{% set rel = nd.home %}{% include "relations/home-map.njk" %}`);
      await renderSite({ templatesDir: templates, outDir: join(dir, 'site'), data: { home: homeRelations(relations) } });
      const home = load(await readFile(join(dir, 'site', 'home', 'index.html'), 'utf8'));
      expect(home('svg circle')).toHaveLength(4);
      expect(home('a[href="/relations/"]')).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
