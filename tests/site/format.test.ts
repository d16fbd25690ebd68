/**
 * Absolute URLs: plain paths under a plain base are joined as text
 * (src/site/format.ts); these hold that to what `new URL` gives, for every
 * kind of base and path.
 */
import { describe, expect, it } from 'vitest';
import { absoluteUrl } from '../../src/site/format.ts';

const byParser = (baseUrl: string, url: string): string => new URL(url.replace(/^\//, ''), baseUrl).href;

const BASES = [
  'https://example.org/', 'https://example.org', 'https://example.org/news/', 'https://example.org/news',
  'https://EXAMPLE.org:443/a/b/', 'http://localhost:8080/', 'https://example.org/x?y=1', 'https://example.org/x/#top',
  'https://user@example.org/', 'https://example.org/caf%C3%A9/', 'https://exämple.org/news/', 'https://example.org//',
];
const PATHS = [
  '/', '/stories/2024/05/12/russia-and-china/', '/feed.xml', '/stories/2024/05/slug/cite.bib', '/pairs/china-russia/page/2/',
  '/a/./b/', '/a/../b/', '/.well-known/x', '/%41/', '/a b/', '/ä/', '/a?b', '/a#b', '//evil.example/', '', 'rel/', '/a//b/', '/~x/_y-z.json',
];

describe('absoluteUrl', () => {
  it.each(BASES)('should give what the URL parser gives under %s', (base) => {
    for (const path of PATHS) expect(absoluteUrl(base, path), path).toBe(byParser(base, path));
  });
});
