import { afterEach, describe, expect, it } from 'vitest';
import { findStoryDate, formatIsoDate, parseIsoDate } from '../../src/records/dates.ts';
import type { CalendarDate } from '../../src/types.ts';

const may2024: CalendarDate = { year: 2024, month: 5 };
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('parseIsoDate', () => {
  const cases: [string, CalendarDate | undefined][] = [
    ['2024-05-12', { year: 2024, month: 5, day: 12 }],
    ['2024-05', { year: 2024, month: 5 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2025-02-29', undefined],
    ['2025-02-30', undefined],
    ['2024-13', undefined],
    ['2024-5-1', undefined],
    ['May 2024', undefined],
    ['2024-05-12T10:00', undefined],
  ];
  it.each(cases)('should read %j as %j', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });
});

describe('findStoryDate', () => {
  const cases: [string, CalendarDate, string | undefined][] = [
    ['stated publicly on May 12 that', may2024, '2024-05-12'],
    ['a state visit to Moscow from May 7–9 to commemorate', { year: 2025, month: 5 }, '2025-05-07'],
    ['in March alone, Russia shipped', may2024, undefined],
    ['Russia’s mid-May visit to China', may2024, undefined],
    ['a deal signed on June 3, 2023 and', may2024, '2023-06-03'],
    ['a deal signed on May 29, 2022 and', may2024, undefined], // more than a year before the digest
    ['talks resume on June 3', may2024, undefined], // after the digest's end: June 3 2023 is "implied" only
    ['since Western sanctions in 2022', may2024, undefined],
    ['officials met on 14 April in Tehran', may2024, '2024-04-14'],
    ['Iran agreed on May 10th to buy', may2024, '2024-05-10'],
    ['a tanker seized on April 14th, 2024 by', may2024, '2024-04-14'],
    ['it may still have', may2024, undefined],
    ['the summit on December 20 last year', { year: 2025, month: 1, day: 15 }, '2024-12-20'],
  ];
  it.each(cases)('should date %j', (text, digest, expected) => {
    const found = findStoryDate(text, digest);
    expect(found && formatIsoDate(found)).toBe(expected);
  });

  it.each(['America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati', 'UTC'])('should give the same calendar day in %s', (zone) => {
    process.env.TZ = zone;
    expect(formatIsoDate(findStoryDate('on May 1 the ministers met', may2024)!)).toBe('2024-05-01');
    expect(formatIsoDate(findStoryDate('on May 31 the ministers met', may2024)!)).toBe('2024-05-31');
    expect(parseIsoDate('2024-05-01')).toEqual({ year: 2024, month: 5, day: 1 });
  });
});
