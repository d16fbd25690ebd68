/**
 * Social cards (src/cards/): every page's og:image is a real 1200×630 PNG,
 * hostile and multi-script headlines render without markup or boxes, the
 * cache renders only changed cards, and `cards: false` makes none.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { load } from 'cheerio';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildSummary } from '../../src/commands/build.ts';
import { cardFonts, FACE_FILES } from '../../src/cards/fonts.ts';
import { layoutText, type Line } from '../../src/cards/layout.ts';
import { encodePng, pngSize } from '../../src/cards/png.ts';
import { renderCard } from '../../src/cards/render.ts';
import { CardError, writeCards, writeCardsBeside } from '../../src/cards/write.ts';
import { cardSvg } from '../../src/cards/svg.ts';
import type { CardSpec } from '../../src/site/card-types.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const BASE = 'https://news.example.net/digest/';

function textOf(line: Line): string {
  return line.runs.map((run) => run.text).join('');
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The tag a page's head carries, by property or name. */
const metaOf = (html: string, key: string): string | undefined => {
  const $ = load(html);
  return $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
};

/** Decode a PNG through resvg (as an <image>) and return its RGBA pixels. */
function decoded(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels);
}

const HOSTILE: CardSpec = {
  titleStyle: 'story',
  eyebrow: 'China–Russia <b>&amp;</b>',
  title: `<script>alert("x")</script> & 'quotes' — إيران وروسيا توقعان معاهدة · ישראל ואיראן · 普京访华 · 북한 미사일 · 🚀🇨🇳👍🏽 ${'Very long headline words '.repeat(20)}`.slice(0, 500),
  details: ['12 May 2024 · Sanctions, Energy & <Trade>'],
  footer: 'News Digest',
  host: 'example.org',
};

