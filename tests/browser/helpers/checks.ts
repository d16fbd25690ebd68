/** Shared checks run in the browser: axe-core, horizontal overflow, readiness. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Every axe violation, one line per offending element: `rule (impact): help — selector`. */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  const results = await (rules ? builder.withRules(rules) : builder.withTags(AXE_TAGS)).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? '?'}): ${violation.help} — ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  );
}

/** How far the page scrolls sideways, in CSS pixels (0 when it does not), and the widest offenders. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > root.clientWidth + 0.5) {
          const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}`;
          culprits.push(`${name} right=${Math.round(box.right)}`);
        }
      }
    }
    return { overflow, culprits: culprits.slice(0, 8) };
  });
}

/** Waits until a page's own scripts have done their first work (the search page's first results). */
export async function settle(page: Page): Promise<void> {
  if (await page.locator('#search-status').count()) {
    await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '') !== '', undefined, { timeout: 15_000 });
  }
}
