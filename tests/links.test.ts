/** The shared link check (tests/helpers/links.ts) catches each kind of broken reference. */
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { brokenLinks } from './helpers/links.ts';

const BASE = 'https://example.org/news/';

function crawl(pages: Record<string, string>, assets: string[] = []) {
  const html = new Map<string, CheerioAPI>(Object.entries(pages).map(([path, text]) => [path, load(text)]));
  const files = new Set([...Object.keys(pages).map((path) => (path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1))), ...assets]);
  return { pages: html.keys(), hasFile: (file: string) => files.has(file), document: (path: string) => html.get(path) };
}

describe('brokenLinks', () => {
  it('should accept links, anchors, srcset, form actions and meta refreshes that resolve', () => {
    const site = crawl(
      {
        '/': '<a href="/news/a/#x">a</a><a href="#top" id="top">top</a><img src="/news/i.svg" srcset="/news/i.svg 1x, /news/i2.svg 2x" alt=""><form action="/news/a/"></form><a href="https://elsewhere.example/">out</a><a href="mailto:x@example.org">mail</a>',
        '/a/': '<p id="x">x</p><meta http-equiv="refresh" content="0; url=/news/">',
      },
      ['i.svg', 'i2.svg'],
    );
    expect(brokenLinks(site, BASE)).toEqual([]);
  });

  it('should report missing pages, missing anchors, srcset candidates, refresh targets and links outside the prefix', () => {
    const site = crawl({
      '/': '<a href="/news/missing/">m</a><a href="/news/a/#nope">n</a><a href="/a/">p</a><img alt="" src="/news/a/" srcset="/news/gone.png 2x"><link rel="icon" href="/news/favicon.svg">',
      '/a/': '<meta http-equiv="refresh" content="0; url=/news/old/">',
    });
    expect(brokenLinks(site, BASE)).toEqual([
      '/: /news/missing/ → missing missing/index.html',
      '/: /news/a/#nope → no #nope',
      '/: /a/ is outside /news/',
      '/: /news/gone.png → missing gone.png',
      '/: /news/favicon.svg → missing favicon.svg',
      '/a/: /news/old/ → missing old/index.html',
    ]);
  });
});
