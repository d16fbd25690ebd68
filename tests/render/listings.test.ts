import { describe, expect, it } from 'vitest';
import { feedLinksHtml, storyListHtml, tagCountsHtml, tagListHtml } from '../../src/render/listings.ts';
import type { StoryLink, TagRef } from '../../src/site/types.ts';

const link = (url: string): string => `/news${url}`;
const hostile = '<script>alert("x")</script> & \'q\'';
const tag: TagRef = { kind: 'pair', slug: 'china-russia', label: hostile, url: '/pairs/china-russia/' };
const story: StoryLink = {
  url: '/stories/2024/05/x/', headline: hostile, date: '2024-05', dateLabel: 'May 2024',
  digest: { id: '2024-05', title: `${hostile} digest`, url: '/digests/2024-05/' } as StoryLink['digest'],
  tags: [tag],
};

describe('listings', () => {
  it('should escape every seed value once and put links under the prefix', () => {
    const html = storyListHtml([story], link, '', true, true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(html).not.toContain('&amp;lt;');
    expect(html).toMatch(/^<ol class="stories">/);
    expect(html).toContain('href="/news/stories/2024/05/x/"');
    expect(html).toContain('href="/news/digests/2024-05/"');
  });

  it('should leave out the listing page\'s own tag, and the list when nothing is left', () => {
    expect(tagListHtml([tag], link, '/pairs/china-russia/')).toBe('');
    expect(storyListHtml([story], link, '/pairs/china-russia/')).not.toContain('class="tags"');
  });

  it('should mark facets only when asked', () => {
    expect(tagListHtml([tag], link, '', true)).toContain('data-pagefind-filter="pair"');
    expect(tagListHtml([tag], link)).not.toContain('data-pagefind-filter');
  });

  it('should list tag counts and feed links', () => {
    expect(tagCountsHtml([{ ...tag, count: 3 }], link)).toContain('<span class="count">3</span>');
    expect(feedLinksHtml([], link)).toBe('');
    expect(feedLinksHtml([{ type: 'application/atom+xml', title: 'x', url: '/feed.xml' }], link)).toContain('href="/news/feed.xml" type="application/atom+xml">Atom feed</a>');
  });

  it('should make a story\'s and a tag\'s HTML once per link function, and reuse it only there', () => {
    const linked: string[] = [];
    const counting = (url: string): string => {
      linked.push(url);
      return `/news${url}`;
    };
    const first = storyListHtml([story], counting, '', true);
    const item = first.slice('<ul class="stories">\n'.length, -'\n</ul>'.length);
    expect(storyListHtml([story, story], counting, '', true)).toBe(`<ul class="stories">\n${item}\n${item}\n</ul>`);
    expect(linked.sort()).toEqual([story.digest.url, story.url, tag.url].sort());
    const other = storyListHtml([story], (url) => `/other${url}`, '', true);
    expect(other).toContain('href="/other/stories/2024/05/x/"');
    expect(other).not.toContain('/news/');
    expect(storyListHtml([story], link, '', false)).not.toContain('/digests/');
    expect(tagListHtml([tag], link, '', true)).toContain('data-pagefind-filter');
    expect(tagListHtml([tag], link)).not.toContain('data-pagefind-filter');
  });
});
