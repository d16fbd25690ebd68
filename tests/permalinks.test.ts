import { describe, expect, it } from 'vitest';
import { planPermalinks, similarity, type PermalinkRegistry } from '../src/permalinks.ts';
import { datedStories } from '../src/records.ts';
import { parseText } from './helpers/seeds.ts';

const digest = (body: string, name = '2024-05.txt') => parseText(`---\ndate: 2024-05\n---\n${body}|\n`, name).digest!;
const plan = (body: string, registry?: PermalinkRegistry) => planPermalinks(datedStories([digest(body)]), registry);

const ORIGINAL = 'China and Russia sign gas deal\nThey signed it on May 3.\nIran joins new payment system\nIran joined on May 20.\n';

describe('planPermalinks', () => {
  const first = plan(ORIGINAL);

  it('should hand out fresh URLs and record them', () => {
    expect(first.urls).toEqual(['/stories/2024/05/03/china-and-russia-sign-gas-deal/', '/stories/2024/05/20/iran-joins-new-payment-system/']);
    expect(first.registry.stories.map((e) => e.url)).toEqual([...first.urls].sort());
  });

  it('should keep the URL when an editor fixes the headline wording', () => {
    const next = plan(ORIGINAL.replace('China and Russia sign gas deal', 'China and Russia sign a long-term gas deal'), first.registry);
    expect(next.urls).toEqual(first.urls);
    expect(next.registry.redirects).toEqual([]);
    expect(next.registry.withdrawn).toEqual([]);
  });

  it('should keep the URL when an editor fixes the day within the month', () => {
    const next = plan(ORIGINAL.replace('on May 3', 'on May 4'), first.registry);
    expect(next.urls).toEqual(first.urls);
  });

  it('should keep every URL when a story is inserted before the others', () => {
    const next = plan(`Belarus hosts drills\nThe drills began on May 1.\n${ORIGINAL}`, first.registry);
    expect(next.urls.slice(1)).toEqual(first.urls);
  });

  it('should give a new URL and redirect the old one when the date moves to another month', () => {
    const moved = ORIGINAL.replace('They signed it on May 3.', 'They signed it on April 28.');
    const next = plan(moved, first.registry);
    expect(next.urls[0]).toBe('/stories/2024/04/28/china-and-russia-sign-gas-deal/');
    expect(next.registry.redirects).toEqual([{ from: first.urls[0], to: next.urls[0] }]);
    expect(next.registry.withdrawn).toEqual([]);
  });

  it('should withdraw a removed story and give its URL back if it returns', () => {
    const removed = plan('China and Russia sign gas deal\nThey signed it on May 3.\n', first.registry);
    expect(removed.registry.withdrawn.map((e) => e.url)).toEqual([first.urls[1]]);
    const back = plan(ORIGINAL, removed.registry);
    expect(back.urls).toEqual(first.urls);
    expect(back.registry.withdrawn).toEqual([]);
  });

  it('should never give a new story a URL the registry has handed out', () => {
    const removed = plan('China and Russia sign gas deal\nThey signed it on May 3.\n', first.registry);
    // A different story that happens to want the withdrawn URL, in another digest.
    const other = planPermalinks(datedStories([digest('China and Russia sign gas deal\nThey signed it on May 3.\n'), digest('Iran joins new payment system\nA different story on May 20.\n', '2024-05-b.txt')]), removed.registry);
    expect(other.urls[1]).not.toBe(first.urls[1]);
    expect(other.urls[1]).toMatch(/^\/stories\/2024\/05\/20\/iran-joins-new-payment-system-[0-9a-f]{6}\/$/);
  });

  it('should be deterministic', () => {
    expect(plan(ORIGINAL, first.registry)).toEqual(plan(ORIGINAL, first.registry));
  });
});

describe('similarity', () => {
  it.each([
    ['China and Russia sign gas deal', 'China and Russia sign gas deal', 1],
    ['China and Russia sign gas deal', 'Iran joins payment system', 0],
  ])('should score %j ~ %j as %d', (a, b, expected) => {
    expect(similarity(a, b)).toBe(expected);
  });
});

describe('parseRegistry', () => {
  it('should name the file and line of a broken registry', async () => {
    const { parseRegistry } = await import('../src/permalinks.ts');
    expect(() => parseRegistry('{\n "version": 1,\n "stories": [\n', 'seeds/permalinks.json')).toThrow(/^seeds\/permalinks\.json:\d+:1: error: Unexpected invalid JSON/);
    const foreign = JSON.stringify({ version: 1, stories: [], redirects: [{ from: '/stories/2024/05/a/', to: 'javascript:alert(1)' }], withdrawn: [] }, null, 1);
    expect(() => parseRegistry(foreign, 'seeds/permalinks.json')).toThrow(/Unexpected URL "javascript:alert\(1\)"/);
    expect(parseRegistry(undefined, 'x').stories).toEqual([]);
  });
});
