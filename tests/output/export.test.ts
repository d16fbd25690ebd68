import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toPairsJson } from '../../src/output/export.ts';
import { CSV_COLUMNS } from '../../src/types.ts';
import { fixtureRecords, story } from '../fixtures/tagged-records.ts';
import { parseCsv } from '../helpers/csv.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'Putin visits Beijing', 'Putin visits Beijing'],
    ['empty', '', ''],
    ['comma', 'Gas, oil and grain', '"Gas, oil and grain"'],
    ['quote', 'The "no limits" partnership', '"The ""no limits"" partnership"'],
    ['line feed', 'one\ntwo', '"one\ntwo"'],
    ['equals', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['plus', '+7 495', "'+7 495"],
    ['minus', '-1', "'-1"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['tab', '\t=1', "'\t=1"],
    ['carriage return', '\r=1', `"'\r=1"`],
    ['formula with comma', '=1,2', `"'=1,2"`],
    ['minus inside', 'Kim Jong-un', 'Kim Jong-un'],
  ])('should write a field with %s', (_, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('should write a header and one CRLF row per story, lists joined with `;`', () => {
    const records = fixtureRecords();
    const csv = toCsv(records);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(records.length + 1);
    const [first] = records;
    expect(rows[1]).toEqual([first?.id, first?.url, '2024-05-12', 'day', '2024-05', 'Putin and Xi sign a gas deal', 'russia;china', 'china-russia', 'energy;diplomacy']);
    expect(rows[3]?.slice(2, 4)).toEqual(['2024-07', 'month']);
  });

  it('should read back a hostile headline as text', () => {
    const headline = '=cmd|"/c calc"!A1, and\r\na second line';
    const rows = parseCsv(toCsv([story({ headline, date: '2024-01-01' })]));
    expect(rows[1]?.[5]).toBe(`'${headline}`);
    expect(rows).toHaveLength(2);
  });

  it('should write only the header for no stories', () => {
    expect(toCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('toPairsJson', () => {
  it('should summarise every pair, busiest first, with topics most first', () => {
    const json = toPairsJson(fixtureRecords());
    expect(Object.keys(json.pairs)).toEqual(['china-russia', 'china-iran', 'north-korea-russia']);
    expect(json.pairs['china-russia']).toEqual({
      countries: ['china', 'russia'],
      stories: 3,
      first: '2024-05-12',
      last: '2025-01-03',
      topics: { energy: 2, diplomacy: 1, 'military-exercises': 1 },
    });
    expect(Object.keys(json.pairs['china-russia']?.topics ?? {})).toEqual(['energy', 'diplomacy', 'military-exercises']);
  });

  it('should keep an odd slug such as `__proto__` as an ordinary key', () => {
    const json = toPairsJson([story({ headline: 'x', date: '2024-01-01', countries: ['a', 'b'], pairs: ['__proto__'], topics: ['__proto__'] })]);
    expect(Object.keys(json.pairs)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(json.pairs)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(json)).pairs.__proto__.stories).toBe(1);
  });

  it('should be empty for no stories', () => {
    expect(toPairsJson([])).toEqual({ pairs: {} });
  });
});
