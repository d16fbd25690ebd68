/**
 * One page of every type (N with ND_TEST_SAMPLE) in Chromium: the page loads
 * with no console error, no uncaught exception, no failed request (the favicon
 * included), no Content-Security-Policy violation, and axe-core finds nothing
 * against WCAG 2.1 A/AA and its best practices.
 */
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './helpers/browser.ts';
import { axeViolations, settle } from './helpers/checks.ts';
import { sampleQuery, samplePages, served, visitUrl, type SitePage } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const pages = await samplePages(site);
const query = await sampleQuery(site);
const urlOf = (page: SitePage): string => visitUrl(site, page, query);

describe('every page type in a real browser', () => {
  const browser = useBrowser();

  it('should sample a page of every type', () => {
    const types = new Set(pages.map((page) => page.type));
    for (const type of ['home', 'story', 'pair', 'topic', 'country', 'pairsIndex', 'topicsIndex', 'countriesIndex', 'timeline', 'year', 'month', 'digest', 'digestsIndex', 'search', 'relations', 'about', 'notFound']) {
      expect(types, type).toContain(type);
    }
  });

  it.each(pages.map((page) => [`${page.type} ${page.path}`, page] as const))('should load %s without errors, failed requests, CSP violations or axe violations', async (_, page) => {
    const watched = await openPage(browser());
    try {
      const response = await watched.page.goto(urlOf(page), { waitUntil: 'networkidle' });
      expect(response?.status(), page.path).toBe(200);
      await settle(watched.page);
      // Headless Chromium does not fetch icons by itself: fetch the page's own.
      const icon = await watched.page.locator('link[rel="icon"]').getAttribute('href');
      expect(icon, 'favicon link').toBeTruthy();
      const iconResponse = await watched.page.request.get(new URL(icon!, watched.page.url()).href);
      expect(iconResponse.status(), `favicon ${icon}`).toBe(200);
      expect(iconResponse.headers()['content-type'], `favicon ${icon}`).toBe('image/svg+xml');
      expect(await watched.problems(), page.path).toEqual([]);
      expect(await axeViolations(watched.page), page.path).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });

  it('should answer a missing URL at any depth with the 404 page, whose links and styles still work', async () => {
    const missing = served(site, '/no/such/page/here/');
    const watched = await openPage(browser(), { allow404: (url) => url === missing });
    try {
      const response = await watched.page.goto(missing, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(404);
      expect(await watched.page.locator('h1').count()).toBe(1);
      // The stylesheet applied: the skip link is moved off-screen until focused.
      const skip = await watched.page.locator('.skip-link').boundingBox();
      expect(skip === null || skip.y < 0 || skip.x < 0 || skip.width <= 1, 'skip link hidden by the stylesheet').toBe(true);
      expect(await watched.problems()).toEqual([]);
      expect(await axeViolations(watched.page)).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});
