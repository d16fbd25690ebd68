/**
 * Stories per month as an SVG bar chart, laid out at build time: one bar per
 * month from the first to the last (empty months leave a gap), each linking
 * to its month page. Sizes are in viewBox units; the stylesheet scales it.
 */
import { monthLabel, monthUrl, plural } from './format.ts';
import type { Chart, ChartBar } from './types.ts';

const STEP = 12; // one month
const BAR = 9;
const PLOT = 100; // tallest bar
const TOP = 4;
const AXIS = 16; // room for year labels

function nextMonth(key: string): string {
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** `counts`: month key → stories, in any order. */
export function monthChart(counts: ReadonlyMap<string, number>): Chart {
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  const baseline = TOP + PLOT;
  if (first === undefined || last === undefined) {
    return { width: 120, height: baseline + AXIS, baseline, bars: [], axis: [], summary: 'No stories yet.' };
  }
  const max = Math.max(...counts.values());
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
      bars.push({ key, label: `${monthLabel(key)}: ${plural(count, 'story', 'stories')}`, url: monthUrl(key), x, y: baseline - height, width: BAR, height });
      if (count > (counts.get(busiest) ?? 0)) busiest = key;
    }
    if (key === last) break;
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const span = first === last ? monthLabel(first) : `${monthLabel(first)} to ${monthLabel(last)}`;
  const summary = `Stories per month, ${span}: ${plural(total, 'story', 'stories')} in ${plural(slot + 1, 'month')}; the busiest month is ${monthLabel(busiest)} with ${plural(counts.get(busiest) ?? 0, 'story', 'stories')}.`;
  return { width: Math.max(120, (slot + 1) * STEP), height: baseline + AXIS, baseline, bars, axis, summary };
}
