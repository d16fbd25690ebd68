/**
 * End to end: the seeds (plus a hostile one) built into a temporary folder
 * with a keyword tagger, then every page read back with a real HTML parser.
 */
import { load, type CheerioAPI } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import type { StoryRecord } from '../../src/types.ts';
import { brokenLinks as checkLinks } from '../helpers/links.ts';
import { HOSTILE_HEADLINE, HOSTILE_SEED, keywordTagger, pathOf, readSite, seedsWith, tempDir, testLabels } from '../helpers/site-build.ts';

const BASE = 'https://example.org/';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

interface Built {
  readonly files: Map<string, Buffer>;
  readonly records: StoryRecord[];
  readonly html: Map<string, CheerioAPI>; // served path → document
}

async function buildSite(seedsDir: string, baseUrl: string): Promise<Built> {
  const outDir = await tempDir('nd-site-');
  await build({ seedsDir, outDir, baseUrl, labels: testLabels, search: false }, keywordTagger);
  const files = await readSite(outDir);
  const records = (JSON.parse(files.get('stories.json')!.toString('utf8')) as { stories: StoryRecord[] }).stories;
  const html = new Map<string, CheerioAPI>();
  for (const [file, bytes] of files) if (file.endsWith('.html') && !file.startsWith('pagefind/')) html.set(pathOf(file), load(bytes.toString('utf8')));
  return { files, records, html };
}

/** Every broken internal reference of every HTML page (tests/helpers/links.ts). */
function brokenLinks(site: Built, baseUrl: string): string[] {
  const crawl = { pages: site.html.keys(), hasFile: (file: string) => site.files.has(file), document: (path: string) => site.html.get(path) };
  // /search/ belongs to another build step (these builds skip the search index).
  return checkLinks(crawl, baseUrl, { ignore: (value, tag) => tag === 'form' && value.endsWith('/search/') });
}

const isRedirect = ($: CheerioAPI): boolean => $('meta[http-equiv="refresh"]').length > 0;

