/**
 * What search engines read: structured data on every indexable page (a
 * NewsArticle per story, a CollectionPage and BreadcrumbList per listing, the
 * WebSite and its SearchAction on the home page), `<lastmod>` on every
 * sitemap URL from the data, and the pages kept out of the index (404,
 * withdrawn stories, redirects) saying `noindex` without a canonical URL.
 * The seeds and a hostile digest are built with the real tagger.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { loadSiteSettings } from '../../src/settings/site.ts';
import { structuredDataJson } from '../../src/site/structured-data.ts';
import type { StoryRecord } from '../../src/types.ts';
import { snapshotTree, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';
import { HOSTILE_HEADLINE, HOSTILE_SEED, pathOf } from '../helpers/site-build.ts';

const BASE = 'https://example.org/news/';
type Node = Record<string, unknown> & { '@type'?: string };

/** The page's JSON-LD nodes: the top object, or the members of its `@graph`. */
function nodesOf($: CheerioAPI): Node[] {
  const blocks = $('script[type="application/ld+json"]').map((_, el) => JSON.parse($(el).text()) as Node).get() as Node[];
  return blocks.flatMap((block) => (Array.isArray(block['@graph']) ? (block['@graph'] as Node[]) : [block]));
}

describe('search engine data', () => {
  let seeds: string;
  let out: string;
  let records: StoryRecord[];
  const pages = new Map<string, CheerioAPI>();
  const read = (path: string): string => readFileSync(join(out, path), 'utf8');
  const run = (outDir = out) => build({ seedsDir: seeds, outDir, cacheDir: false, search: false, baseUrl: BASE });

  beforeAll(async () => {
    const work = tempDir();
    seeds = join(work, 'seeds');
    out = join(work, 'site');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    rmSync(join(seeds, 'permalinks.json'), { force: true });
    writeFileSync(join(seeds, '2025-06.txt'), HOSTILE_SEED);
    await run();
    records = (JSON.parse(read('stories.json')) as { stories: StoryRecord[] }).stories;
    for (const file of Object.keys(snapshotTree(out))) if (file.endsWith('.html')) pages.set(pathOf(file), load(read(file)));
  });

  it('should give every story a NewsArticle with image, author, publisher logo, dates, its issue and its countries', () => {
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) {
      const nodes = nodesOf(pages.get(record.url)!);
      expect(nodes).toHaveLength(1);
      const article = nodes[0]!;
      expect(article).toMatchObject({
        '@type': 'NewsArticle',
        headline: record.headline,
        // The image is the story's social card, an absolute 1200×630 PNG at its own URL.
        image: { '@type': 'ImageObject', url: `${BASE}cards${record.url.replace(/\/$/, '')}.png`, width: 1200, height: 630 },
        author: { '@type': 'Organization', name: 'News Digest editors' },
        publisher: { '@type': 'Organization', name: 'News Digest', logo: { '@type': 'ImageObject', url: `${BASE}assets/logo.png` } },
        datePublished: record.date,
        isPartOf: { '@type': 'PublicationIssue', name: record.digest.title, datePublished: record.digest.date, url: `${BASE}digests/${record.digest.id}/` },
      });
      // dateModified: the date when it is later than the story's, never earlier than datePublished.
      expect(article['dateModified']).toBe(record.digest.date > record.date ? record.digest.date : record.date);
      expect((article['about'] as Node[]).map((place) => [place['@type'], place['url']])).toEqual(record.countries.map((slug) => ['Country', `${BASE}countries/${slug}/`]));
    }
    expect(readFileSync(join(ROOT, 'templates/assets/logo.png')).subarray(16, 24)).toEqual(Buffer.from([0, 0, 0, 112, 0, 0, 0, 112]));
  });

  it('should use the social card as a story\'s image when its page has one, and escape the JSON for a script block', () => {
    const meta = { structuredData: { '@type': 'NewsArticle', headline: '</script><!-- \u2028', image: { url: 'logo' } }, card: { url: 'https://example.org/news/cards/x.png', width: 1200, height: 630 } };
    const json = structuredDataJson(meta);
    expect(json).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(json)).toEqual({ '@type': 'NewsArticle', headline: '</script><!-- \u2028', image: { '@type': 'ImageObject', url: 'https://example.org/news/cards/x.png', width: 1200, height: 630 } });
    // Other pages keep what they have: a card is only a NewsArticle's image.
    expect(JSON.parse(structuredDataJson({ structuredData: { '@type': 'WebSite' }, card: { url: 'x' } }))).toEqual({ '@type': 'WebSite' });
  });

  it('should give every listing a CollectionPage and a BreadcrumbList from Home down to the page itself', () => {
    const listings = [...pages.keys()].filter((path) => /^\/(pairs|topics|countries|digests|timeline)\/([^/]+\/)*$/.test(path));
    for (const kind of ['/pairs/', '/topics/', '/countries/', '/digests/', '/timeline/']) expect(listings.some((path) => path.startsWith(kind) && path !== kind), kind).toBe(true);
    for (const path of listings) {
      const $ = pages.get(path)!;
      if ($('meta[http-equiv="refresh"]').length) continue;
      const nodes = nodesOf($);
      const page = nodes.find((node) => node['@type'] === 'CollectionPage');
      const crumbs = nodes.find((node) => node['@type'] === 'BreadcrumbList');
      expect(page, path).toMatchObject({ url: `${BASE}${path.slice(1)}`, breadcrumb: { '@id': crumbs?.['@id'] } });
      const items = crumbs!['itemListElement'] as { position: number; name: string; item: string }[];
      expect(items[0], path).toMatchObject({ position: 1, name: 'Home', item: BASE });
      expect(items.at(-1)!.item, path).toBe(`${BASE}${path.slice(1)}`);
      expect(items.map((item) => item.position)).toEqual(items.map((_, index) => index + 1));
    }
  });

  it('should describe the home page as the WebSite, searchable at /search/?q=', () => {
    const [site] = nodesOf(pages.get('/')!);
    expect(site).toMatchObject({
      '@type': 'WebSite', url: BASE, name: 'News Digest',
      publisher: { '@type': 'Organization', logo: { url: `${BASE}assets/logo.png` } },
      potentialAction: { '@type': 'SearchAction', target: { urlTemplate: `${BASE}search/?q={search_term_string}` }, 'query-input': 'required name=search_term_string' },
    });
  });

  it('should carry structured data on every indexable page, and none on the 404 page', () => {
    for (const [path, $] of pages) {
      const noindex = $('meta[name="robots"]').attr('content') === 'noindex';
      if (noindex) continue;
      expect(nodesOf($).length, path).toBeGreaterThan(0);
    }
    expect(nodesOf(pages.get('/404.html')!)).toEqual([]);
  });

  it('should date every sitemap URL from the data: a story by its issue, a listing by its newest story\'s issue', () => {
    const sitemap = read('sitemap.xml');
    const entries = new Map([...sitemap.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((match) => [match[1]!, match[2]]));
    expect(entries.size).toBe(sitemap.split('<url>').length - 1);
    for (const [loc, lastmod] of entries) expect(lastmod, loc).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    for (const record of records) expect(entries.get(`${BASE}${record.url.slice(1)}`)).toBe(record.digest.date);
    const newest = records.map((record) => record.digest.date).sort().at(-1);
    expect(entries.get(BASE)).toBe(newest);
    expect(entries.get(`${BASE}timeline/`)).toBe(newest);
    const digestOf = (id: string) => records.find((record) => record.digest.id === id)!.digest.date;
    for (const id of new Set(records.map((record) => record.digest.id))) expect(entries.get(`${BASE}digests/${id}/`)).toBe(digestOf(id));
    // A country's page: the newest issue among its stories, not the newest of the site.
    for (const slug of new Set(records.flatMap((record) => record.countries))) {
      const own = records.filter((record) => record.countries.includes(slug)).map((record) => record.digest.date).sort().at(-1);
      expect(entries.get(`${BASE}countries/${slug}/`), slug).toBe(own);
    }
  });

  it('should keep the sitemap\'s dates the same in a rebuild', async () => {
    const again = join(tempDir(), 'site');
    await run(again);
    expect(readFileSync(join(again, 'sitemap.xml'), 'utf8')).toBe(read('sitemap.xml'));
  });

  it('should keep the 404 page and withdrawn stories out of search engines: noindex and no canonical URL', async () => {
    const notFound = pages.get('/404.html')!;
    expect(notFound('meta[name="robots"]').attr('content')).toBe('noindex');
    expect(notFound('link[rel="canonical"]')).toHaveLength(0);
    const hostile = records.find((record) => record.headline === HOSTILE_HEADLINE)!;
    rmSync(join(seeds, '2025-06.txt'));
    const after = join(tempDir(), 'site');
    await run(after);
    const $ = load(readFileSync(join(after, hostile.url.slice(1), 'index.html'), 'utf8'));
    expect($('h1').text()).toBe('This story was withdrawn');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('link[rel="canonical"]')).toHaveLength(0);
    expect(readFileSync(join(after, 'sitemap.xml'), 'utf8')).not.toContain(hostile.url);
  });

  it('should read author, publisher and logo from data/site.yaml, and refuse a logo that is neither a site path nor an http(s) URL', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    const settings = async (yaml: string) => {
      writeFileSync(join(data, 'site.yaml'), yaml);
      return loadSiteSettings(data, {});
    };
    expect(await settings('title: T\nauthor: "A & B"\npublisher: P\nlogo: https://cdn.example.org/l.png\nlogoWidth: 600\nlogoHeight: 60\n')).toMatchObject({ author: 'A & B', publisher: 'P', logo: { url: 'https://cdn.example.org/l.png', width: 600, height: 60 } });
    for (const logo of ['javascript:alert(1)', '//evil.example/x.png', 'logo.png', 'data:image/png;base64,AAAA']) {
      await expect(settings(`title: T\nlogo: "${logo}"\n`), logo).rejects.toThrow(/Unexpected `logo`/);
    }
    await expect(settings('title: T\nlogoWidth: -3\n')).rejects.toThrow(/Unexpected `logoWidth`/);
  });
});
