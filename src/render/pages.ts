/**
 * The page kinds with the most pages, as HTML built in TypeScript: a story
 * page (one per story), tag pages and their archives, month, year and digest
 * pages. Nunjucks spent most of a story page's render time setting and
 * looking up variables through Eleventy's data proxies (docs/performance.md);
 * these functions print the same bytes the `.njk` bodies printed. Every value
 * from the site data goes through `escapeHtml` (src/escape.ts, imported as `esc`) once; listings and paragraph HTML are
 * HTML already (src/render/listings.ts, src/seeds/html.ts). A body ends with the
 * blank lines the `.njk` files left (each include's and each stub's last line
 * break), so the output did not change when they moved here.
 */
import { escapeHtml as esc } from '../escape.ts';
import { countOf } from '../count.ts';
import { feedLinksHtml, storyListHtml, tagListHtml, type Link } from './listings.ts';
import { redirectHtml } from './layout.ts';
import type { AtomEntry, Chart, FeedPage, JsonFeedPage, MovedPage, RedirectPage, SiteGlobals, CountryPage, CountryRelations, DigestPage, MonthPage, PairPage, PairRelations, StoryBrief, StoryPage, TagPage, YearPage } from '../site/types.ts';

export function storyBody(item: StoryPage, link: Link): string {
  const precision = item.datePrecision === 'month' ? ' <span class="precision">(month only)</span>' : '';
  let html = `<article class="story" data-pagefind-body>\n  <header class="story-header">\n    <h1 dir="auto" data-pagefind-meta="title">${esc(item.headline)}</h1>\n    <p class="story-meta" data-pagefind-ignore>\n      <time datetime="${esc(item.date)}" data-pagefind-sort="date[datetime]" data-pagefind-meta="date[datetime]" data-pagefind-filter="year:${esc(item.date.slice(0, 4))}">${esc(item.dateLabel)}</time>${precision}\n      · Story ${esc(item.digest.position)} of ${esc(item.digest.count)} in <a href="${esc(link(item.digest.url))}" data-pagefind-filter="digest"><bdi>${esc(item.digest.title)}</bdi></a>\n      · <a href="${esc(link(item.timelineUrl))}">More from this month</a>\n    </p>\n  </header>\n  <div class="story-body">`;
  for (const p of item.paragraphs) {
    html += `\n    <p id="${esc(p.id)}" dir="auto">${p.html} <a class="anchor" href="#${esc(p.id)}" data-pagefind-ignore aria-label="Link to paragraph ${esc(p.number)}" title="Link to this paragraph">¶</a></p>`;
  }
  html += '\n  </div>';
  if (item.pairs.length || item.topics.length || item.countries.length) {
    html += '\n  <dl class="story-tags" data-pagefind-ignore>';
    if (item.pairs.length) html += `<dt>Pairs</dt><dd>${tagListHtml(item.pairs, link, '', true)}</dd>`;
    if (item.topics.length) html += `<dt>Topics</dt><dd>${tagListHtml(item.topics, link, '', true)}</dd>`;
    if (item.countries.length) html += `<dt>Countries</dt><dd>${tagListHtml(item.countries, link, '', true)}</dd>`;
    html += '\n  </dl>';
  }
  html += `\n  <p class="permalink" data-pagefind-ignore>Permanent link: <a href="${esc(link(item.url))}" rel="bookmark">${esc(item.permalink)}</a></p>\n</article>\n<section class="cite" aria-labelledby="cite-heading">\n  <h2 id="cite-heading">Cite this story</h2>\n  <blockquote class="reference" dir="auto"><p>${esc(item.citation.text)}</p></blockquote>\n  <p class="cite-downloads">Download the reference:`;
  const files = item.citation.files;
  files.forEach((file, index) => {
    html += ` <a href="${esc(link(file.url))}" type="${esc(file.type)}" download="${esc(file.name)}">${esc(file.label)}</a>${index < files.length - 1 ? ' ·' : ''}`;
  });
  html += '</p>\n</section>\n<nav class="prev-next" aria-label="Timeline">\n  <ul>';
  const neighbour = (story: StoryBrief, side: 'prev' | 'next', label: string): string =>
    `\n    <li class="${side}"><span class="label">${label}</span> <a href="${esc(link(story.url))}" rel="${side}"><bdi>${esc(story.headline)}</bdi></a> <time datetime="${esc(story.date)}">${esc(story.dateLabel)}</time></li>`;
  if (item.previous) html += neighbour(item.previous, 'prev', 'Previous story');
  if (item.next) html += neighbour(item.next, 'next', 'Next story');
  html += '\n  </ul>\n</nav>';
  if (item.related.length) html += `\n<section class="related" aria-labelledby="related-heading">\n  <h2 id="related-heading">Related stories</h2>\n  ${storyListHtml(item.related, link)}\n</section>`;
  return `${html}\n\n`;
}