describe('a card', () => {
  it('should escape every piece of text: a headline is never markup', () => {
    const { svg } = cardSvg(HOSTILE, cardFonts());
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<Trade>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp;amp;');
    // Well-formed: resvg parses it (it rejects malformed XML).
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('should render a hostile 500-character headline in every script without boxes, wrapped and cut with an ellipsis', async () => {
    expect(HOSTILE.title.length).toBe(500);
    const card = await renderCard(HOSTILE);
    expect(pngSize(card.png)).toEqual({ width: 1200, height: 630 });
    expect(card.missing).toEqual([]);
    const lines = layoutText(HOSTILE.title, { faces: cardFonts().bold, size: 62, maxWidth: 1056, maxLines: 4 });
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.width <= 1056)).toBe(true);
    const last = lines.at(-1)!.runs.map((run) => run.text).join('');
    expect(last.endsWith('…')).toBe(true);
    // Every script of the headline is set in a face that has it.
    const families = new Set(lines.flatMap((line) => line.runs.map((run) => run.face?.family)));
    expect([...families].join(' ')).toMatch(/Arabic/);
    expect([...families].join(' ')).toMatch(/Hebrew/);
    expect([...families].join(' ')).toMatch(/Chinese/);
    expect([...families].join(' ')).toMatch(/Korean/);
    expect([...families].join(' ')).toMatch(/Emoji/);
  });

  it('should lay out and parse any text: control characters, lone surrogates, markup, any script', () => {
    const fonts = cardFonts();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 }), (title, eyebrow) => {
      const { svg } = cardSvg({ ...HOSTILE, title: title || 'x', eyebrow }, fonts);
      for (const line of layoutText(title, { faces: fonts.bold, size: 62, maxWidth: 1056, maxLines: 4 })) expect(line.width).toBeLessThanOrEqual(1056);
      // resvg rejects malformed XML: every card parses.
      expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
    }), { numRuns: 60 });
  });

  it('should lay out a 50,000-word headline as it lays out its first thousand characters: four lines and an ellipsis (V8 segments long texts in quadratic time)', () => {
    const box = { faces: cardFonts().bold, size: 62, maxWidth: 1056, maxLines: 4 };
    const headline = Array.from({ length: 50_000 }, (_, index) => `word${index % 97}`).join(' ');
    const lines = layoutText(headline, box);
    expect(lines.map(textOf)).toEqual(layoutText(headline.slice(0, 1000), box).map(textOf));
    expect(lines).toHaveLength(4);
    expect(textOf(lines[3]!)).toMatch(/…$/u);
    // Marks take no width: a text cut to the box that still fits shows that it was cut.
    const marks = layoutText(`a${'\u0301'.repeat(20_000)}`, box);
    expect(marks.map(textOf).join('')).toMatch(/…$/u);
  });

  it('should report boxes when a script has no face (the check fails without the CJK fonts)', () => {
    const withoutCjk = cardFonts(FACE_FILES.filter(([bold]) => !/fonts-(sc|kr)/.test(bold.package)));
    const { missing } = cardSvg(HOSTILE, withoutCjk);
    expect(missing.join('')).toContain('普京访华');
    expect(missing.join('')).toContain('북한');
  });

  it('should wrap a Chinese headline without spaces between its words, inside the line', () => {
    const title = '俄罗斯总统普京与中国国家主席习近平在莫斯科举行会谈双方签署联合声明深化新时代全面战略协作伙伴关系并就乌克兰问题交换意见';
    const lines = layoutText(title, { faces: cardFonts().bold, size: 62, maxWidth: 1056, maxLines: 4 });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((line) => line.width <= 1056 && line.width > 500)).toBe(true);
    expect(lines.map((line) => line.runs.map((run) => run.text).join('')).join('')).toBe(title);
    expect(lines.flatMap((line) => line.runs).every((run) => run.face?.family.includes('Chinese'))).toBe(true);
  });

  it('should set a right-to-left headline from the right edge', () => {
    const { svg } = cardSvg({ ...HOSTILE, title: 'إيران وروسيا توقعان معاهدة شراكة استراتيجية شاملة' }, cardFonts());
    const title = svg.split('\n').find((line) => line.startsWith('<g class="title"'))!;
    // The first glyph drawn (the leftmost) of the first line: the line ends at the right margin.
    const x = Number(/matrix\([-\d.]+ 0 0 [-\d.]+ ([\d.]+)/.exec(title)![1]);
    expect(x).toBeGreaterThan(100); // not at the left margin (72): the line is set from the right
    expect(layoutText('إيران وروسيا', { faces: cardFonts().bold, size: 62, maxWidth: 1056, maxLines: 1 })[0]!.rtl).toBe(true);
    // Its last glyph ends at the right margin (1200 − 72), not at the left one.
    const lastX = Number([...title.matchAll(/matrix\([-\d.]+ 0 0 [-\d.]+ ([\d.]+)/g)].at(-1)![1]);
    expect(lastX).toBeGreaterThan(1000);
  });

  it('should give the same bytes for the same card, and a PNG that decodes to the pixels drawn', async () => {
    const spec: CardSpec = { ...HOSTILE, title: 'President Xi visits Russia for Victory Day' };
    const [a, b] = [await renderCard(spec), await renderCard(spec)];
    expect(a.png.equals(b.png)).toBe(true);
    const drawn = Buffer.from(new Resvg(cardSvg(spec, cardFonts()).svg, { font: { loadSystemFonts: false } }).render().pixels);
    expect(decoded(a.png, 1200, 630).equals(drawn)).toBe(true);
  });

  it('should fall back to RGB past 256 colours and still decode to the same pixels', () => {
    const width = 64;
    const height = 32;
    const pixels = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++) pixels.set([i & 0xff, (i >> 8) * 20, 255 - (i & 0xff), 255], i * 4);
    const png = encodePng(pixels, width, height);
    expect(png[25]).toBe(2); // colour type: truecolour
    expect(decoded(png, width, height).equals(pixels)).toBe(true);
  });
});

