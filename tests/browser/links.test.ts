/**
 * A crawl of the whole built output: every internal href, src, srcset, form
 * action and meta refresh of every HTML page resolves to a file under the
 * path prefix, every `#fragment` to an id on its page, and every url() in the
 * stylesheets to a file. No browser needed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { brokenLinks, fileOf } from '../helpers/links.ts';
import { siteFiles, sitePages } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const allFiles = new Set(await siteFiles(site.dir));
describe('links in the built site', () => {
  it('should resolve every internal link, anchor and asset of every page', async () => {
    const pages = await sitePages(site);
    const byPath = new Map(pages.map((page) => [page.path, page.file]));
    const parsed = new Map<string, CheerioAPI>();
    const texts = new Map<string, string>();
    for (const page of pages) texts.set(page.path, await readFile(join(site.dir, page.file), 'utf8'));
    const crawl = {
      pages: byPath.keys(),
      hasFile: (file: string) => allFiles.has(file),
      document: (path: string) => {
        if (!parsed.has(path) && texts.has(path)) parsed.set(path, load(texts.get(path)!));
        return parsed.get(path);
      },
    };
    expect(pages.length).toBeGreaterThan(10);
    expect(brokenLinks(crawl, site.baseUrl)).toEqual([]);
  });

  it('should resolve every url() in the stylesheets', async () => {
    const broken: string[] = [];
    const base = new URL(site.baseUrl);
    for (const file of allFiles) {
      if (!file.endsWith('.css') || file.startsWith('pagefind/')) continue;
      const css = await readFile(join(site.dir, file), 'utf8');
      for (const [, raw] of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
        if (raw!.startsWith('data:') || raw!.startsWith('#')) continue;
        const target = new URL(raw!, new URL(file, base));
        const inSite = target.origin === base.origin && target.pathname.startsWith(base.pathname);
        if (!inSite || !allFiles.has(fileOf(target.pathname.slice(base.pathname.length)))) broken.push(`${file}: url(${raw})`);
      }
    }
    expect(broken).toEqual([]);
  });
});