describe('the built site', () => {
  let site: Built;
  let prefixed: Built;
  let again: Built;
  let seedsDir: string;

  beforeAll(async () => {
    seedsDir = await seedsWith({ '2025-06.txt': HOSTILE_SEED });
    site = await buildSite(seedsDir, BASE);
    again = await buildSite(seedsDir, BASE);
    prefixed = await buildSite(seedsDir, 'https://example.org/news/');
  }, 60_000);

  it('should write one page per story, tag, month, year and digest', () => {
    const expected = new Set<string>(['/', '/timeline/', '/pairs/', '/topics/', '/countries/', '/digests/', '/404.html']);
    for (const record of site.records) {
      expected.add(record.url);
      expected.add(`/digests/${record.digest.id}/`);
      expected.add(`/timeline/${record.date.slice(0, 4)}/`);
      expected.add(`/timeline/${record.date.slice(0, 4)}/${record.date.slice(5, 7)}/`);
      for (const pair of record.pairs) expected.add(`/pairs/${pair}/`);
      for (const topic of record.topics) expected.add(`/topics/${topic}/`);
      for (const country of record.countries) expected.add(`/countries/${country}/`);
    }
    expect(site.records.some((record) => record.pairs.length > 0)).toBe(true);
    const pages = new Set([...site.html].filter(([, $]) => !isRedirect($)).map(([path]) => path));
    for (const path of expected) expect(pages, path).toContain(path);
    for (const file of ['feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt', 'favicon.svg', 'assets/style.css']) expect(site.files.has(file), file).toBe(true);
  });

  it('should give every page a title, one h1, a canonical URL, landmarks and the CSP', () => {
    for (const [path, $] of site.html) {
      if (isRedirect($)) continue;
      expect($('html').attr('lang'), path).toBe('en');
      expect($('h1'), path).toHaveLength(1);
      expect($('title').text().trim(), path).not.toBe('');
      // A page kept out of search engines (the 404 page) names no canonical URL (tests/site/seo.test.ts).
      const noindex = $('meta[name="robots"]').attr('content') === 'noindex';
      expect($('link[rel="canonical"]').attr('href'), path).toBe(noindex ? undefined : new URL(path.slice(1), BASE).href);
      expect($('meta[http-equiv="Content-Security-Policy"]').attr('content'), path).toBe(CSP);
      for (const landmark of ['header', 'nav', 'main', 'footer']) expect($(landmark).length, `${path} ${landmark}`).toBeGreaterThan(0);
      expect($('a.skip-link[href="#main"]'), path).toHaveLength(1);
      expect($('form[role="search"] input[type="search"][name="q"]').attr('id'), path).toBeDefined();
      expect($('meta[property="og:url"]').attr('content'), path).toBe(new URL(path.slice(1), BASE).href);
      expect($('link[rel="alternate"][type="application/atom+xml"]').length, path).toBeGreaterThan(0);
      expect($('link[rel="alternate"][type="application/feed+json"]').length, path).toBeGreaterThan(0);
    }
  });

  it('should use no inline styles and no scripts other than JSON-LD', () => {
    for (const [path, $] of site.html) {
      expect($('style'), path).toHaveLength(0);
      expect($('[style]'), path).toHaveLength(0);
      $('script:not([src])').each((_, script) => expect($(script).attr('type'), path).toBe('application/ld+json'));
    }
  });

  it('should render each story with its date, digest, paragraph anchors and NewsArticle JSON-LD', () => {
    for (const record of site.records) {
      const $ = site.html.get(record.url)!;
      expect($('h1').text()).toBe(record.headline);
      expect($('title').text().startsWith(record.headline)).toBe(true);
      const time = $('.story-header time');
      expect(time.attr('datetime')).toBe(record.date);
      expect(time.text()).toMatch(record.datePrecision === 'day' ? /^\d{1,2} [A-Z][a-z]+ \d{4}$/ : /^[A-Z][a-z]+ \d{4}$/);
      expect($(`.story-header a[href="/digests/${record.digest.id}/"]`)).toHaveLength(1);
      record.paragraphs.forEach((_, index) => expect($(`#p${index + 1} a.anchor[href="#p${index + 1}"]`)).toHaveLength(1));
      const ld = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
      expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: record.headline, datePublished: record.date, isPartOf: { name: record.digest.title } });
      expect($(`.permalink a[href="${record.url}"]`)).toHaveLength(1);
    }
  });

  it('should link search, relations and about from every page, and load page stylesheets and scripts in the head', () => {
    for (const [path, $] of site.html) {
      if (isRedirect($)) continue;
      expect($('.site-nav a[href="/search/"]'), path).toHaveLength(1);
      expect($('.site-nav a[href="/relations/"]'), path).toHaveLength(1);
      expect($('.site-footer a[href="/about/"]'), path).toHaveLength(1);
      expect($('body link, body script[src]'), path).toHaveLength(0);
    }
    const head = (path: string, selector: string) => site.html.get(path)!(`head ${selector}`).map((_, el) => site.html.get(path)!(el).attr('href') ?? site.html.get(path)!(el).attr('src')).get();
    expect(head('/search/', 'link[rel="stylesheet"]')).toEqual(['/assets/style.css', '/assets/search.css']);
    expect(head('/search/', 'script[type="module"]')).toEqual(['/assets/search.js']);
    expect(head('/relations/', 'link[rel="stylesheet"]')).toEqual(['/assets/style.css', '/assets/relations.css']);
    expect(head('/about/', 'link[rel="stylesheet"]')).toEqual(['/assets/style.css']);
    for (const [path, heading] of [['/search/', 'Search'], ['/relations/', 'Relations map'], ['/about/', 'About the data']] as const) {
      const $ = site.html.get(path)!;
      expect($('h1').text(), path).toBe(heading);
      expect($('title').text(), path).toMatch(new RegExp(`^${heading} · .+`));
      expect($('.site-nav [aria-current="page"], .site-footer [aria-current="page"]').attr('href'), path).toBe(path);
    }
  });

  it('should show a pair’s chart and topics, a country’s partners and the home page’s map', () => {
    const pair = 'north-korea-russia';
    const stories = site.records.filter((record) => record.pairs.includes(pair));
    const $ = site.html.get(`/pairs/${pair}/`)!;
    const months = new Set(stories.map((record) => record.date.slice(0, 7)));
    expect($('.pair-chart svg[role="img"] rect.chart-bar')).toHaveLength(months.size);
    expect($('.pair-chart svg title').first().text()).toBe('Stories per month: North Korea and Russia');
    expect($('.pair-chart tbody tr')).toHaveLength(months.size);
    const topics = new Set(stories.flatMap((record) => record.topics));
    expect($('.topic-breakdown li a').map((_, el) => $(el).attr('href')).get().sort()).toEqual([...topics].map((topic) => `/topics/${topic}/`).sort());
    expect($('h2#stories-heading').next('ul.stories').length).toBe(1);
    const russia = site.html.get('/countries/russia/')!;
    expect(russia('.partners li a').map((_, el) => russia(el).attr('href')).get()).toContain(`/pairs/${pair}/`);
    expect(site.html.get('/topics/military/')!('.pair-chart, .partners, #stories-heading')).toHaveLength(0);
    const home = site.html.get('/')!;
    expect(home('.home-map svg.relations-network circle').length).toBeGreaterThan(1);
    expect(home('.home-map a[href="/relations/"]')).toHaveLength(1);
  });

  it('should mark each story for Pagefind: body, title, date, filters, and the parts kept out of excerpts', () => {
    for (const record of site.records) {
      const $ = site.html.get(record.url)!;
      expect($('[data-pagefind-body]').is('article.story')).toBe(true);
      expect($('h1').attr('data-pagefind-meta')).toBe('title');
      const time = $('.story-header time');
      expect([time.attr('data-pagefind-sort'), time.attr('data-pagefind-meta'), time.attr('data-pagefind-filter')]).toEqual(['date[datetime]', 'date[datetime]', `year:${record.date.slice(0, 4)}`]);
      expect($(`.story-header a[href="/digests/${record.digest.id}/"]`).attr('data-pagefind-filter')).toBe('digest');
      const facets = (kind: string) => $(`.story-tags a[data-pagefind-filter="${kind}"]`).map((_, el) => $(el).attr('href')).get();
      expect(facets('pair')).toEqual(record.pairs.map((slug) => `/pairs/${slug}/`));
      expect(facets('topic')).toEqual(record.topics.map((slug) => `/topics/${slug}/`));
      expect(facets('country')).toEqual(record.countries.map((slug) => `/countries/${slug}/`));
      // Only the story's own tags are facets: the related stories' tags stay plain links.
      expect($('[data-pagefind-filter]').filter((_, el) => $(el).closest('article.story').length === 0)).toHaveLength(0);
      for (const selector of ['.story-meta', '.permalink', 'a.anchor', ...(record.pairs.length + record.topics.length + record.countries.length > 0 ? ['.story-tags'] : [])]) {
        expect($(`article.story ${selector}`).length, selector).toBeGreaterThan(0);
        $(`article.story ${selector}`).each((_, el) => expect($(el).attr('data-pagefind-ignore'), selector).toBe(''));
      }
    }
  });

  it('should link every internal href and src to a file of the site', () => {
    expect(brokenLinks(site, BASE)).toEqual([]);
  });

  it('should redirect a reversed pair to its canonical page', () => {
    const $ = site.html.get('/pairs/russia-north-korea/')!;
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/pairs/north-korea-russia/');
    expect($('link[rel="canonical"]').attr('href')).toBe(`${BASE}pairs/north-korea-russia/`);
    expect($('main a').attr('href')).toBe('/pairs/north-korea-russia/');
    expect(site.html.get('/pairs/north-korea-russia/')!('h1').text()).toBe('North Korea–Russia');
  });

  it('should write well-formed feeds listing the newest stories of each tag', () => {
    const xml = new XMLParser({ ignoreAttributes: false });
    const newest = [...site.records].reverse().slice(0, 20).map((record) => `${BASE}${record.url.slice(1)}`);
    for (const [file, bytes] of site.files) {
      if (file.endsWith('feed.xml')) {
        expect(XMLValidator.validate(bytes.toString('utf8')), file).toBe(true);
        const feed = xml.parse(bytes.toString('utf8')).feed as { entry?: unknown };
        expect(feed, file).toBeDefined();
      }
      if (file.endsWith('feed.json')) {
        const feed = JSON.parse(bytes.toString('utf8')) as { version: string; items: { url: string; title: string }[] };
        expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
        if (file === 'feed.json') expect(feed.items.map((item) => item.url)).toEqual(newest);
        const tag = /^(pairs|topics)\/([^/]+)\//.exec(file);
        if (tag) {
          const key = tag[1] === 'pairs' ? 'pairs' : 'topics';
          const tagged = site.records.filter((record) => record[key].includes(tag[2]!)).reverse().slice(0, 20);
          expect(feed.items.map((item) => item.title), file).toEqual(tagged.map((record) => record.headline));
        }
      }
    }
    const atom = xml.parse(site.files.get('feed.xml')!.toString('utf8')).feed as { updated: string; entry: { id: string }[] };
    expect(atom.entry.map((entry) => entry.id)).toEqual(newest);
    expect(atom.updated).toBe(`${site.records.at(-1)!.date.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
  });

  it('should list every page in the sitemap and name it in robots.txt', () => {
    const text = site.files.get('sitemap.xml')!.toString('utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const locations = new Set([...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]));
    for (const [path, $] of site.html) {
      if (isRedirect($) || path === '/404.html') continue;
      expect(locations, path).toContain(new URL(path.slice(1), BASE).href);
    }
    expect(site.files.get('robots.txt')!.toString('utf8')).toContain(`Sitemap: ${BASE}sitemap.xml`);
  });

  it('should show hostile seed text as text and execute nothing', () => {
    const record = site.records.find((r) => r.headline === HOSTILE_HEADLINE)!;
    expect(record).toBeDefined();
    const source = site.files.get(`${record.url.slice(1)}index.html`)!.toString('utf8');
    const $ = site.html.get(record.url)!;
    expect($('h1').text()).toBe(HOSTILE_HEADLINE);
    expect($('.story-body').text()).toContain('<script>alert(1)</script>');
    expect(source).toContain('{{ 7*7 }}');
    expect(source).toContain('{% include');
    expect($('script')).toHaveLength(1);
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as { headline: string };
    expect(ld.headline).toBe(HOSTILE_HEADLINE);
    expect($('script[type="application/ld+json"]').html()).not.toMatch(/[<>\u2028\u2029]/);
    for (const [file, bytes] of site.files) {
      if (!/\.(html|xml)$/.test(file) || file.startsWith('pagefind/')) continue;
      // In Atom `type="html"` content, escaped HTML is escaped once more for XML: `&amp;lt;` is right there.
      if (file.endsWith('.html')) expect(bytes.toString('utf8'), file).not.toContain('&amp;lt;');
      expect(bytes.toString('utf8'), file).not.toContain('<script>alert');
    }
    const xml = new XMLParser({ htmlEntities: true });
    const atom = xml.parse(site.files.get('feed.xml')!.toString('utf8')).feed as { entry: { title: string; content: string }[] };
    const entry = atom.entry.find((e) => e.title === HOSTILE_HEADLINE)!;
    expect(entry).toBeDefined();
    expect(load(entry.content).text()).toContain('<script>alert(1)</script>');
    const json = JSON.parse(site.files.get('feed.json')!.toString('utf8')) as { items: { title: string }[] };
    expect(json.items.map((item) => item.title)).toContain(HOSTILE_HEADLINE);
    for (const path of ['/', '/timeline/', '/digests/2025-06/', '/pairs/china-russia/']) {
      expect(site.html.get(path)!('a[href="' + record.url + '"]').first().text(), path).toBe(HOSTILE_HEADLINE);
    }
  });

  it('should put every internal link under the path prefix and keep canonical URLs absolute', () => {
    expect(brokenLinks(prefixed, 'https://example.org/news/')).toEqual([]);
    for (const [path, $] of prefixed.html) {
      $('a[href], link[href]').each((_, element) => {
        const href = $(element).attr('href')!;
        if (href.startsWith('#') || /^https?:/.test(href) && !href.startsWith('https://example.org/')) return;
        expect(href, path).toMatch(/^(\/news\/|https:\/\/example\.org\/news\/)/);
      });
      if (!isRedirect($) && $('meta[name="robots"]').length === 0) expect($('link[rel="canonical"]').attr('href'), path).toBe(`https://example.org/news${path}`);
    }
  });

  it('should write byte-identical files when built twice', () => {
    expect([...again.files.keys()]).toEqual([...site.files.keys()]);
    for (const [file, bytes] of site.files) {
      if (file.startsWith('pagefind/')) continue;
      expect(again.files.get(file)!.equals(bytes), file).toBe(true);
    }
  });
});
