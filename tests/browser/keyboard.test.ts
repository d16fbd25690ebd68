/**
 * Keyboard use in Chromium: on every page type the first Tab lands on the skip
 * link and Enter moves focus to `#main`; every Tab stop shows a focus indicator
 * (an outline or box-shadow that differs from the unfocused element's); the
 * header's search box is reached and used with the keyboard alone.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './helpers/browser.ts';
import { settle } from './helpers/checks.ts';
import { records, samplePages, served } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const pages = await samplePages(site);
const stories = await records(site);

interface FocusStyle {
  readonly tag: string;
  readonly outline: string;
  readonly boxShadow: string;
  /** For an SVG link (the timeline chart's bars): the stroke of its shapes, its focus indicator. */
  readonly svgStroke: string;
  readonly visible: boolean;
}

/** A focus indicator is there and differs from the unfocused look. */
function indicated({ focused, unfocused }: { focused: FocusStyle; unfocused: FocusStyle }): boolean {
  const has = focused.outline !== 'none' || focused.boxShadow !== 'none' || focused.svgStroke !== unfocused.svgStroke;
  const differs = focused.outline !== unfocused.outline || focused.boxShadow !== unfocused.boxShadow || focused.svgStroke !== unfocused.svgStroke;
  return has && differs;
}

/** The focused element's outline and box-shadow, focused and then blurred (focus is put back). */
async function focusStyles(page: Page): Promise<{ focused: FocusStyle; unfocused: FocusStyle } | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const read = (): FocusStyle => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
      return {
        tag: name,
        outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0 ? 'none' : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        boxShadow: style.boxShadow,
        svgStroke: element instanceof SVGElement ? [...element.querySelectorAll('rect, circle, path, line, polygon')].map((shape) => `${getComputedStyle(shape).stroke} ${getComputedStyle(shape).strokeWidth}`).join(';') : '',
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.left < innerWidth,
      };
    };
    const focused = read();
    element.blur();
    const unfocused = read();
    element.focus();
    return { focused, unfocused };
  });
}

describe('keyboard', () => {
  const browser = useBrowser();

  it.each(pages.map((page) => [`${page.type} ${page.path}`, page] as const))('should focus the skip link on the first Tab of %s, visibly, and move to #main on Enter', async (_, page) => {
    const { page: tab, context } = await openPage(browser());
    try {
      await tab.goto(served(site, page.path), { waitUntil: 'load' });
      await settle(tab); // the search page grows once its script has run
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.activeElement?.className)).toBe('skip-link');
      const styles = (await focusStyles(tab))!;
      expect(styles.focused.visible, 'the focused skip link is on screen').toBe(true);
      expect(indicated(styles), `focus indicator: ${JSON.stringify(styles)}`).toBe(true);
      await tab.keyboard.press('Enter');
      await tab.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 2000 });
      expect(new URL(tab.url()).hash).toBe('#main');
      // Scrolled to the top of the viewport (less its 1rem scroll margin), or as far as a short page goes.
      const scrolled = await tab.evaluate(() => {
        const top = document.getElementById('main')!.getBoundingClientRect().top;
        const atEnd = scrollY >= document.documentElement.scrollHeight - innerHeight - 1;
        return top >= -1 && (top <= 20 || atEnd);
      });
      expect(scrolled, '#main scrolled into view').toBe(true);
      // The next Tab continues inside the main content, not back in the header.
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.getElementById('main')!.contains(document.activeElement) || document.querySelector('footer')!.contains(document.activeElement))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it.each(['home', 'story', 'search', 'timeline', 'relations'])('should show a visible focus indicator on every Tab stop of the %s page', async (type) => {
    const target = pages.find((page) => page.type === type);
    expect(target, type).toBeDefined();
    const { page: tab, context } = await openPage(browser());
    try {
      await tab.goto(served(site, target!.path) + (type === 'search' ? `?q=${encodeURIComponent(stories[0]!.headline.split(' ')[0]!)}` : ''), { waitUntil: 'load' });
      await settle(tab);
      const invisible: string[] = [];
      const seen = new Set<string>();
      for (let stop = 0; stop < 80; stop++) {
        await tab.keyboard.press('Tab');
        const styles = await focusStyles(tab);
        if (!styles) break; // focus left the document
        if (seen.has(styles.focused.tag) && stop > 0 && styles.focused.tag.includes('skip-link')) break; // wrapped around
        seen.add(styles.focused.tag);
        if (!indicated(styles)) invisible.push(`${styles.focused.tag}: focused ${styles.focused.outline} / ${styles.focused.boxShadow}; unfocused ${styles.unfocused.outline} / ${styles.unfocused.boxShadow}`);
      }
      expect(seen.size, 'Tab stops').toBeGreaterThan(5);
      expect(invisible).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('should reach the header search box by keyboard and show results for a typed query', async () => {
    const story = stories.at(-1)!;
    const word = story.headline.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w))!;
    const watched = await openPage(browser());
    const tab = watched.page;
    try {
      await tab.goto(served(site, '/'), { waitUntil: 'load' });
      let reached = false;
      for (let stop = 0; stop < 30 && !reached; stop++) {
        await tab.keyboard.press('Tab');
        reached = await tab.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'search');
      }
      expect(reached, 'the header search box is a Tab stop').toBe(true);
      await tab.keyboard.type(word);
      await Promise.all([tab.waitForURL(/\/search\/\?q=/), tab.keyboard.press('Enter')]);
      await tab.waitForSelector('#search-results li a', { timeout: 15_000 });
      expect(await tab.inputValue('#search-page-q')).toBe(word);
      const hrefs = await tab.$$eval('#search-results li h2 a', (links) => links.map((link) => (link as HTMLAnchorElement).pathname));
      expect(hrefs.length).toBeGreaterThan(0);
      const prefix = new URL(site.serverUrl).pathname;
      for (const href of hrefs) expect(href.startsWith(`${prefix}stories/`), href).toBe(true);
      // Keyboard on: Tab from the search box to the first result link and follow it.
      await tab.focus('#search-results li h2 a');
      await Promise.all([tab.waitForURL(/\/stories\//), tab.keyboard.press('Enter')]);
      expect(await watched.problems()).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});
