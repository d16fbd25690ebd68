/**
 * Stories per month as an SVG bar chart, laid out at build time: one bar per
 * month from the first to the last (empty months leave a gap). The timeline's
 * bars link to their month pages; a pair's chart (`linked: false`) has no
 * links, since a month page lists every story of that month, not the pair's.
 * Sizes are in viewBox units; the stylesheet scales and colours it.
 */
import { countOf } from '../count.ts';
import { nextMonth } from './relations.ts';
import { monthLabel } from './format.ts';
import { monthUrl } from './urls.ts';
import type { Chart, ChartBar } from './types.ts';

const STEP = 12; // one month
const BAR = 9;
const PLOT = 100; // tallest bar
const TOP = 4;
const AXIS = 16; // room for year labels

export interface ChartOptions {
  /** What the stories are about, for the chart's name: `China and Russia` → `Stories per month: China and Russia`. */
  readonly subject?: string;
  /** Bars link to their month pages (default true). */
  readonly linked?: boolean;
}

/** `counts`: month key (`2025-05`) → stories, in any order. Linear in the months spanned. */
export function monthChart(counts: ReadonlyMap<string, number>, options: ChartOptions = {}): Chart {
  const title = options.subject === undefined ? 'Stories per month' : `Stories per month: ${options.subject}`;
  const linked = options.linked ?? true;
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  const baseline = TOP + PLOT;
  if (first === undefined || last === undefined) {
    return { title, linked, width: 120, height: baseline + AXIS, baseline, bars: [], axis: [], summary: 'No stories yet.' };
  }
  let max = 0;
  let total = 0;
  for (const count of counts.values()) {
    max = Math.max(max, count);
    total += count;
  }
  const bars: ChartBar[] = [];
  const axis: { x: number; label: string }[] = [];
  let busiest = first;
  let slot = 0;
  for (let key = first; ; key = nextMonth(key), slot++) {
    const x = slot * STEP + (STEP - BAR) / 2;
    if (key.endsWith('-01') || key === first) axis.push({ x: slot * STEP, label: key.slice(0, 4) });
    const count = counts.get(key) ?? 0;
    if (count > 0) {
      const height = Math.max(2, Math.round((count / max) * PLOT));
      const month = monthLabel(key);
      bars.push({ key, month, count, label: `${month}: ${countOf(count, 'story', 'stories', 'grouped')}`, url: linked ? monthUrl(key) : null, x, y: baseline - height, width: BAR, height });
      if (count > (counts.get(busiest) ?? 0)) busiest = key;
    }
    if (key === last) break;
  }
  const span = first === last ? monthLabel(first) : `${monthLabel(first)} to ${monthLabel(last)}`;
  const about = options.subject === undefined ? '' : ` about ${options.subject}`;
  const summary = `Stories per month${about}, ${span}: ${countOf(total, 'story', 'stories', 'grouped')} in ${countOf(slot + 1, 'month', undefined, 'grouped')}; the busiest month is ${monthLabel(busiest)} with ${countOf(counts.get(busiest) ?? 0, 'story', 'stories', 'grouped')}.`;
  return { title, linked, width: Math.max(120, (slot + 1) * STEP), height: baseline + AXIS, baseline, bars, axis, summary };
}
