/** `buildSiteData` without Eleventy: page items computed from synthetic records. */
import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../src/settings/site.ts';
import { buildSiteData, planSiteData } from '../../src/site/plan.ts';
import { prefixUrl } from '../../src/render/config.ts';
import { monthChart } from '../../src/site/chart.ts';
import { DATE_LABELS_KEPT, dateLabel, dateLabelsKept, scriptJson } from '../../src/site/format.ts';
import { titleCase } from '../../src/site/labels.ts';
import { splitPair as pairCountries } from '../../src/pairs.ts';
import { storyParagraphs } from '../../src/site/paragraphs.ts';
import { sitemaps } from '../../src/site/sitemap.ts';
import { STORIES_PER_PAGE } from '../../src/site/tags.ts';
import { LISTED_STORIES, MONTH_PAGE } from '../../src/site/timeline.ts';
import { createContext } from '../../src/site/catalog.ts';
import { fallbackLabels, safeLabels } from '../../src/site/labels.ts';
import type { StoryRecord } from '../../src/types.ts';
import { keyPages } from '../../src/engine/incremental.ts';
import { recordKeysOf } from '../../src/engine/keys.ts';
import { record } from '../helpers/site-build.ts';

const settings: SiteSettings = { title: 'News Digest', description: 'Test', baseUrl: 'https://example.org/news/', pathPrefix: '/news/', language: 'en' };

/** The build's on-demand pages keyed as the build keys them: the site says what each page is made of, the engine hashes it. */
function lazyPages(records: readonly StoryRecord[], sources: readonly string[] = []) {
  const plan = planSiteData(records, settings);
  const keys = recordKeysOf(records, sources);
  const keyOf = new Map(records.map((record, index) => [record, keys[index]!]));
  return keyPages(plan.lazy, plan.stories, (record) => keyOf.get(record)!);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `count` stories on one pair, one a day from 2024-01-01. */
function pairStories(count: number): StoryRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1 + i));
    return record({
      date: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
      slug: `s${i}`,
      countries: ['north-korea', 'russia'],
      pairs: ['north-korea-russia'],
      topics: i % 2 === 0 ? ['military'] : ['energy'],
      source: { file: 'x', line: i + 1 },
    });
  });
}

