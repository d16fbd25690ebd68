/**
 * Still and light pages, on every page type at a phone's (360 px) and a
 * desktop's (1280 px) width: the cumulative layout shift while the page loads
 * and its scripts run (the search page with a query, its results and facets)
 * stays under 0.1, and no page has more than 1,500 elements (Lighthouse's
 * `dom-size` audit). On the seeds' site every page is small; run it on the
 * 1,000-story corpus with `npm run test:browser:large`.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './helpers/browser.ts';
import { settle } from './helpers/checks.ts';
import { sampleQuery, samplePages, visitUrl } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const pages = await samplePages(site);
const query = await sampleQuery(site);
const WIDTHS = [360, 1280] as const;
export const MAX_SHIFT = 0.1;
export const MAX_ELEMENTS = 1500;

declare global {
  interface Window {
    __layoutShift?: number;
  }
}

describe.each(WIDTHS)('at %i px wide', (width) => {
  const browser = useBrowser();

  it('should shift the layout by less than 0.1 and hold at most 1,500 elements on every page type', async () => {
    const context = await browser().newContext({ viewport: { width, height: 800 } });
    // Layout shifts not caused by input, summed from the first paint (buffered): stricter than
    // Lighthouse's CLS, which takes the worst 5-second window only.
    await context.addInitScript(() => {
      window.__layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) window.__layoutShift! += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const tab = await context.newPage();
    const shifting: string[] = [];
    const heavy: string[] = [];
    const measured = new Set<string>();
    try {
      for (const page of pages) {
        await tab.goto(visitUrl(site, page, query), { waitUntil: 'load' });
        await settle(tab);
        // Two frames and a pause: late shifts (results rendered after the status line) are counted too.
        await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)))));
        const shift = await tab.evaluate(() => window.__layoutShift ?? 0);
        const elements = await tab.evaluate(() => document.querySelectorAll('*').length);
        measured.add(page.type);
        if (!(shift < MAX_SHIFT)) shifting.push(`${page.path}: layout shift ${shift.toFixed(3)}`);
        if (elements > MAX_ELEMENTS) heavy.push(`${page.path}: ${elements} elements`);
      }
    } finally {
      await context.close();
    }
    expect(measured).toContain('search');
    expect(shifting).toEqual([]);
    expect(heavy).toEqual([]);
  });
});
