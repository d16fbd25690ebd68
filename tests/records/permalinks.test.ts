import { describe, expect, it } from 'vitest';
import { planPermalinks, similarity, type PermalinkRegistry } from '../../src/records/permalinks.ts';
import { datedStories } from '../helpers/records.ts';
import { parseText } from '../helpers/seeds.ts';

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
    const { parseRegistry } = await import('../../src/records/permalinks.ts');
    expect(() => parseRegistry('{\n "version": 1,\n "stories": [\n', 'seeds/permalinks.json')).toThrow(/^seeds\/permalinks\.json:\d+:1: error: Unexpected end of file \(invalid JSON\)/);
    const foreign = JSON.stringify({ version: 1, stories: [], redirects: [{ from: '/stories/2024/05/a/', to: 'javascript:alert(1)' }], withdrawn: [] }, null, 1);
    expect(() => parseRegistry(foreign, 'seeds/permalinks.json')).toThrow(/Unexpected URL "javascript:alert\(1\)"/);
    expect(parseRegistry(undefined, 'x').stories).toEqual([]);
    // Thousands of nested lists overflowed the positioned parser's stack (a bare RangeError); a string of brackets is no nesting.
    const deep = `{"version":1,\n"stories":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(() => parseRegistry(deep, 'seeds/permalinks.json')).toThrow(/^seeds\/permalinks\.json:2:\d+: error: Unexpected lists or objects nested deeper than 32 levels/);
    expect(parseRegistry(`{"version":1,"stories":[],"redirects":[],"withdrawn":[],"note":"${'['.repeat(100)}"}`, 'x').stories).toEqual([]);
  });
});

describe('parseRegistry: a registry must describe a site that can be built', () => {
  const entry = (url: string, position = 1) => ({ url, digest: '2024-05', position, headline: `Headline ${position}`, date: '2024-05' });
  const A = '/stories/2024/05/a/';
  const B = '/stories/2024/05/b/';
  const C = '/stories/2024/05/c/';
  /** The registry as the build writes it (one field a line), so that lines are known. */
  const text = (registry: Record<string, unknown>) => `${JSON.stringify({ version: 1, stories: [], redirects: [], withdrawn: [], ...registry }, null, 1)}\n`;
  const lineOf = (source: string, needle: string, nth = 1): number => {
    let at = -1;
    for (let i = 0; i < nth; i++) at = source.indexOf(needle, at + 1);
    return source.slice(0, at).split('\n').length;
  };
  const parse = async (source: string) => (await import('../../src/records/permalinks.ts')).parseRegistry(source, 'seeds/permalinks.json');

  it('should name the line of the second story given one URL', async () => {
    const source = text({ stories: [entry(A, 1), entry(A, 2)] });
    // The entry's opening brace is the line before its `url`.
    await expect(parse(source)).rejects.toThrow(new RegExp(`^seeds/permalinks\\.json:${lineOf(source, `"url": "${A}"`, 2) - 1}:\\d+: error: Unexpected story URL /stories/2024/05/a/, already that of the story on line ${lineOf(source, `"url": "${A}"`) - 1}`));
  });

  it.each([
    ['a story that is also a redirect', { stories: [entry(A)], redirects: [{ from: A, to: B }, { from: B, to: A }] }, /Unexpected redirect URL \/stories\/2024\/05\/a\/, already that of the story/],
    ['a story that is also withdrawn', { stories: [entry(A)], withdrawn: [entry(A, 2)] }, /Unexpected withdrawn story URL \/stories\/2024\/05\/a\/, already that of the story/],
    ['a redirect cycle', { stories: [entry(C)], redirects: [{ from: A, to: B }, { from: B, to: A }] }, /Unexpected redirect cycle \/stories\/2024\/05\/a\/ → \/stories\/2024\/05\/b\/ → \/stories\/2024\/05\/a\//],
    ['a redirect to itself', { stories: [entry(C)], redirects: [{ from: A, to: A }] }, /Unexpected redirect cycle/],
    ['a redirect to nowhere', { stories: [entry(C)], redirects: [{ from: A, to: B }] }, /Unexpected redirect from \/stories\/2024\/05\/a\/ to \/stories\/2024\/05\/b\/, which nothing answers/],
    ['a digest redirect to nowhere', { stories: [entry(C)], digests: [{ from: 'old', to: 'gone' }] }, /Unexpected digest redirect from old to gone, which nothing answers/],
    ['a digest redirect cycle', { stories: [entry(C)], digests: [{ from: 'x', to: 'y' }, { from: 'y', to: 'x' }] }, /Unexpected digest redirect cycle x → y → x/],
    ['a redirect of a digest that has stories', { stories: [entry(C)], digests: [{ from: '2024-05', to: 'x' }] }, /Unexpected redirect of digest 2024-05, which has stories/],
    ['a position that is not a number', { stories: [{ ...entry(C), position: '1' }] }, /:7:\d+: error: Unexpected position/],
  ])('should refuse %s, naming the file and line', async (_, registry, message) => {
    await expect(parse(text(registry))).rejects.toThrow(/^seeds\/permalinks\.json:\d+:\d+: error: /);
    await expect(parse(text(registry))).rejects.toThrow(message);
  });

  it('should place invalid JSON at its line and column', async () => {
    await expect(parse('{\n "version": 1,\n "stories": [\n')).rejects.toThrow(/^seeds\/permalinks\.json:4:1: error: Unexpected end of file \(invalid JSON\), expected `]`/);
    await expect(parse('{\n "version": 1,\n  "stories": [] "x"\n}')).rejects.toThrow(/^seeds\/permalinks\.json:3:17: error: Unexpected `"x"` \(invalid JSON\), expected `,`/);
  });

  it('should refuse a key given twice in one object at its line, since JSON would keep only the last', async () => {
    const source = '{\n "version": 1,\n "stories": [],\n "redirects": [],\n "withdrawn": [],\n "stories": []\n}\n';
    await expect(parse(source)).rejects.toThrow(/^seeds\/permalinks\.json:6:2: error: Unexpected key "stories" a second time in one object \(first on line 3\)/);
    const entries = text({ stories: [entry(A)] }).replace('"position": 1,', '"position": 1,\n  "position": 2,');
    await expect(parse(entries)).rejects.toThrow(/Unexpected key "position" a second time in one object/);
    // The same key in two objects, or as a string value, is no duplicate.
    expect((await parse(text({ stories: [entry(A, 1), entry(B, 2)], note: '"stories": "stories"' }))).stories).toHaveLength(2);
  });

  it('should accept a chain that ends at a story or a withdrawn page, as the build writes them, and refuse one that ends nowhere', async () => {
    const W = '/stories/2024/05/w/';
    const registry = await parse(text({ stories: [entry(C)], withdrawn: [entry(W, 2)], redirects: [{ from: A, to: B }, { from: B, to: C }, { from: '/stories/2024/05/x/', to: W }] }));
    expect(registry.redirects).toHaveLength(3);
    await expect(parse(text({ stories: [entry(C)], redirects: [{ from: A, to: B }, { from: B, to: '/stories/2024/05/d/' }] }))).rejects.toThrow(/Unexpected redirect from \/stories\/2024\/05\/a\/ to \/stories\/2024\/05\/d\/, which nothing answers/);
  });
});

describe('planPermalinks: URLs survive a renamed seed', () => {
  // Two stories with one headline: the second URL has a suffix hashed from its digest id and position.
  const BODY = `${ORIGINAL}China and Russia sign gas deal\nA second deal, signed on May 3.\n`;
  const build = (...seeds: [string, string][]) => planPermalinks(datedStories(seeds.map(([name, body]) => digest(body, name))), registry);
  let registry: PermalinkRegistry | undefined;
  const first = planPermalinks(datedStories([digest(BODY, '2024-05.txt')]));

  it('should keep every URL, suffixed ones too, and redirect the old digest page', () => {
    registry = first.registry;
    const renamed = build(['may-2024.txt', BODY]);
    expect(renamed.urls).toEqual(first.urls);
    expect(first.urls.some((url) => /-[0-9a-f]{6}\/$/.test(url))).toBe(true);
    expect(renamed.registry.withdrawn).toEqual([]);
    expect(renamed.registry.redirects).toEqual([]);
    expect(renamed.registry.digests).toEqual([{ from: '2024-05', to: 'may-2024' }]);
    expect(renamed.registry.stories.every((entry) => entry.digest === 'may-2024')).toBe(true);
    // No `digests` field until a digest is renamed: registries written before stay byte for byte.
    expect(Object.keys(first.registry)).toEqual(['version', 'stories', 'redirects', 'withdrawn']);
  });

  it('should keep URLs when the renamed seed was also edited', () => {
    registry = first.registry;
    const edited = BODY.replace('Iran joins new payment system', 'Iran joins a new payment system');
    const renamed = build(['may-2024.txt', `Belarus hosts drills\nThe drills began on May 1.\n${edited}`]);
    expect(renamed.urls.filter((url) => first.urls.includes(url))).toHaveLength(first.urls.length);
    expect(renamed.registry.withdrawn).toEqual([]);
  });

  it('should keep the digest redirect in later builds, collapse chains and drop it when the old name returns', () => {
    registry = first.registry;
    registry = build(['may-2024.txt', BODY]).registry;
    const again = build(['may-2024.txt', BODY]);
    expect(again.registry.digests).toEqual([{ from: '2024-05', to: 'may-2024' }]);
    registry = again.registry;
    const twice = build(['2024-05-digest.txt', BODY]);
    expect(twice.urls).toEqual(first.urls);
    expect(twice.registry.digests).toEqual([{ from: '2024-05', to: '2024-05-digest' }, { from: 'may-2024', to: '2024-05-digest' }]);
    registry = twice.registry;
    const back = build(['2024-05.txt', BODY]);
    expect(back.urls).toEqual(first.urls);
    expect(back.registry.digests).toEqual([{ from: '2024-05-digest', to: '2024-05' }, { from: 'may-2024', to: '2024-05' }]);
  });

  it('should follow a seed split in two, and redirect the old digest to the part with most of it', () => {
    registry = first.registry;
    const [one, two] = [ORIGINAL, 'China and Russia sign gas deal\nA second deal, signed on May 3.\n'];
    const split = build(['2024-05-a.txt', one], ['2024-05-b.txt', two]);
    expect([...split.urls].sort()).toEqual([...first.urls].sort());
    expect(split.registry.withdrawn).toEqual([]);
    expect(split.registry.digests).toEqual([{ from: '2024-05', to: '2024-05-a' }]);
  });

  it('should not take a removed digest for renamed when a different one arrives in the same build', () => {
    const APRIL = 'Kim visits Moscow\nHe arrived on April 9.\nNorth Korea tests a missile\nOn April 30.\n';
    const before = planPermalinks(datedStories([digest(BODY, '2024-05.txt'), digest(APRIL, '2024-04.txt')]));
    registry = before.registry;
    const next = build(['may-2024.txt', BODY], ['2024-06.txt', 'Iran and Russia hold talks\nOn May 12.\nChina opens a port\nOn May 14.\n']);
    expect(next.registry.digests).toEqual([{ from: '2024-05', to: 'may-2024' }]);
    expect(next.registry.withdrawn.map((entry) => entry.digest)).toEqual(['2024-04', '2024-04']);
    expect(next.urls.filter((url) => before.urls.includes(url))).toHaveLength(3);
  });
});