describe('buildSiteData', () => {
  it('should list a tag\'s newest stories on its own page and older runs of STORIES_PER_PAGE on archive pages, oldest first', () => {
    const P = STORIES_PER_PAGE;
    const { pages } = buildSiteData(pairStories(3.5 * P), settings);
    const pair = pages.pair.filter((page) => page.slug === 'north-korea-russia');
    expect(pair.map((page) => page.url)).toEqual(['/pairs/north-korea-russia/', '/pairs/north-korea-russia/page/1/', '/pairs/north-korea-russia/page/2/']);
    // Own page: the unfinished run (half a run) and the full run before it, newest first.
    expect(pair.map((page) => page.stories.length)).toEqual([1.5 * P, P, P]);
    expect(pair[0]!.stories[0]!.url).toBe(pages.story[3.5 * P - 1]!.url);
    expect(pair[0]!.stories.at(-1)!.url).toBe(pages.story[2 * P]!.url);
    expect(pair[1]!.stories.map((story) => story.url)).toEqual(pages.story.slice(0, P).map((story) => story.url).reverse());
    expect(pair.map((page) => page.pagination)).toEqual([
      { archive: 0, newer: null, older: '/pairs/north-korea-russia/page/2/', from: pages.story[2 * P]!.dateLabel, to: pages.story[3.5 * P - 1]!.dateLabel },
      { archive: 1, newer: '/pairs/north-korea-russia/page/2/', older: null, from: pages.story[0]!.dateLabel, to: pages.story[P - 1]!.dateLabel },
      { archive: 2, newer: '/pairs/north-korea-russia/', older: '/pairs/north-korea-russia/page/1/', from: pages.story[P]!.dateLabel, to: pages.story[2 * P - 1]!.dateLabel },
    ]);
    expect(pair[0]!.meta.canonical).toBe('https://example.org/news/pairs/north-korea-russia/');
    expect(pair[0]!.label).toBe('North Korea–Russia');
    expect(buildSiteData(pairStories(2 * P - 1), settings).pages.pair.map((page) => page.stories.length)).toEqual([2 * P - 1]);
  });

  it('should leave every archive page unchanged when newer stories arrive, but the newest when a run fills', () => {
    const P = STORIES_PER_PAGE;
    const archives = (count: number) => buildSiteData(pairStories(count), settings).pages.pair.filter((page) => page.pagination.archive > 0);
    const before = archives(3.5 * P);
    expect(archives(3.5 * P + 1)).toEqual(before);
    expect(archives(4 * P - 1)).toEqual(before);
    const after = archives(4 * P);
    expect(after.map((page) => page.url)).toEqual([...before.map((page) => page.url), '/pairs/north-korea-russia/page/3/']);
    expect(after[0]).toEqual(before[0]);
    // The formerly newest archive page now points to the new one instead of the tag's own page.
    expect(after[1]).toEqual({ ...before[1], pagination: { ...before[1]!.pagination, newer: '/pairs/north-korea-russia/page/3/' } });
  });

  it('should cut a busy month into runs of MONTH_PAGE counted from its first story, which later stories never shift', () => {
    /** `count` stories in May 2024, five a day. */
    const may = (count: number) => Array.from({ length: count }, (_, i) => record({ date: `2024-05-${pad(1 + Math.floor(i / 5))}`, slug: `m${i}`, source: { file: 'x', line: i + 1 } }));
    const months = (count: number) => buildSiteData(may(count), settings).pages.month;
    const before = months(2 * MONTH_PAGE + 5);
    expect(before.map((page) => [page.url, page.stories.length, page.run])).toEqual([
      ['/timeline/2024/05/', MONTH_PAGE, { number: 1, first: 1, earlier: null, later: '/timeline/2024/05/page/2/' }],
      ['/timeline/2024/05/page/2/', MONTH_PAGE, { number: 2, first: MONTH_PAGE + 1, earlier: '/timeline/2024/05/', later: '/timeline/2024/05/page/3/' }],
      ['/timeline/2024/05/page/3/', 5, { number: 3, first: 2 * MONTH_PAGE + 1, earlier: '/timeline/2024/05/page/2/', later: null }],
    ]);
    expect(before.every((page) => page.month.count === 2 * MONTH_PAGE + 5)).toBe(true);
    const after = months(2 * MONTH_PAGE + 6);
    // Later stories fill the last run; the full runs before it list the same stories.
    expect(after.slice(0, 2).map((page) => page.stories)).toEqual(before.slice(0, 2).map((page) => page.stories));
    expect(after[2]!.stories.map((story) => story.url)).toEqual([...before[2]!.stories.map((story) => story.url), '/stories/2024/05/' + pad(1 + Math.floor((2 * MONTH_PAGE + 5) / 5)) + '/m' + (2 * MONTH_PAGE + 5) + '/']);
    // The year page lists its months, and the month pages their stories.
    const [year] = buildSiteData(may(10), settings).pages.year;
    expect(year!.months.map((month) => [month.url, month.count])).toEqual([['/timeline/2024/05/', 10]]);
  });

  it('should key each story page by exactly what it is made from: an unchanged key means an unchanged page', () => {
    const before = pairStories(40);
    const after = before.map((story, index) => (index === 20 ? { ...story, headline: `${story.headline}, revised` } : story));
    const plan = (records: StoryRecord[]) => lazyPages(records).story;
    const [old, next] = [plan(before), plan(after)];
    const changed: number[] = [];
    for (let index = 0; index < before.length; index++) {
      const same = old.key(index) === next.key(index);
      if (!same) changed.push(index);
      // The property the incremental build relies on.
      if (same) expect(next.build(index)).toEqual(old.build(index));
    }
    // The story, its neighbours, and the stories that list it as related.
    const listing = before.map((_, index) => index).filter((index) => next.build(index).related.some((brief) => brief.url === before[20]!.url));
    expect(changed).toEqual([...new Set([19, 20, 21, ...listing])].sort((a, b) => a - b));
    expect(changed.length).toBeLessThan(15);
    expect(lazyPages(before).story.key(5)).toBe(old.key(5));
    // With seed cache keys, a record is known by its seed's key and its URL, not by its text.
    const keyed = (records: StoryRecord[], sources: string[]) => lazyPages(records, sources).story;
    const sources = before.map((_, index) => `seed-${index}`);
    expect(keyed(after, sources).key(20)).toBe(keyed(before, sources).key(20));
    const edited = sources.map((source, index) => (index === 20 ? 'seed-20-edited' : source));
    expect(before.map((_, index) => index).filter((index) => keyed(before, edited).key(index) !== keyed(before, sources).key(index))).toEqual(changed);
  });

  it('should key each feed by what it is made from: a new story changes its tags\' feeds and the site\'s, no other', () => {
    const before = [
      ...pairStories(30),
      record({ date: '2023-06-01', slug: 'gas', countries: ['china', 'russia'], pairs: ['china-russia'], topics: ['energy'], source: { file: 'y', line: 1 } }),
    ];
    const added = record({ date: '2024-03-01', slug: 'new', countries: ['north-korea', 'russia'], pairs: ['north-korea-russia'], topics: ['military'], source: { file: 'z', line: 1 } });
    const feedsOf = (records: StoryRecord[]) => lazyPages(records).feedAtom;
    const [old, next] = [feedsOf(before), feedsOf([...before, added])];
    expect(next.urls).toEqual(old.urls);
    const changed = next.urls.filter((_, index) => next.key(index) !== old.key(index));
    expect(changed.sort()).toEqual(['/feed.xml', '/pairs/north-korea-russia/feed.xml', '/topics/military/feed.xml']);
    next.urls.forEach((url, index) => {
      if (!changed.includes(url)) expect(next.build(index)).toEqual(old.build(index));
    });
    expect(next.build(next.urls.indexOf('/feed.xml')).entries[0]!.url).toContain('/new/');
    // A JSON feed is made from the same stories as its Atom feed.
    const json = lazyPages([...before, added]).feedJson;
    expect(json.urls.map((url) => url.replace('.json', '.xml'))).toEqual(next.urls);
    expect(json.key(1)).toBe(next.key(1));
  });

  it('should redirect the reversed pair built from its country slugs, not by splitting', () => {
    const { pages } = buildSiteData(pairStories(1), settings);
    expect(pages.pairRedirect).toEqual([
      { url: '/pairs/russia-north-korea/', target: '/pairs/north-korea-russia/', canonical: 'https://example.org/news/pairs/north-korea-russia/', label: 'North Korea–Russia' },
    ]);
  });

  it('should find a pair’s countries even when slugs hold hyphens', () => {
    expect(pairCountries('north-korea-russia', ['russia', 'north-korea'], new Set())).toEqual(['north-korea', 'russia']);
    expect(pairCountries('north-korea-south-korea', [], new Set(['north-korea', 'south-korea']))).toEqual(['north-korea', 'south-korea']);
    expect(pairCountries('a-b', [], new Set())).toBeUndefined();
  });

  it('should link each story to its neighbours and at most five related stories nearest in time', () => {
    const { pages } = buildSiteData(pairStories(20), settings);
    const story = pages.story[10]!;
    expect(story.previous?.url).toBe(pages.story[9]!.url);
    expect(story.next?.url).toBe(pages.story[11]!.url);
    expect(story.related).toHaveLength(5);
    // Same pair and same topic (every other day) come first, nearest first.
    expect(story.related.slice(0, 4).map((link) => link.url)).toEqual(
      [12, 8, 14, 6].map((i) => pages.story[i]!.url),
    );
    expect(story.related.map((link) => link.url)).not.toContain(story.url);
    expect(pages.story[0]!.previous).toBeNull();
    // Briefs: a story page lists its neighbours and related stories without their tags.
    for (const brief of [story.previous, story.next, ...story.related]) expect(Object.keys(brief!).sort()).toEqual(['date', 'dateLabel', 'digest', 'headline', 'url']);
  });

  it('should number paragraphs and keep the sanitized HTML', () => {
    expect(storyParagraphs('<p>One <em>a</em></p>\n<p>Two</p>', ['One a', 'Two'])).toEqual([
      { id: 'p1', number: 1, html: 'One <em>a</em>' },
      { id: 'p2', number: 2, html: 'Two' },
    ]);
    expect(storyParagraphs('<p>Mismatch</p>', ['A <b>', 'B'])[0]!.html).toBe('A &lt;b&gt;');
  });

  it('should list only the latest three months on the timeline, and every month on its own page', () => {
    const { pages } = buildSiteData(pairStories(200), settings);
    const [timeline] = pages.timeline;
    const months = timeline!.years.flatMap((year) => year.months);
    expect(months.map((month) => month.key).slice(0, 4)).toEqual(['2024-07', '2024-06', '2024-05', '2024-04']);
    // The latest three months, but at most LISTED_STORIES stories: July's 18 and June's newest.
    expect(months.filter((month) => month.stories.length > 0).map((month) => [month.key, month.stories.length])).toEqual([['2024-07', 18], ['2024-06', LISTED_STORIES - 18]]);
    expect(months.find((month) => month.key === '2024-06')!.stories[0]!.date).toBe('2024-06-30');
    expect(pages.month.map((page) => page.url)).toContain('/timeline/2024/02/');
    const february = pages.month.find((page) => page.url === '/timeline/2024/02/')!;
    expect(february.month.count).toBe(29);
    expect(february.stories[0]!.date).toBe('2024-02-01');
    expect(pages.year.map((page) => page.url)).toEqual(['/timeline/2024/']);
  });

  it('should draw one bar per month with stories and leave gaps for empty months', () => {
    const chart = monthChart(new Map([['2024-11', 2], ['2025-02', 4]]));
    expect(chart.bars.map((bar) => [bar.key, bar.height, bar.url])).toEqual([['2024-11', 50, '/timeline/2024/11/'], ['2025-02', 100, '/timeline/2025/02/']]);
    expect(chart.bars[1]!.x - chart.bars[0]!.x).toBe(36);
    expect(chart.bars[0]!.label).toBe('November 2024: 2 stories');
    expect(chart.summary).toContain('busiest month is February 2025');
  });

  it('should keep digest stories in their original order', () => {
    const records = [
      record({ date: '2024-05-02', slug: 'b', source: { file: 'x', line: 9 } }),
      record({ date: '2024-05-20', slug: 'a', source: { file: 'x', line: 3 } }),
    ];
    const { pages } = buildSiteData(records, settings);
    expect(pages.digest[0]!.stories.map((story) => story.url)).toEqual(['/stories/2024/05/20/a/', '/stories/2024/05/02/b/']);
    expect(pages.story.map((story) => story.digest.position)).toEqual([2, 1]);
  });

  it('should build no tag pages from untagged records but keep the overview pages', () => {
    const { pages } = buildSiteData([record({ date: '2024-05', slug: 'x' })], settings);
    expect([pages.pair, pages.topic, pages.country, pages.pairRedirect]).toEqual([[], [], [], []]);
    expect(pages.pairsIndex[0]!.tags).toEqual([]);
    expect(pages.feedAtom.map((feed) => feed.url)).toEqual(['/feed.xml']);
  });

  it('should date feeds by their newest story, never by the clock', () => {
    const { pages } = buildSiteData(pairStories(30), settings);
    const site = pages.feedAtom.find((feed) => feed.url === '/feed.xml')!;
    expect(site.updated).toBe('2024-01-30T00:00:00Z');
    expect(site.entries).toHaveLength(20);
    expect(pages.feedAtom.map((feed) => feed.url)).toEqual(['/feed.xml', '/pairs/north-korea-russia/feed.xml', '/topics/military/feed.xml', '/topics/energy/feed.xml']);
  });

  it('should give the first page of each pair its chart and topics, of each country its partners, and the home page a small map', () => {
    const { pages } = buildSiteData(pairStories(250), settings);
    const [first, second] = pages.pair;
    expect(first!.relations).toMatchObject({ label: 'North Korea and Russia', chart: { title: 'Stories per month: North Korea and Russia', linked: false } });
    expect(first!.relations!.chart.bars.map((bar) => bar.count).reduce((a, b) => a + b)).toBe(250);
    expect(first!.relations!.topics.map((topic) => [topic.label, topic.count, topic.url])).toEqual([['Energy', 125, '/topics/energy/'], ['Military', 125, '/topics/military/']]);
    expect(second!.relations).toBeNull();
    const russia = pages.country.filter((page) => page.slug === 'russia');
    expect(russia[0]!.relations?.partners).toEqual([{ slug: 'north-korea', label: 'North Korea', count: 250, url: '/pairs/north-korea-russia/' }]);
    expect(russia.slice(1).map((page) => page.relations)).toEqual(russia.slice(1).map(() => null));
    expect(pages.home[0]!.relations.url).toBe('/relations/');
    expect(pages.home[0]!.relations.network.nodes.map((node) => node.slug)).toEqual(['north-korea', 'russia']);
  });

  it('should give the search, relations and about pages their own head metadata, stylesheets and scripts', () => {
    const { pages, site } = buildSiteData(pairStories(3), settings);
    expect(pages.search[0]!.meta).toMatchObject({ title: 'Search · News Digest', section: 'search', styles: ['/assets/search.css'], scripts: ['/assets/search.js'] });
    expect(pages.relations[0]!.meta).toMatchObject({ title: 'Relations map · News Digest', section: 'relations', styles: ['/assets/relations.css'] });
    expect(pages.about[0]!.meta).toMatchObject({ title: 'About the data · News Digest', canonical: 'https://example.org/news/about/', section: 'about', description: 'Download all 3 stories and every country pair as JSON or CSV, and what each field means.' });
    expect(pages.about[0]).toMatchObject({ heading: 'About the data', stories: 3, pairs: 1 });
    expect(pages.story[0]!.meta.styles).toBeUndefined();
    expect(site.nav.map((link) => link.url)).toEqual(expect.arrayContaining(['/relations/', '/search/']));
  });

  it('should split the sitemap into an index and files of at most the limit', () => {
    const context = createContext(settings, safeLabels(fallbackLabels));
    const maps = sitemaps(['/', '/a/', '/b/'], context, 2);
    expect(maps.map((map) => [map.url, map.kind, map.locations.length])).toEqual([['/sitemap.xml', 'index', 2], ['/sitemaps/1.xml', 'urlset', 2], ['/sitemaps/2.xml', 'urlset', 1]]);
    expect(maps[0]!.locations[0]).toBe('https://example.org/news/sitemaps/1.xml');
  });
});

