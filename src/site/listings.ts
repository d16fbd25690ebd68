/**
 * The lists that most pages repeat (story lists, tag lists, tag counts, feed
 * links) as HTML, written here instead of as Nunjucks macros: importing a
 * macro file re-runs it on every page, and the macros cost about half a
 * millisecond a page — a tenth of a 100,000-story build. Every value from a
 * seed goes through `escapeHtml`; `link` puts site-relative URLs under the
 * path prefix. Templates print these with `| safe`.
 */
import { escapeHtml } from '../html.ts';
import type { FeedLink, StoryBrief, TagCount, TagRef } from './types.ts';

export type Link = (url: string) => string;

const bdi = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;

/** `facet`: mark each link as a Pagefind filter of its kind (only a story page's own tags, docs/search.md). */
export function tagListHtml(tags: readonly TagRef[], link: Link, skipUrl = '', facet = false): string {
  const shown = tags.filter((tag) => tag.url !== skipUrl);
  if (shown.length === 0) return '';
  const items = shown.map((tag) => {
    const filter = facet ? ` data-pagefind-filter="${escapeHtml(tag.kind)}"` : '';
    return `\n  <li><a class="tag tag-${escapeHtml(tag.kind)}" href="${escapeHtml(link(tag.url))}"${filter}>${bdi(tag.label)}</a></li>`;
  });
  return `<ul class="tags">${items.join('')}\n</ul>`;
}

/** Stories with `tags` (listings) show them; briefs (related stories) do not. */
export function storyListHtml(stories: readonly (StoryBrief & { readonly tags?: readonly TagRef[] })[], link: Link, skipUrl = '', showDigest = true, ordered = false): string {
  const items = stories.map((story) => {
    const digest = showDigest ? ` · <a href="${escapeHtml(link(story.digest.url))}">${bdi(story.digest.title)}</a>` : '';
    return [
      '<li class="story-item">',
      `  <a class="story-link" href="${escapeHtml(link(story.url))}">${bdi(story.headline)}</a>`,
      `  <p class="story-meta"><time datetime="${escapeHtml(story.date)}">${escapeHtml(story.dateLabel)}</time>${digest}</p>`,
      ...(story.tags ? [`  ${tagListHtml(story.tags, link, skipUrl)}`] : []),
      '</li>',
    ].join('\n');
  });
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag} class="stories">\n${items.join('\n')}\n</${tag}>`;
}

export function tagCountsHtml(tags: readonly TagCount[], link: Link): string {
  const items = tags.map((tag) => `\n  <li><a href="${escapeHtml(link(tag.url))}">${bdi(tag.label)}</a> <span class="count">${tag.count}</span></li>`);
  return `<ul class="tag-counts">${items.join('')}\n</ul>`;
}

export function feedLinksHtml(feeds: readonly FeedLink[], link: Link): string {
  if (feeds.length === 0) return '';
  const links = feeds.map((feed) => `<a href="${escapeHtml(link(feed.url))}" type="${escapeHtml(feed.type)}">${feed.type === 'application/atom+xml' ? 'Atom feed' : 'JSON Feed'}</a>`);
  return `<p class="feeds">Follow: ${links.join(' · ')}\n</p>`;
}
