/** The one table of page kinds (src/render/page-kinds.ts) and the pages it renders through Eleventy. */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderSite } from '../../src/render/eleventy.ts';
import { linkFor } from '../../src/render/config.ts';
import { PAGE_KINDS, addPageTemplates } from '../../src/render/page-kinds.ts';
import type { SiteSettings } from '../../src/settings/site.ts';
import { buildSiteData } from '../../src/site/plan.ts';
import { record } from '../helpers/site-build.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const settings: SiteSettings = { title: 'News Digest', description: 'Test', baseUrl: 'https://example.org/news/', pathPrefix: '/news/', language: 'en' };
const REGISTRY_KINDS = ['withdrawn', 'storyRedirect', 'digestRedirect'];
const hostile = `<script>alert("x")</script> & 'q' \\ back`;

describe('the table of page kinds', () => {
  it('should list every kind the site data has, and the registry kinds, and nothing else', () => {
    const data = buildSiteData([record({ date: '2024-05-12', slug: 'a', countries: ['china', 'russia'], pairs: ['china-russia'] })], settings);
    expect(Object.keys(PAGE_KINDS).sort()).toEqual([...Object.keys(data.pages), ...REGISTRY_KINDS].sort());
  });

  it('should add one template per kind with pages, the shared layout, and none for files written as they are', () => {
    const added: { path: string; data: { pagination?: { data: string }; layout?: unknown } }[] = [];
    addPageTemplates({ addTemplate: (path, _content, data) => added.push({ path, data }) }, { story: [{}], home: [{}], citation: [{}], month: [] }, linkFor);
    expect(added.map((template) => template.path).sort()).toEqual(['_includes/layouts/base.11ty.js', 'home.njk', 'story.11ty.js']);
    expect(added.find((t) => t.path === 'story.11ty.js')!.data).toMatchObject({ pagination: { data: 'nd.pages.story' }, layout: false });
    expect(added.find((t) => t.path === 'home.njk')!.data).toMatchObject({ pagination: { data: 'nd.pages.home' }, layout: 'layouts/base.11ty.js' });
  });
});

describe('pages rendered from the table', () => {
  it('should render TypeScript and Nunjucks kinds into one document, escaping every seed value once, under the path prefix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nd-kinds-'));
    try {
      const records = [
        record({ date: '2024-05-12', slug: 'a', headline: hostile, countries: ['china', 'russia'], pairs: ['china-russia'] }),
        record({ date: '2024-05-13', slug: 'b', countries: ['china', 'russia'], pairs: ['china-russia'] }),
      ];
      const data = buildSiteData(records, settings);
      const pages = {
        ...data.pages,
        withdrawn: [{ url: '/stories/2024/04/01/gone/', headline: hostile, digest: hostile, date: '2024-04-01' }],
        storyRedirect: [{ url: '/stories/2024/04/02/old/', target: '/stories/2024/05/12/a/' }],
        digestRedirect: [],
      };
      const out = join(dir, 'site');
      await renderSite({ templatesDir: join(ROOT, 'templates'), outDir: out, data: { site: data.site, pages }, pathPrefix: '/news/', passthrough: false });
      const storyUrl = data.pages.story.find((page) => page.headline === hostile)!.url;
      const story = await readFile(join(out, storyUrl, 'index.html'), 'utf8');
      expect(story).not.toContain('<script>alert');
      expect(story).toContain('<h1 dir="auto" data-pagefind-meta="title">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#92; back</h1>');
      expect(story).not.toContain('&amp;lt;');
      const $ = load(story);
      expect($('h1').text()).toBe(hostile);
      expect($('title').text()).toContain(hostile);
      expect($('link[rel="stylesheet"]').attr('href')).toBe('/news/assets/style.css');
      expect($('meta[http-equiv="Content-Security-Policy"]')).toHaveLength(1);
      expect($('main#main article.story')).toHaveLength(1);
      expect(story.endsWith('</html>\n')).toBe(true);
      // A Nunjucks kind in the same document (the withdrawn page: no `meta`, its title from the table).
      const withdrawn = load(await readFile(join(out, 'stories/2024/04/01/gone/index.html'), 'utf8'));
      expect(withdrawn('title').text()).toBe('Story withdrawn · News Digest');
      expect(withdrawn('meta[name="robots"]').attr('content')).toBe('noindex');
      expect(withdrawn('link[rel="canonical"]')).toHaveLength(0);
      expect(withdrawn('q').text()).toBe(hostile);
      expect(withdrawn('nav.site-nav a[aria-current]')).toHaveLength(0);
      const moved = load(await readFile(join(out, 'stories/2024/04/02/old/index.html'), 'utf8'));
      expect(moved('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/news/stories/2024/05/12/a/');
      expect(moved('link[rel="canonical"]').attr('href')).toBe('https://example.org/news/stories/2024/05/12/a/');
      const home = load(await readFile(join(out, 'index.html'), 'utf8'));
      expect(home('nav.site-nav a[aria-current="page"]').attr('href')).toBe('/news/');
      // Only the kinds with pages were templates: no digest redirect folder, nothing but pages written.
      expect(await readdir(join(out, 'digests'))).not.toContain('old');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
