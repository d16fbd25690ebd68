/**
 * Phone (320 px) and desktop (1280 px) widths: no page scrolls sideways, and a
 * full-page screenshot of each page type at each width is saved as a test
 * artifact in test-results/screenshots/ (`story-320.png`, …) for a person to look at.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './helpers/browser.ts';
import { horizontalOverflow, settle } from './helpers/checks.ts';
import { sampleQuery, samplePages, visitUrl, type SitePage } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const pages = await samplePages(site);
const query = await sampleQuery(site);
const WIDTHS = [320, 1280] as const;

/** `story-320.png`, or `story-2-320.png` for the second sampled story. */
function shotName(page: SitePage, width: number): string {
  const nth = pages.filter((other) => other.type === page.type).indexOf(page);
  return `${page.type}${nth > 0 ? `-${nth + 1}` : ''}-${width}.png`;
}

describe.each(WIDTHS)('at %i px wide', (width) => {
  const browser = useBrowser();

  it('should not scroll sideways on any page type, and save a screenshot of each', async () => {
    const context = await browser().newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
    const tab = await context.newPage();
    const overflowing: string[] = [];
    try {
      for (const page of pages) {
        await tab.goto(visitUrl(site, page, query), { waitUntil: 'load' });
        await settle(tab);
        const { overflow, culprits } = await horizontalOverflow(tab);
        if (overflow > 0) overflowing.push(`${page.path}: ${overflow}px too wide; widest: ${culprits.join(', ')}`);
        await tab.screenshot({ path: join(site.screenshotsDir, shotName(page, width)), fullPage: true });
      }
    } finally {
      await context.close();
    }
    expect(overflowing).toEqual([]);
  });
});