/** A bar chart of stories per month (the timeline's, linked to month pages, or a pair's). No inline styles: the stylesheet colours the classes. */
export function chartHtml(chart: Chart, link: Link): string {
  let html = `<figure class="chart">\n  <svg class="chart-svg" viewBox="0 0 ${esc(chart.width)} ${esc(chart.height)}" role="${chart.linked ? 'group' : 'img'}" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">\n    <title id="chart-title">${esc(chart.title)}</title>\n    <desc id="chart-desc">${esc(chart.summary)}</desc>\n    <line class="chart-axis" x1="0" y1="${esc(chart.baseline)}" x2="${esc(chart.width)}" y2="${esc(chart.baseline)}"/>`;
  for (const bar of chart.bars) {
    const rect = `<rect class="chart-bar" x="${esc(bar.x)}" y="${esc(bar.y)}" width="${esc(bar.width)}" height="${esc(bar.height)}"`;
    html += bar.url
      ? `\n    <a href="${esc(link(bar.url))}" aria-label="${esc(bar.label)}"><title>${esc(bar.label)}</title>${rect}/></a>`
      : `\n    ${rect}><title>${esc(bar.label)}</title></rect>`;
  }
  for (const tick of chart.axis) html += `\n    <text class="chart-year" x="${esc(tick.x)}" y="${esc(chart.height - 3)}" aria-hidden="true">${esc(tick.label)}</text>`;
  return `${html}\n  </svg>\n  <figcaption>${esc(chart.summary)}</figcaption>\n</figure>\n`;
}

/** A pair's stories per month (the chart and its table) and by topic. */
function pairRelationsHtml(rel: PairRelations, link: Link): string {
  let html = '';
  if (rel.chart.bars.length) {
    html += `\n<section class="pair-chart" aria-labelledby="pair-chart-heading">\n  <h2 id="pair-chart-heading">Stories per month</h2>\n  ${chartHtml(rel.chart, link)}\n  <details>\n    <summary>The same as a table</summary>\n    <table>\n      <caption>Stories per month about ${esc(rel.label)}, months with stories only</caption>\n      <thead><tr><th scope="col">Month</th><th scope="col">Stories</th></tr></thead>\n      <tbody>`;
    for (const bar of rel.chart.bars) html += `\n        <tr><th scope="row">${esc(bar.month)}</th><td>${esc(bar.count)}</td></tr>`;
    html += '\n      </tbody>\n    </table>\n  </details>\n</section>';
  }
  html += '\n\n';
  if (rel.topics.length) {
    html += '\n<section class="topic-breakdown" aria-labelledby="topic-breakdown-heading">\n  <h2 id="topic-breakdown-heading">By topic</h2>\n  <ul>';
    const top = rel.topics[0]!.count;
    for (const topic of rel.topics) html += `\n    <li><a href="${esc(link(topic.url))}">${esc(topic.label)}</a> <meter min="0" max="${esc(top)}" value="${esc(topic.count)}" aria-hidden="true"></meter> ${countOf(topic.count, 'story', 'stories')}</li>`;
    html += '\n  </ul>\n</section>';
  }
  return `${html}\n`;
}

function partnersHtml(rel: CountryRelations, link: Link): string {
  if (!rel.partners.length) return '\n';
  let html = `\n<section class="partners" aria-labelledby="partners-heading">\n  <h2 id="partners-heading">Partners of ${esc(rel.label)}</h2>\n  <ol>`;
  for (const partner of rel.partners) html += `\n    <li><a href="${esc(link(partner.url))}">${esc(rel.label)} and ${esc(partner.label)}</a>: ${countOf(partner.count, 'story', 'stories')}</li>`;
  return `${html}\n  </ol>\n</section>\n`;
}

