/**
 * Every feed of the built site read by real parsers: Atom (RFC 4287) with
 * fast-xml-parser, JSON Feed 1.1 with JSON.parse, checking the elements each
 * spec requires, and every entry's link naming a page of the site. No browser.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fileOf } from '../helpers/links.ts';
import { siteFiles } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();
const files = await siteFiles(site.dir);
const base = new URL(site.baseUrl);

/** The file an absolute URL of the site names, or why it names none. */
function pageAt(url: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `not an absolute URL: ${url}`;
  }
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return `outside the site: ${url}`;
  const file = fileOf(target.pathname.slice(base.pathname.length));
  return files.includes(file) ? file : `missing page: ${url}`;
}

const text = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? '')).trim();
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('feeds', () => {
  const atomFiles = files.filter((file) => file.endsWith('feed.xml'));
  const jsonFiles = files.filter((file) => file.endsWith('feed.json'));

  it('should have a site feed in both formats and per-tag feeds', () => {
    expect(atomFiles).toContain('feed.xml');
    expect(jsonFiles).toContain('feed.json');
    expect(atomFiles.some((file) => file.startsWith('pairs/'))).toBe(true);
  });

  it('should write Atom feeds with every required element and entries linking to pages', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'author'].includes(name) });
    const problems: string[] = [];
    for (const file of atomFiles) {
      const xml = await readFile(join(site.dir, file), 'utf8');
      const valid = XMLValidator.validate(xml);
      if (valid !== true) {
        problems.push(`${file}: not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
        continue;
      }
      const feed = parser.parse(xml).feed as Record<string, unknown> | undefined;
      if (!feed) {
        problems.push(`${file}: no <feed> root`);
        continue;
      }
      if (feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push(`${file}: not in the Atom namespace`);
      for (const key of ['id', 'title']) if (text(feed[key]) === '') problems.push(`${file}: feed/${key} missing`);
      if (!RFC3339.test(text(feed['updated']))) problems.push(`${file}: feed/updated is not an RFC 3339 date: ${text(feed['updated'])}`);
      const links = (feed['link'] ?? []) as Record<string, string>[];
      if (!links.some((link) => link['@rel'] === 'self')) problems.push(`${file}: no rel="self" link`);
      const feedAuthor = ((feed['author'] ?? []) as Record<string, unknown>[]).some((author) => text(author['name']) !== '');
      const entries = (feed['entry'] ?? []) as Record<string, unknown>[];
      if (entries.length === 0) problems.push(`${file}: no entries`);
      for (const [index, entry] of entries.entries()) {
        const where = `${file} entry ${index + 1}`;
        for (const key of ['id', 'title']) if (text(entry[key]) === '') problems.push(`${where}: ${key} missing`);
        if (!RFC3339.test(text(entry['updated']))) problems.push(`${where}: updated is not an RFC 3339 date: ${text(entry['updated'])}`);
        if (!feedAuthor && !entry['author']) problems.push(`${where}: no author (feed or entry)`);
        const alternate = ((entry['link'] ?? []) as Record<string, string>[]).find((link) => (link['@rel'] ?? 'alternate') === 'alternate');
        if (!alternate?.['@href']) problems.push(`${where}: no alternate link`);
        else if (!pageAt(alternate['@href']).endsWith('.html')) problems.push(`${where}: ${pageAt(alternate['@href'])}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('should write JSON Feeds 1.1 with every required field and items linking to pages', async () => {
    const problems: string[] = [];
    for (const file of jsonFiles) {
      let feed: Record<string, unknown>;
      try {
        feed = JSON.parse(await readFile(join(site.dir, file), 'utf8')) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${file}: not JSON: ${(error as Error).message}`);
        continue;
      }
      if (feed['version'] !== 'https://jsonfeed.org/version/1.1') problems.push(`${file}: version is ${String(feed['version'])}`);
      if (typeof feed['title'] !== 'string' || feed['title'] === '') problems.push(`${file}: title missing`);
      for (const key of ['home_page_url', 'feed_url']) if (feed[key] !== undefined && !pageAt(String(feed[key])).match(/\.(html|json)$/)) problems.push(`${file}: ${key}: ${pageAt(String(feed[key]))}`);
      if (!Array.isArray(feed['items']) || feed['items'].length === 0) {
        problems.push(`${file}: items missing or empty`);
        continue;
      }
      const ids = new Set<string>();
      for (const [index, item] of (feed['items'] as Record<string, unknown>[]).entries()) {
        const where = `${file} item ${index + 1}`;
        if (typeof item['id'] !== 'string' || item['id'] === '') problems.push(`${where}: id missing`);
        else if (ids.has(item['id'])) problems.push(`${where}: duplicate id ${item['id']}`);
        else ids.add(item['id']);
        if (typeof item['content_html'] !== 'string' && typeof item['content_text'] !== 'string') problems.push(`${where}: neither content_html nor content_text`);
        if (typeof item['url'] !== 'string') problems.push(`${where}: url missing`);
        else if (!pageAt(item['url']).endsWith('.html')) problems.push(`${where}: ${pageAt(item['url'])}`);
        if (item['date_published'] !== undefined && !RFC3339.test(String(item['date_published']))) problems.push(`${where}: date_published is not RFC 3339: ${String(item['date_published'])}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