describe('helpers', () => {
  it.each([
    ['2024-05-12', '12 May 2024'],
    ['2024-05', 'May 2024'],
  ])('should label %s as %s', (date, label) => expect(dateLabel(date)).toBe(label));

  it('should escape JSON for a script block and parse back to the same value', () => {
    const value = { headline: '</script><script>alert(1)</script> & \u2028\u2029' };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('should title-case a slug as a fallback label', () => {
    expect(titleCase('north-korea')).toBe('North Korea');
    expect(safeLabels({ country: () => '', topic: () => 'Arms trade' }).country('north-korea')).toBe('North Korea');
  });

  it.each([
    ['/pairs/', '/news/', '/news/pairs/'],
    ['/', '/news/', '/news/'],
    ['/pairs/', '/', '/pairs/'],
    ['#p2', '/news/', '#p2'],
    ['https://example.com/', '/news/', 'https://example.com/'],
  ])('should prefix %s under %s as %s', (url, prefix, expected) => expect(prefixUrl(url, prefix)).toBe(expected));
});

describe('dateLabel', () => {
  it('should keep a bounded memo however many dates a long-running process labels (serve builds again and again)', () => {
    const day = (n: number): string => new Date(Date.UTC(1900, 0, 1 + n)).toISOString().slice(0, 10);
    for (let n = 0; n < 3 * DATE_LABELS_KEPT; n++) dateLabel(day(n));
    expect(dateLabelsKept()).toBeLessThanOrEqual(DATE_LABELS_KEPT);
    expect(dateLabel('2024-05-12')).toBe('12 May 2024');
    expect(dateLabel(day(0))).toBe('1 January 1900');
  });
});
