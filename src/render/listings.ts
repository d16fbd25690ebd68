/**
 * The lists that most pages repeat (story lists, tag lists, tag counts, feed
 * links) as HTML, written here instead of as Nunjucks macros: importing a
 * macro file re-runs it on every page, and the macros cost about half a
 * millisecond a page — a tenth of a 100,000-story build. Every value from a
 * seed goes through `escapeHtml`; `link` puts site-relative URLs under the
 * path prefix. Templates print these with `| safe`.
 */
import { escapeHtml } from '../escape.ts';
import type { FeedLink, StoryBrief, TagCount, TagRef } from '../site/types.ts';

export type Link = (url: string) => string;

const bdi = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;

/**
 * HTML made once per story or tag and link function, then reused: a story is
 * listed on a dozen pages (each of its tags', its month's, year's and
 * digest's), and its tags on each of those. Keyed by object: page data is
 * never changed once built (src/site/), and the `link` filter hands out one
 * function per path prefix (src/render/config.ts).
 */
const pieces = new WeakMap<Link, Map<string, WeakMap<object, string>>>();

function piecesOf(link: Link, variant: string): WeakMap<object, string> {
  let variants = pieces.get(link);
  if (!variants) pieces.set(link, (variants = new Map()));
  let made = variants.get(variant);
  if (!made) variants.set(variant, (made = new WeakMap()));
  return made;
}

function remembered(made: WeakMap<object, string>, value: object, make: () => string): string {
  let html = made.get(value);
  if (html === undefined) made.set(value, (html = make()));
  return html;
}

/** `facet`: mark each link as a Pagefind filter of its kind (only a story page's own tags, docs/search.md). */
export function tagListHtml(tags: readonly TagRef[], link: Link, skipUrl = '', facet = false): string {
  const made = piecesOf(link, facet ? 'tag facet' : 'tag');
  let items = '';
  for (const tag of tags) {
    if (tag.url === skipUrl) continue;
    items += remembered(made, tag, () => {
      const filter = facet ? ` data-pagefind-filter="${escapeHtml(tag.kind)}"` : '';
      return `\n  <li><a class="tag tag-${escapeHtml(tag.kind)}" href="${escapeHtml(link(tag.url))}"${filter}>${bdi(tag.label)}</a></li>`;
    });
  }
  return items === '' ? '' : `<ul class="tags">${items}\n</ul>`;
}

/** Stories with `tags` (listings) show them; briefs (related stories) do not. */
export function storyListHtml(stories: readonly (StoryBrief & { readonly tags?: readonly TagRef[] })[], link: Link, skipUrl = '', showDigest = true, ordered = false): string {
  const heads = piecesOf(link, showDigest ? 'story' : 'story without digest');
  // Joined by `+`, not `join`: a join copies the whole list into a new string, which the page then
  // copies again when it is written (docs/performance.md, "Render").
  let items = '';
  for (const story of stories) {
    const head = remembered(heads, story, () => {
      const digest = showDigest ? ` · <a href="${escapeHtml(link(story.digest.url))}">${bdi(story.digest.title)}</a>` : '';
      return [
        '<li class="story-item">',
        `  <a class="story-link" href="${escapeHtml(link(story.url))}">${bdi(story.headline)}</a>`,
        `  <p class="story-meta"><time datetime="${escapeHtml(story.date)}">${escapeHtml(story.dateLabel)}</time>${digest}</p>`,
      ].join('\n');
    });
    items += `${items === '' ? '' : '\n'}${head}\n${story.tags ? `  ${tagListHtml(story.tags, link, skipUrl)}\n` : ''}</li>`;
  }
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag} class="stories">\n${items}\n</${tag}>`;
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
