/**
 * The archive by date. `/timeline/` shows the chart, every year and month with
 * its count, linked to its page, and the stories of the latest few months only
 * (each anchored `#2025-05`), so it stays small at 100,000 stories. A year page
 * lists its months; the stories themselves live on month pages, oldest first,
 * in runs of `MONTH_PAGE` counted from the month's first story, so no page
 * shifts when later stories arrive and none grows past about 1,000 elements
 * (Lighthouse's `dom-size` audit warns at 1,500).
 */
import { countOf } from '../count.ts';
import type { Catalog, Context } from './catalog.ts';
import { monthChart } from './chart.ts';
import { monthKey, monthLabel } from './format.ts';
import { monthUrl, URLS, yearUrl } from './urls.ts';
import { pageMeta } from './meta.ts';
import type { MonthGroup, MonthPage, StoryLink, TimelinePage, YearGroup, YearPage } from './types.ts';

/** How many of the latest months `/timeline/` lists story by story. */
export const LISTED_MONTHS = 3;

/** …and of their stories, at most this many (the newest). */
export const LISTED_STORIES = 20;

/** Stories a month page lists; a busier month continues on `/timeline/2025/05/page/2/`, … */
export const MONTH_PAGE = 40;

/** Run `run` (1 the month's first) of a month's stories. */
export const monthRunUrl = (monthUrl: string, run: number): string => (run === 1 ? monthUrl : `${monthUrl}page/${run}/`);

/** Month groups, oldest first, stories oldest first. */
export function monthGroups(catalog: Catalog): MonthGroup[] {
  const months: { key: string; stories: StoryLink[] }[] = [];
  for (const link of catalog.links) {
    const key = monthKey(link.date);
    const last = months.at(-1);
    if (last?.key === key) last.stories.push(link);
    else months.push({ key, stories: [link] });
  }
  return months.map(({ key, stories }) => ({ key, label: monthLabel(key), url: monthUrl(key), count: stories.length, stories }));
}

function yearGroups(months: readonly MonthGroup[]): YearGroup[] {
  const years: { year: number; url: string; count: number; months: MonthGroup[] }[] = [];
  for (const month of months) {
    const year = Number(month.key.slice(0, 4));
    let last = years.at(-1);
    if (last?.year !== year) years.push((last = { year, url: yearUrl(year), count: 0, months: [] }));
    last.count += month.count;
    last.months.push(month);
  }
  return years;
}

export function timelinePage(months: readonly MonthGroup[], context: Context): TimelinePage {
  const listedFrom = months.length - LISTED_MONTHS;
  // At most `LISTED_STORIES` in all, newest first: three busy months would make a page of thousands of elements.
  let room = LISTED_STORIES;
  const newestFirst = [...months].reverse().map((month, back) => {
    const stories = months.length - 1 - back >= listedFrom ? [...month.stories].reverse().slice(0, room) : [];
    room -= stories.length;
    return { ...month, stories };
  });
  const years = yearGroups([...newestFirst].reverse()).reverse().map((year) => ({ ...year, months: [...year.months].reverse() }));
  const total = months.reduce((sum, month) => sum + month.count, 0);
  return {
    url: URLS.timeline,
    meta: pageMeta(context, URLS.timeline, 'Timeline', {
      section: 'timeline',
      schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: URLS.timeline }] },
      description: `All ${countOf(total, 'story', 'stories', 'grouped')}, month by month.`,
    }),
    chart: monthChart(new Map(months.map((month) => [month.key, month.count]))),
    total,
    years,
    listedMonths: Math.min(LISTED_MONTHS, months.length),
  };
}

export function yearPages(months: readonly MonthGroup[], context: Context): YearPage[] {
  const years = yearGroups(months);
  return years.map((year, index): YearPage => {
    const before = years[index - 1];
    const after = years[index + 1];
    return {
      url: year.url,
      meta: pageMeta(context, year.url, String(year.year), {
        section: 'timeline',
        schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: URLS.timeline }, { name: String(year.year), url: year.url }] },
        description: `${countOf(year.count, 'story', 'stories', 'grouped')} from ${year.year}, month by month.`,
      }),
      year: year.year,
      count: year.count,
      // The page lists its months with their counts, not their stories (on the month pages), but the stories
      // stay in the item: its sitemap date is the newest of their digests', and its hash changes with them.
      months: year.months,
      previous: before ? { url: before.url, label: String(before.year) } : null,
      next: after ? { url: after.url, label: String(after.year) } : null,
    };
  });
}

export function monthPages(months: readonly MonthGroup[], context: Context, perPage = MONTH_PAGE): MonthPage[] {
  const summary = (month: MonthGroup | undefined) => (month ? { key: month.key, label: month.label, url: month.url, count: month.count } : null);
  return months.flatMap((month, index): MonthPage[] => {
    const year = Number(month.key.slice(0, 4));
    const runs = Math.max(1, Math.ceil(month.stories.length / perPage));
    return Array.from({ length: runs }, (_, at): MonthPage => {
      const run = at + 1;
      const url = monthRunUrl(month.url, run);
      const stories = month.stories.slice(at * perPage, run * perPage);
      const heading = run === 1 ? month.label : `${month.label}, page ${run}`;
      return {
        url,
        meta: pageMeta(context, url, heading, {
          section: 'timeline',
          schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: URLS.timeline }, { name: String(year), url: yearUrl(year) }, { name: month.label, url: month.url }, ...(run === 1 ? [] : [{ name: `Page ${run}`, url }])] },
          description: run === 1 ? `${countOf(month.count, 'story', 'stories', 'grouped')} from ${month.label}.` : `Stories ${at * perPage + 1} to ${at * perPage + stories.length} of ${month.label}.`,
        }),
        month: { key: month.key, label: month.label, url: month.url, count: month.count },
        stories,
        run: { number: run, first: at * perPage + 1, earlier: run > 1 ? monthRunUrl(month.url, run - 1) : null, later: run < runs ? monthRunUrl(month.url, run + 1) : null },
        year,
        yearUrl: yearUrl(year),
        previous: summary(months[index - 1]),
        next: summary(months[index + 1]),
      };
    });
  });
}
