/**
 * /search/ in Chromium, against the real Pagefind index of the built site:
 * a word found in only one story finds that story, and choosing a pair in the
 * facets narrows the results to that pair's stories.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileOf } from '../helpers/links.ts';
import { openPage, useBrowser } from './helpers/browser.ts';
import { records, served } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const stories = await records(site);
const prefix = new URL(site.serverUrl).pathname;

/** Lower-case words of six letters or more in each story. */
const wordsOf = (story: (typeof stories)[number]): Set<string> => new Set(`${story.headline} ${story.paragraphs.join(' ')}`.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? []);
const storyWords = stories.map(wordsOf);
/** Stories per word stem (first 6 letters, which absorbs Pagefind's stemming of -s, -ed, -ing). */
const stemCounts = new Map<string, number>();
for (const words of storyWords) for (const stem of new Set([...words].map((word) => word.slice(0, 6)))) stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + 1);

/** The rarest word of all, and a story containing it: its longest word whose stem is in the fewest stories. */
function distinctive(): { word: string; story: (typeof stories)[number]; count: number } {
  let best: { word: string; story: (typeof stories)[number]; count: number } | undefined;
  stories.forEach((story, index) => {
    for (const word of storyWords[index]!) {
      const count = stemCounts.get(word.slice(0, 6))!;
      if (!best || count < best.count || (count === best.count && word.length > best.word.length)) best = { word, story, count };
    }
  });
  return best!;
}

async function status(page: Page): Promise<string> {
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '') !== '', undefined, { timeout: 15_000 });
  return (await page.textContent('#search-status')) ?? '';
}

const countIn = (text: string): number => Number(/^(\d+) stor/.exec(text)?.[1] ?? NaN);

/** Waits until the status says `n` results and the first page of them is on the list. */
async function resultsShown(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(/^(\d+) stor/.exec(document.getElementById('search-status')?.textContent ?? '')?.[1]) === n && document.querySelectorAll('#search-results > li').length === Math.min(n, 10),
    n,
    { timeout: 15_000 },
  );
}

/** The result links on the page, as site-relative paths (`/stories/…/`), after clicking "More results" until all are shown. */
async function allResults(page: Page): Promise<string[]> {
  for (let i = 0; i < 200 && (await page.isVisible('#search-more')); i++) {
    const before = await page.locator('#search-results > li').count();
    await page.click('#search-more');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
  }
  const paths = await page.$$eval('#search-results > li h2 a', (links) => links.map((link) => (link as HTMLAnchorElement).pathname));
  return paths.map((path) => {
    expect(path.startsWith(prefix), `${path} carries the path prefix ${prefix}`).toBe(true);
    return `/${path.slice(prefix.length)}`;
  });
}

describe('search in a real browser', () => {
  const browser = useBrowser();

  it('should find a story by a word that only it contains', async () => {
    const { word, story, count } = distinctive();
    const watched = await openPage(browser());
    try {
      await watched.page.goto(served(site, '/search/'), { waitUntil: 'load' });
      await status(watched.page);
      await watched.page.fill('#search-page-q', word);
      await watched.page.press('#search-page-q', 'Enter');
      await watched.page.waitForFunction((w) => (document.getElementById('search-status')?.textContent ?? '').includes(w), word, { timeout: 15_000 });
      await resultsShown(watched.page, countIn((await watched.page.textContent('#search-status')) ?? ''));
      expect(new URL(watched.page.url()).searchParams.get('q')).toBe(word);
      const found = await allResults(watched.page);
      expect(found, `“${word}” (in ${count} ${count === 1 ? 'story' : 'stories'})`).toContain(story.url);
      if (count === 1) expect(found[0]).toBe(story.url);
      // Result titles and excerpts: the headline, and the word marked.
      const first = watched.page.locator('#search-results > li').filter({ has: watched.page.locator(`a[href$="${story.url.slice(1)}"]`) });
      expect(await first.locator('h2').textContent()).toBe(story.headline);
      expect((await first.locator('mark').allTextContents()).map((text) => text.toLowerCase()).join(' ')).toContain(word.slice(0, 5));
      expect(await watched.problems()).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });

  it('should narrow the results to one pair when its filter is chosen', async () => {
    const watched = await openPage(browser());
    const page = watched.page;
    try {
      // A word in as many stories as possible, so that several pairs share the results.
      const [word] = [...stemCounts].filter(([stem]) => stem.length === 6).sort((a, b) => b[1] - a[1])[0]!;
      await page.goto(`${served(site, '/search/')}?q=${word}`, { waitUntil: 'load' });
      const before = countIn(await status(page));
      await resultsShown(page, before);
      expect(before, `results for “${word}”`).toBeGreaterThan(1);
      const boxes = page.locator('#search-facets input[name="pair"]');
      expect(await boxes.count(), 'a pair facet on /search/ (story pages need data-pagefind-filter="pair" on their pair links, docs/search.md)').toBeGreaterThan(1);
      // The pair with the fewest results: choosing it must narrow them.
      const options = await boxes.evaluateAll((inputs) =>
        inputs.map((input) => ({ value: (input as HTMLInputElement).value, count: Number(/\((\d+)\)/.exec(input.parentElement?.textContent ?? '')?.[1] ?? 0) })),
      );
      const chosen = options.filter((option) => option.count > 0).sort((a, b) => a.count - b.count)[0]!;
      expect(chosen.count).toBeLessThan(before);
      // With the keyboard: focus the checkbox and press Space.
      await boxes.and(page.locator(`[value="${chosen.value.replace(/"/g, '\\"')}"]`)).focus();
      await page.keyboard.press('Space');
      await resultsShown(page, chosen.count);
      expect(new URL(page.url()).searchParams.getAll('pair')).toEqual([chosen.value]);
      const found = await allResults(page);
      expect(found).toHaveLength(chosen.count);
      for (const path of found) {
        const $ = load(await readFile(join(site.dir, fileOf(path.slice(1))), 'utf8'));
        const pairs = $('[data-pagefind-filter="pair"]').map((_, link) => $(link).text().trim()).get();
        expect(pairs, path).toContain(chosen.value);
      }
      expect(await watched.problems()).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});