/** A pair, topic or country page, or one of its archive pages. */
export function tagBody(item: TagPage & { readonly relations?: PairPage['relations'] | CountryPage['relations'] }, link: Link): string {
  const { pagination } = item;
  const range = pagination.archive ? `<span class="page-number">, ${esc(pagination.from)} to ${esc(pagination.to)}</span>` : '';
  let html = `<header class="page-header">\n  <h1><bdi>${esc(item.label)}</bdi>${range}</h1>\n  <p class="lede">${esc(item.description)}</p>`;
  if (item.countries.length) {
    html += `\n  <p>Countries: ${item.countries.map((c) => `<a href="${esc(link(c.url))}"><bdi>${esc(c.label)}</bdi></a>`).join(' and ')}</p>`;
  }
  html += `\n  ${feedLinksHtml(item.meta.feeds, link)}\n</header>`;
  if (pagination.archive) html += `\n<p><a href="${esc(link(item.tagUrl))}">Newest stories on <bdi>${esc(item.label)}</bdi></a></p>`;
  // A pair's or a country's first page: its relations (src/site/extras.ts), then the stories under their own heading.
  if (item.relations) {
    if (item.kind === 'pair') html += `\n${pairRelationsHtml(item.relations as PairRelations, link)}`;
    else if (item.kind === 'country') html += `\n${partnersHtml(item.relations as CountryRelations, link)}`;
    html += '\n<h2 id="stories-heading">Stories</h2>';
  }
  html += `\n${storyListHtml(item.stories, link, item.tagUrl)}`;
  // Newer and older only: a page count would change every page whenever a run fills (src/site/tags.ts).
  if (pagination.newer || pagination.older) {
    html += '\n<nav class="pager" aria-label="Pages">';
    if (pagination.newer) html += `<a href="${esc(link(pagination.newer))}" rel="prev">Newer stories</a>`;
    if (pagination.older) html += `<a href="${esc(link(pagination.older))}" rel="next">Older stories</a>`;
    html += '\n</nav>';
  }
  return `${html}\n\n\n`;
}

/** The year and month pages' links to the previous and next one. */
function archiveNav(item: { readonly previous: { readonly url: string; readonly label: string } | null; readonly next: { readonly url: string; readonly label: string } | null }, link: Link): string {
  if (!item.previous && !item.next) return '\n';
  let html = '\n<nav class="pager" aria-label="Archive">';
  if (item.previous) html += `<a href="${esc(link(item.previous.url))}" rel="prev">← ${esc(item.previous.label)}</a>`;
  if (item.next) html += `<a href="${esc(link(item.next.url))}" rel="next">${esc(item.next.label)} →</a>`;
  return `${html}\n</nav>\n`;
}

export function monthBody(item: MonthPage, link: Link): string {
  const { run, month } = item;
  const crumb = run.number > 1 ? ` › <a href="${esc(link(month.url))}">${esc(month.label)}</a>` : '';
  const page = run.number > 1 ? `<span class="page-number">, page ${esc(run.number)}</span>` : '';
  const paged = Boolean(run.earlier || run.later);
  const here = paged ? `; stories ${esc(run.first)} to ${esc(run.first + item.stories.length - 1)} here` : '';
  let html = `<p class="breadcrumb"><a href="${esc(link('/timeline/'))}">Timeline</a> › <a href="${esc(link(item.yearUrl))}">${esc(item.year)}</a>${crumb}</p>\n<h1>${esc(month.label)}${page}</h1>\n<p class="lede">${countOf(month.count, 'story', 'stories')}, oldest first${here}.</p>\n${storyListHtml(item.stories, link, '', true, true)}`;
  // Earlier and later stories of the month: runs counted from its first story, so none shifts (src/site/timeline.ts).
  if (paged) {
    html += `\n<nav class="pager" aria-label="Pages of ${esc(month.label)}">`;
    if (run.earlier) html += `<a href="${esc(link(run.earlier))}" rel="prev">Earlier stories</a>`;
    if (run.later) html += `<a href="${esc(link(run.later))}" rel="next">Later stories</a>`;
    html += '\n</nav>';
  }
  return `${html}\n${archiveNav(item, link)}\n\n`;
}

