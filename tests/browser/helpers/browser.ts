import { afterAll, beforeAll } from 'vitest';
/**
 * Chromium for the quality checks: Debian's package (scripts/setup-browser.sh),
 * driven by playwright-core. `openPage` records everything a reader would
 * suffer from: console errors, uncaught exceptions, failed or 4xx/5xx requests
 * and Content-Security-Policy violations.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium tries to reach Google's
// services and logs failures on a closed network.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. The browser tests need it: run \`scripts/setup-browser.sh\` (as root; it runs \`apt-get install -y chromium\`), or set CHROMIUM_PATH to a Chromium binary.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors, failed requests and CSP violations so far. */
  problems(): Promise<string[]>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** A fresh context and page at `width`×800 that records every problem; `allow404` names URLs expected to be 404. */
export async function openPage(browser: Browser, options: { width?: number; colorScheme?: 'light' | 'dark'; allow404?: (url: string) => boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, reducedMotion: 'reduce', colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const problems: string[] = [];
  // Runs before the page's own scripts, in every document (not subject to the page's CSP).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations!.push(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    // Chromium logs every 4xx response as a console error too: not a problem when that 404 is the point.
    if (/^Failed to load resource: .* 404/.test(message.text()) && options.allow404?.(message.location().url)) return;
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  // A request that the browser cancels because its document was navigated away from (the favicon of a
  // page left by pressing Enter) is not a fault of the site: only failures within one document count.
  let documents = 0;
  const documentOf = new WeakMap<object, number>();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) documents++;
  });
  page.on('request', (request) => {
    // A navigation starts a new document as soon as it is requested: the old page's loads are
    // aborted then, which can be reported before the new document commits (`framenavigated`).
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents++;
    documentOf.set(request, documents);
  });
  page.on('requestfailed', (request) => {
    const errorText = request.failure()?.errorText ?? '?';
    if (errorText === 'net::ERR_ABORTED' && documentOf.get(request) !== documents && !request.isNavigationRequest()) return;
    problems.push(`request failed: ${request.url()} (${errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.allow404?.(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    context,
    page,
    problems: async () => {
      const csp = page.isClosed() ? [] : await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      return [...problems, ...csp];
    },
  };
}

/** One Chromium for the enclosing `describe`, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Expected the browser to be launched in beforeAll');
    return browser;
  };
}
