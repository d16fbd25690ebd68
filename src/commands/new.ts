/**
 * `news-digest new`: a dated digest skeleton for an editor to paste into. The
 * skeleton has front matter and no stories, so building it unfilled fails with
 * "no stories" instead of publishing an empty issue.
 */
import { formatHumanDate, formatIsoDate, parseIsoDate } from '../records/dates.ts';
import type { CalendarDate } from '../types.ts';

export interface Skeleton {
  readonly fileName: string;
  readonly text: string;
}

export function digestSkeleton(date: CalendarDate): Skeleton {
  const iso = formatIsoDate(date);
  return {
    fileName: `${iso}.txt`,
    text: `---\ndate: ${iso}\ntitle: "${formatHumanDate(date)} Digest"\n---\n`,
  };
}

/** `--date` as given, or the current month of the editor's clock. */
export function skeletonDate(option: string | undefined, now: Date): CalendarDate | undefined {
  if (option === undefined) return { year: now.getFullYear(), month: now.getMonth() + 1 };
  return parseIsoDate(option);
}
