/**
 * Every HTML page of the built site (a sample of each type for a large site)
 * through a real validator, html-validate's recommended rules. No browser needed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { samplePages, sitePages } from './helpers/pages.ts';
import { testSite } from './helpers/site.ts';

const site = testSite();

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // `<!doctype html>`: the doctype is case-insensitive in HTML5; lower case is our style.
    'doctype-style': 'off',
    // Indentation left on blank lines by template tags; whitespace between elements is
    // insignificant and this is a formatting rule, not a validity one.
    'no-trailing-whitespace': 'off',
    // HTML5 ids may start with a digit: the timeline's month anchors are `#2025-05` by design
    // (docs/site.md). Relaxed mode still rejects empty ids and ids with whitespace.
    'valid-id': ['error', { relaxed: true }],
    // A story's <title> is its headline (the editors' full text) plus the site name; cutting it
    // to 70 characters for search-engine snippets would hide words from readers and tab titles.
    'long-title': 'off',
  },
});

describe('HTML validity', () => {
  it('should find no html-validate error on any page', async () => {
    const pages = site.kind === 'seeds' ? await sitePages(site) : await samplePages(site, Math.max(10, site.sample), { redirects: true });
    expect(pages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await readFile(join(site.dir, page.file), 'utf8'), page.file);
      for (const result of report.results) {
        for (const message of result.messages) problems.push(`${page.file}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}${message.selector ? ` (${message.selector})` : ''}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