export function yearBody(item: YearPage, link: Link): string {
  let html = `<p class="breadcrumb"><a href="${esc(link('/timeline/'))}">Timeline</a></p>\n<h1>${esc(item.year)}</h1>\n<p class="lede">${countOf(item.count, 'story', 'stories')}. Each month's stories are on its own page, oldest first.</p>\n<nav class="month-nav" aria-label="Months of ${esc(item.year)}">\n  <ul class="months">`;
  for (const month of item.months) html += `\n    <li id="${esc(month.key)}"><a href="${esc(link(month.url))}">${esc(month.label)}</a> <span class="count">${countOf(month.count, 'story', 'stories')}</span></li>`;
  return `${html}\n  </ul>\n</nav>\n${archiveNav(item, link)}\n\n`;
}

export function digestBody(item: DigestPage, link: Link): string {
  const count = item.stories.length;
  let html = `<p class="breadcrumb"><a href="${esc(link('/digests/'))}">Digest issues</a></p>\n<h1><bdi>${esc(item.title)}</bdi></h1>\n<p class="lede">Issue of <time datetime="${esc(item.date)}">${esc(item.dateLabel)}</time>: ${countOf(count, 'story', 'stories')}, in the order the issue gave them.</p>\n${storyListHtml(item.stories, link, '', false, true)}`;
  if (item.previous || item.next) {
    html += '\n<nav class="pager" aria-label="Issues">';
    if (item.previous) html += `<a href="${esc(link(item.previous.url))}" rel="prev">← <bdi>${esc(item.previous.title)}</bdi></a>`;
    if (item.next) html += `<a href="${esc(link(item.next.url))}" rel="next"><bdi>${esc(item.next.title)}</bdi> →</a>`;
    html += '\n</nav>';
  }
  return `${html}\n\n`;
}

/** An Atom feed (the site's, or a tag's); every value escaped as XML text or attribute, `html` as the text of `<content type="html">`. */
export function atomFeed(item: FeedPage): string {
  let xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${esc(item.language)}">\n  <title>${esc(item.title)}</title>\n  <subtitle>${esc(item.subtitle)}</subtitle>\n  <link href="${esc(item.selfUrl)}" rel="self" type="application/atom+xml"/>\n  <link href="${esc(item.htmlUrl)}" rel="alternate" type="text/html"/>\n  <id>${esc(item.htmlUrl)}</id>\n  <updated>${esc(item.updated)}</updated>\n  <author><name>${esc(item.author)}</name></author>`;
  for (const entry of item.entries) xml += atomEntry(entry);
  return `${xml}\n</feed>\n\n`;
}

function atomEntry(entry: AtomEntry): string {
  let xml = `\n  <entry>\n    <title>${esc(entry.title)}</title>\n    <link href="${esc(entry.url)}" rel="alternate" type="text/html"/>\n    <id>${esc(entry.id)}</id>\n    <updated>${esc(entry.updated)}</updated>\n    <summary>${esc(entry.summary)}</summary>\n    <content type="html">${esc(entry.html)}</content>`;
  for (const category of entry.categories) xml += `\n    <category term="${esc(category)}"/>`;
  return `${xml}\n  </entry>`;
}

/** A JSON Feed, serialised (and escaped for JSON) in src/site/feeds.ts. */
export const jsonFeed = (item: JsonFeedPage): string => `${item.json}\n\n`;

/** A story whose URL had to change (its date moved to another month) keeps answering at the old URL. */
export function storyRedirect(item: MovedPage, site: SiteGlobals, link: Link): string {
  const canonical = site.baseUrl + item.target.slice(1);
  return redirectHtml(site, { target: item.target, canonical, title: 'Moved', heading: 'This story has moved', message: `It is now at <a href="${esc(link(item.target))}">${esc(canonical)}</a>.` }, link);
}

/** A digest whose seed file was renamed (its id is the file name) keeps answering at its old URL. */
export function digestRedirect(item: MovedPage, site: SiteGlobals, link: Link): string {
  const canonical = site.baseUrl + item.target.slice(1);
  return redirectHtml(site, { target: item.target, canonical, title: 'Moved', heading: 'This digest issue has moved', message: `It is now at <a href="${esc(link(item.target))}">${esc(canonical)}</a>.` }, link);
}

/** A pair's slug with its two countries in the other order answers with the pair's page. */
export function pairRedirect(item: RedirectPage, site: SiteGlobals, link: Link): string {
  const label = `<bdi>${esc(item.label)}</bdi>`;
  return redirectHtml(site, { target: item.target, canonical: item.canonical, title: item.label, heading: label, message: `This page has moved to <a href="${esc(link(item.target))}">${label}</a>.` }, link);
}
