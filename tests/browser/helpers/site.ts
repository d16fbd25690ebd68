/**
 * The site under test, shared by every file in tests/browser/: built once per
 * run by global-setup.ts and described by a `TestSite` that Vitest hands to
 * each test file (`inject('ndSite')`).
 */
import { inject } from 'vitest';

export interface TestSite {
  /** The built site's folder. */
  readonly dir: string;
  /** The base URL the site was built for (its canonical, feed and sitemap URLs). */
  readonly baseUrl: string;
  /** Where the local server serves it: `http://127.0.0.1:PORT/news/` (same path prefix as `baseUrl`). */
  readonly serverUrl: string;
  /** Pages of each type to visit: 1 for the seeds; more for a large site (`ND_TEST_SAMPLE`). */
  readonly sample: number;
  /** Where the PNG screenshots go. */
  readonly screenshotsDir: string;
  /** `seeds` (built by the setup) or `external` (`ND_TEST_SITE`). */
  readonly kind: 'seeds' | 'external';
}

declare module 'vitest' {
  export interface ProvidedContext {
    ndSite: TestSite;
  }
}

export function testSite(): TestSite {
  return inject('ndSite');
}
