/**
 * The archive by date. `/timeline/` shows the chart, every year and month with
 * its count (each month anchored `#2025-05`), and the stories of the latest
 * few months only, so it stays small at 100,000 stories. The stories
 * themselves live on month and year pages, oldest first, whose contents
 * never shift when later months are added.
 */
import type { Catalog, Context } from './catalog.ts';
import { monthChart } from './chart.ts';
import { monthKey, monthLabel, monthUrl, plural, yearUrl } from './format.ts';
import { pageMeta } from './meta.ts';
import type { MonthGroup, MonthPage, StoryLink, TimelinePage, YearGroup, YearPage } from './types.ts';

/** How many of the latest months `/timeline/` lists story by story. */
export const LISTED_MONTHS = 3;

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
  const newestFirst = months
    .map((month, index) => ({ ...month, stories: index >= listedFrom ? [...month.stories].reverse() : [] }))
    .reverse();
  const years = yearGroups([...newestFirst].reverse()).reverse().map((year) => ({ ...year, months: [...year.months].reverse() }));
  const total = months.reduce((sum, month) => sum + month.count, 0);
  return {
    url: '/timeline/',
    meta: pageMeta(context, '/timeline/', 'Timeline', {
      section: 'timeline',
      schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: '/timeline/' }] },
      description: `All ${plural(total, 'story', 'stories')}, month by month.`,
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
        schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: '/timeline/' }, { name: String(year.year), url: year.url }] },
        description: `${plural(year.count, 'story', 'stories')} from ${year.year}, month by month.`,
      }),
      year: year.year,
      count: year.count,
      months: year.months,
      previous: before ? { url: before.url, label: String(before.year) } : null,
      next: after ? { url: after.url, label: String(after.year) } : null,
    };
  });
}

export function monthPages(months: readonly MonthGroup[], context: Context): MonthPage[] {
  const summary = (month: MonthGroup | undefined) => (month ? { key: month.key, label: month.label, url: month.url, count: month.count } : null);
  return months.map((month, index): MonthPage => {
    const year = Number(month.key.slice(0, 4));
    return {
      url: month.url,
      meta: pageMeta(context, month.url, month.label, {
        section: 'timeline',
        schema: { type: 'CollectionPage', crumbs: [{ name: 'Timeline', url: '/timeline/' }, { name: String(year), url: yearUrl(year) }, { name: month.label, url: month.url }] },
        description: `${plural(month.count, 'story', 'stories')} from ${month.label}.`,
      }),
      month,
      year,
      yearUrl: yearUrl(year),
      previous: summary(months[index - 1]),
      next: summary(months[index + 1]),
    };
  });
}