describe('writeCards', () => {
  it('should render a card that several stories share once, and link it to each of them (two stories with one headline)', async () => {
    const work = tempDir();
    const spec: CardSpec = { titleStyle: 'story', eyebrow: 'China–Russia', title: 'Putin meets Xi', details: ['12 May 2024'], footer: 'Digest', host: 'news.example.net' };
    const items = ['a', 'b', 'c', 'd', 'e'].map((slug) => ({ url: `/cards/stories/2024/05/${slug}.png`, spec }));
    const summary = await writeCards(items, items.length, { outDir: join(work, 'site'), cacheDir: join(work, 'cache'), concurrency: 4 });
    expect(summary.rendered).toBe(1);
    const bytes = items.map((item) => readFileSync(join(work, 'site', item.url)));
    for (const png of bytes) expect(png.equals(bytes[0]!)).toBe(true);
    expect(readdirSync(join(work, 'cache')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('should write on its own thread the same cards, bytes and summary as on this one', async () => {
    const work = tempDir();
    const items = ['Putin meets Xi', 'Kim visits Vladivostok', 'Пекин и Москва', 'Putin meets Xi'].map((title, index) => ({ url: `/cards/stories/2024/05/s${index}.png`, spec: { titleStyle: 'story' as const, eyebrow: 'China–Russia', title, details: ['12 May 2024'], footer: 'Digest', host: 'news.example.net' } }));
    const here = await writeCards(items, 9, { outDir: join(work, 'here'), cacheDir: join(work, 'cache-here') });
    const beside = await writeCardsBeside(items, 9, { outDir: join(work, 'beside'), cacheDir: join(work, 'cache-beside') });
    expect(here.rendered).toBe(3);
    expect({ ...beside, milliseconds: 0 }).toEqual({ ...here, milliseconds: 0 });
    for (const item of items) expect(readFileSync(join(work, 'beside', item.url)).equals(readFileSync(join(work, 'here', item.url)))).toBe(true);
  });

  it('should start no card on its thread once the build says stop, and answer with a card error', async () => {
    const work = tempDir();
    const items = Array.from({ length: 400 }, (_, index) => ({ url: `/cards/stories/2024/05/s${index}.png`, spec: { titleStyle: 'story' as const, eyebrow: 'China–Russia', title: `Story number ${index}`, details: [], footer: 'Digest', host: 'news.example.net' } }));
    const stop = new AbortController();
    const writing = writeCardsBeside(items, items.length, { outDir: join(work, 'site'), cacheDir: join(work, 'cache'), signal: stop.signal });
    setTimeout(() => stop.abort(), 300);
    await expect(writing).rejects.toThrow(CardError);
    expect(readdirSync(join(work, 'site', 'cards', 'stories', '2024', '05')).length).toBeLessThan(items.length);
  });
});

describe('cards in a build', () => {
  let work: string;
  let seeds: string;
  let cache: string;
  let out: string;
  let first: BuildSummary;
  const run = (options: { out?: string; cards?: boolean } = {}): Promise<BuildSummary> =>
    build({ seedsDir: seeds, outDir: options.out ?? out, cacheDir: cache, search: false, baseUrl: BASE, ...(options.cards === undefined ? {} : { cards: options.cards }) });

  beforeAll(async () => {
    work = tempDir();
    seeds = join(work, 'seeds');
    cache = join(work, 'cache');
    out = join(work, 'site');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    rmSync(join(seeds, 'permalinks.json'), { force: true });
    rmSync(join(seeds, '2025-05.txt'));
    first = await run();
  });

  it('should give every page an og:image that is a 1200×630 PNG of the site, with its size, alt and a large Twitter card', async () => {
    const site = join(work, 'full');
    const allSeeds = join(work, 'all-seeds');
    cpSync(join(ROOT, 'seeds'), allSeeds, { recursive: true });
    rmSync(join(allSeeds, 'permalinks.json'), { force: true });
    await build({ seedsDir: allSeeds, outDir: site, cacheDir: join(work, 'other-cache'), search: false, baseUrl: BASE });
    const pages = htmlFiles(site).filter((file) => !/<meta http-equiv="refresh"/.test(readFileSync(file, 'utf8')));
    expect(pages.length).toBeGreaterThan(30);
    const cards = new Set<string>();
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const where = relative(site, file);
      const image = metaOf(html, 'og:image');
      expect(image, where).toBeDefined();
      expect(image!.startsWith(`${BASE}cards/`), where).toBe(true);
      const png = readFileSync(join(site, image!.slice(BASE.length)));
      expect(pngSize(png), where).toEqual({ width: 1200, height: 630 });
      expect(metaOf(html, 'og:image:width'), where).toBe('1200');
      expect(metaOf(html, 'og:image:height'), where).toBe('630');
      expect(metaOf(html, 'og:image:alt')?.length, where).toBeGreaterThan(10);
      expect(metaOf(html, 'twitter:card'), where).toBe('summary_large_image');
      expect(metaOf(html, 'twitter:image'), where).toBe(image);
      expect(metaOf(html, 'twitter:image:alt'), where).toBe(metaOf(html, 'og:image:alt'));
      cards.add(image!);
    }
    // Stories and tags have their own cards; every story page shows its own.
    const records = (JSON.parse(readFileSync(join(site, 'stories.json'), 'utf8')) as { stories: { url: string }[] }).stories;
    for (const story of records) {
      const html = readFileSync(join(site, story.url, 'index.html'), 'utf8');
      expect(metaOf(html, 'og:image')).toBe(`${BASE}cards${story.url.replace(/\/$/, '')}.png`);
      expect(metaOf(html, 'og:image:alt')).toContain(load(html)('h1').first().text().trim().slice(0, 20));
    }
    expect(metaOf(readFileSync(join(site, 'pairs', 'china-russia', 'index.html'), 'utf8'), 'og:image')).toBe(`${BASE}cards/pairs/china-russia.png`);
    expect(cards.size).toBeGreaterThan(records.length);
  });

  it('should render only the new stories\' cards and the changed listings\' cards after a digest is added', async () => {
    expect(first.cards!.rendered).toBe(first.cards!.cards);
    writeFileSync(join(seeds, 'extra.txt'), readFileSync(join(ROOT, 'seeds', '2025-05.txt'), 'utf8').replace(/^date: .*$/m, 'date: 2025-07').replace(/^title: .*$/m, 'title: "July 2025 Digest"'));
    const again = await run();
    const stories = (JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: { url: string; digest: { id: string }; pairs: string[]; topics: string[]; countries: string[] }[] }).stories;
    const added = stories.filter((story) => story.digest.id !== stories[0]!.digest.id);
    expect(added.length).toBeGreaterThan(0);
    const tags = new Set(added.flatMap((story) => [...story.pairs.map((s) => `p:${s}`), ...story.topics.map((s) => `t:${s}`), ...story.countries.map((s) => `c:${s}`)]));
    // The new stories, the tags they touch (new counts and ranges) and the site's card: nothing else.
    expect(again.cards!.rendered).toBe(added.length + tags.size + 1);
    expect(again.cards!.written).toBe(again.cards!.rendered);
    const allTags = new Set(stories.flatMap((story) => [...story.pairs.map((s) => `p:${s}`), ...story.topics.map((s) => `t:${s}`), ...story.countries.map((s) => `c:${s}`)]));
    expect(again.cards!.cards).toBe(1 + stories.length + allTags.size);
    // Nothing changed: nothing rendered, nothing written.
    const still = await run();
    expect(still.cards!.rendered).toBe(0);
    expect(still.cards!.written).toBe(0);
  });

  it('should make no cards and no og:image with cards: false, and fall back to a summary card', async () => {
    const site = join(work, 'plain');
    const summary = await run({ out: site, cards: false });
    expect(summary.cards).toBeUndefined();
    expect(existsSync(join(site, 'cards'))).toBe(false);
    for (const file of htmlFiles(site)) {
      const html = readFileSync(file, 'utf8');
      expect(html).not.toContain('og:image');
      expect(html).not.toContain('twitter:image');
      if (html.includes('twitter:card')) expect(metaOf(html, 'twitter:card')).toBe('summary');
    }
  });

  it('should skip cards with --no-cards on the command line, and make them without it', () => {
    const site = join(work, 'cli');
    const cliSeeds = join(work, 'cli-seeds');
    cpSync(join(ROOT, 'seeds'), cliSeeds, { recursive: true });
    const plain = runCli(['build', '--seeds', cliSeeds, '--out', site, '--no-cards', '--no-search']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(existsSync(join(site, 'cards'))).toBe(false);
    expect(metaOf(readFileSync(join(site, 'index.html'), 'utf8'), 'twitter:card')).toBe('summary');
    const carded = runCli(['build', '--seeds', cliSeeds, '--out', site, '--no-search']);
    expect(carded.code, carded.stderr).toBe(0);
    expect(pngSize(readFileSync(join(site, 'cards', 'home.png')))).toEqual({ width: 1200, height: 630 });
    expect(metaOf(readFileSync(join(site, 'index.html'), 'utf8'), 'og:image')).toBe('https://example.org/cards/home.png');
  });
});
