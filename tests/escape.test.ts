/**
 * One HTML escaper for every page: the TypeScript page kinds, the shared
 * listings and plain story bodies escape the same characters, so a value looks
 * the same wherever it is printed.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/escape.ts';
import { storyListHtml } from '../src/render/listings.ts';
import { paragraphsToHtml } from '../src/seeds/html.ts';

const HOSTILE = `Kim's "deal" <b>&</b> C:\\path`;
const ESCAPED = 'Kim&#39;s &quot;deal&quot; &lt;b&gt;&amp;&lt;/b&gt; C:&#92;path';

describe('escapeHtml', () => {
  it('should escape markup, quotes and the backslash, and print nothing for no value', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
    expect(escapeHtml('Russia and China')).toBe('Russia and China');
    expect(escapeHtml(2024)).toBe('2024');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('should be the escaper of the listings and of plain story bodies', () => {
    const story = { url: '/stories/2024/05/x/', headline: HOSTILE, date: '2024-05', dateLabel: 'May 2024', digest: { id: 'd', url: '/digests/d/', title: HOSTILE } };
    const list = storyListHtml([story], (url) => url);
    expect(list).toContain(`<bdi>${ESCAPED}</bdi>`);
    expect(list).not.toContain('\\');
    expect(paragraphsToHtml([{ text: HOSTILE, children: [] }])).toBe(`<p>${ESCAPED}</p>`);
  });
});
