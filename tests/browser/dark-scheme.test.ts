/**
 * The dark colour scheme (prefers-color-scheme: dark, style.css's second palette):
 * axe-core's contrast rules on one page of every type (N with ND_TEST_SAMPLE).
 * Apart from pages.test.ts so that the two run side by side.
 */
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './helpers/browser.ts';
import { axeViolations, settle } from './helpers/checks.ts';
import { sampleQuery, samplePages, visitUrl, type SitePage } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const pages = await samplePages(site);
const query = await sampleQuery(site);
const urlOf = (page: SitePage): string => visitUrl(site, page, query);

describe('the dark colour scheme', () => {
  const browser = useBrowser();

  // One test for every page: about 3 s a page alone, twice that on a loaded machine, so the default
  // 120 s was too short for the 1,000-story run's 30 pages (test:browser:large timed out, the site passed).
  it('should keep every text legible on every page type', async () => {
    const illegible: string[] = [];
    for (const page of pages) {
      const watched = await openPage(browser(), { colorScheme: 'dark' });
      try {
        await watched.page.goto(urlOf(page), { waitUntil: 'load' });
        await settle(watched.page);
        for (const violation of await axeViolations(watched.page, ['color-contrast', 'link-in-text-block'])) illegible.push(`${page.path}: ${violation}`);
      } finally {
        await watched.context.close();
      }
    }
    expect(illegible).toEqual([]);
  }, Math.max(120_000, pages.length * 8_000));
});
