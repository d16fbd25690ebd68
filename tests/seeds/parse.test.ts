import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, parsePath, parseText, ROOT } from '../helpers/seeds.ts';
import { decodeReferences } from '../../src/seeds/blocks.ts';
import { decodeQuotedPrintable, isQuotedPrintable } from '../../src/seeds/decode.ts';
import { storyFacts } from '../../src/records/records.ts';

const seed = (name: string) => parsePath(join(ROOT, 'seeds', name));

describe('parseSeed on the real digests', () => {
  it('should read the May 2024 digest as five stories with 3,1,1,1,1 paragraphs', () => {
    const { digest, messages } = seed('2024-05.txt');
    expect(messages).toEqual([]);
    expect(digest?.digest).toMatchObject({ id: '2024-05', title: 'May 2024 Digest', date: { year: 2024, month: 5 } });
    expect(digest?.stories.map((s) => s.headline)).toEqual([
      'Putin-Xi summit shows growing Beijing-Moscow ties, and their limitations',
      'Republicans on House Select Committee on the CCP call for investigation of Chinese support for Iran’s military',
      'Russia delivers fuel to North Korea in violation of UNSC resolutions',
      'South Korea believes Russia used North Korean artillery shells in Ukraine',
      'Russian technicians provide on-site assistance for North Korean satellite launch',
    ]);
    expect(digest?.stories.map((s) => s.paragraphs.length)).toEqual([3, 1, 1, 1, 1]);
    expect(digest?.stories.map((s) => s.line)).toEqual([5, 9, 11, 13, 15]);
  });

  it('should read the May 2025 digest as four stories with 3,1,1,1 paragraphs', () => {
    const { digest, messages } = seed('2025-05.txt');
    expect(messages).toEqual([]);
    expect(digest?.stories.map((s) => s.headline)).toEqual([
      'President Xi visits Russia for Victory Day',
      'Russia provides North Korea with air defense equipment',
      'Russia uses North Korean systems to intensify bombardment of Ukrainian cities',
      'China strives for cultural influence in North Korea',
    ]);
    expect(digest?.stories.map((s) => s.paragraphs.length)).toEqual([3, 1, 1, 1]);
  });

  it('should keep paragraph text verbatim, curly quotes and dashes included', () => {
    const story = seed('2024-05.txt').digest?.stories[0];
    expect(story?.paragraphs[1]).toContain('Russia’s arms production—primarily machine tools and electronics—since');
    expect(story?.html.startsWith('<p>Russian President Vladimir Putin’s mid-May visit')).toBe(true);
  });
});

describe('parseSeed input forms', () => {
  const cases: [string, string[], number[]][] = [
    ['2024-06-15-plain.txt', ['Iran and Russia sign a gas swap deal', 'China buys more Iranian oil'], [2, 1]],
    ['markdown.md', ['Russia and North Korea hold talks', 'China opens a consulate in Tehran'], [2, 1]],
    ['newsletter.txt', ['Russia and Iran expand rail link', 'North Korean troops seen in Russia\'s Far East'], [1, 2]],
    ['crlf-bom.txt', ['China and Russia hold naval drills'], [1]],
    ['blank-lines.txt', ['Kim Jong Un visits Vladivostok', 'China raises tariffs on Russian timber'], [2, 1]],
    ['no-end-marker.txt', ['Belarus joins new payment system'], [1]],
  ];
  it.each(cases)('should parse %s', (name, headlines, paragraphCounts) => {
    const { digest, messages } = parsePath(fixture('forms', name));
    expect(messages).toEqual([]);
    expect(digest?.stories.map((s) => s.headline)).toEqual(headlines);
    expect(digest?.stories.map((s) => s.paragraphs.length)).toEqual(paragraphCounts);
  });

  it('should date a digest from its file name, its front matter or its header block', () => {
    expect(parsePath(fixture('forms', '2024-06-15-plain.txt')).digest?.digest.date).toEqual({ year: 2024, month: 6, day: 15 });
    expect(parsePath(fixture('forms', 'crlf-bom.txt')).digest?.digest.date).toEqual({ year: 2024, month: 8, day: 31 });
    expect(parsePath(fixture('forms', 'newsletter.txt')).digest?.digest).toMatchObject({ date: { year: 2024, month: 10 }, title: 'Eurasia Monitor | October 2024' });
  });

  it('should strip every e-mail marker from headlines and text', () => {
    const json = JSON.stringify(parsePath(fixture('forms', 'newsletter.txt')).digest);
    for (const marker of ['**', '---', 'link removed', 'Highlights', 'monthly review']) expect(json).not.toContain(marker);
  });

  it('should carry the file line of every headline, past front matter and blank lines', () => {
    expect(parsePath(fixture('forms', 'blank-lines.txt')).digest?.stories.map((s) => s.line)).toEqual([5, 11]);
    expect(parsePath(fixture('forms', 'crlf-bom.txt')).digest?.stories.map((s) => s.line)).toEqual([4]);
  });

  it('should render Markdown emphasis and safe links, and leave scripts and javascript: links inert', () => {
    const story = parsePath(fixture('forms', 'markdown.md')).digest?.stories[0];
    expect(story?.headline).toBe('Russia and North Korea hold talks');
    expect(story?.html).toContain('<strong>Pyongyang</strong>');
    expect(story?.html).toContain('<a href="https://example.org/story">cooperation</a>');
    expect(story?.html).not.toMatch(/<script|javascript:/i);
    expect(story?.paragraphs[1]).toBe('Clicking this does nothing; <script>alert(1)</script> is text.');
  });

  it('should take a plain line bold from end to end as a headline, not a line with bold words inside', () => {
    const { digest } = parseText('---\ndate: 2025-10\n---\n**Russia and Iran sign a rail deal**\n\nMoscow will lend **1.3 billion euros**, officials said.\n**Not** a **headline** at all, though short\n__China buys more gas__\nImports rose in October.\n');
    expect(digest?.stories.map((s) => [s.headline, s.paragraphs])).toEqual([
      ['Russia and Iran sign a rail deal', ['Moscow will lend **1.3 billion euros**, officials said.', '**Not** a **headline** at all, though short']],
      ['China buys more gas', ['Imports rose in October.']],
    ]);
  });

  it('should read plain text literally: Markdown punctuation stays as typed', () => {
    const { digest } = parseText('---\ndate: 2024-05\n---\n# 1 priority *is* [not] a heading\n1. This _stays_ `as` typed <b>.\n|\n');
    // A `#` heading switches the file to Markdown; without it, text is literal:
    const plain = parseText('---\ndate: 2024-05\n---\n#1 priority *is* [not] markup\n1. This _stays_ `as` typed <b>.\n|\n').digest;
    expect(plain?.stories[0]?.headline).toBe('#1 priority *is* [not] markup');
    expect(plain?.stories[0]?.paragraphs[0]).toBe('1. This _stays_ `as` typed <b>.');
    expect(plain?.stories[0]?.html).toBe('<p>1. This _stays_ `as` typed &lt;b&gt;.</p>');
    expect(digest?.stories[0]?.headline).toBe('1 priority is [not] a heading');
  });
});

describe('parseSeed errors', () => {
  const cases: [string, RegExp][] = [
    ['no-date.txt', /no-date\.txt:1:1: error: Unexpected missing digest date, expected .*`date: YYYY-MM`/],
    ['js-front-matter.txt', /js-front-matter\.txt:1:1: error: Unexpected front matter language `js`, expected YAML/],
    ['broken-yaml.txt', /broken-yaml\.txt:3:1: error: Unexpected front matter YAML/],
    ['empty.txt', /empty\.txt:1:1: error: Unexpected empty file/],
    ['headline-only.txt', /headline-only\.txt:6:1: error: Unexpected headline without a paragraph/],
    ['impossible-date.txt', /impossible-date\.txt:2:1: error: Unexpected date `2025-02-30`/],
    ['steering-keys.txt', /steering-keys\.txt:3:1: error: Unexpected front matter key `permalink`/],
  ];
  it.each(cases)('should reject %s with a positioned message', (name, expected) => {
    const { digest, messages } = parsePath(fixture('errors', name));
    expect(digest).toBeUndefined();
    expect(messages.join('\n')).toMatch(expected);
  });

  it('should have a test case for every error fixture', () => {
    expect(readdirSync(fixture('errors')).sort()).toEqual(cases.map(([name]) => name).sort());
  });

  it('should never run a JavaScript front matter block', () => {
    parsePath(fixture('errors', 'js-front-matter.txt'));
    for (const fence of ['---javascript', '---JavaScript', '--- js', '---coffee']) {
      parseText(`${fence}\nglobalThis.__pwned = true\n---\nHeadline\nParagraph.\n`);
    }
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it('should list every problem in a file, not only the first', () => {
    const { messages } = parseText('---\ndate: 2024-05\n---\nParagraph first.\nHeadline one\nHeadline two\nParagraph.\nHeadline three\n|\n');
    expect(messages).toEqual([
      // A paragraph before the first headline is the introduction: left out, with a warning.
      expect.stringMatching(/:4:1: warning: Line 4 read as the issue's introduction, not a story/),
      // Two headline lines in a row, the second with a paragraph: a headline and its subtitle, not an error.
      expect.stringMatching(/:6:1: warning: Line read as the subtitle of the headline above/),
      expect.stringMatching(/:8:1: error: Unexpected headline without a paragraph/),
    ]);
  });
});

describe('character references in plain text', () => {
  it('should decode what remark decodes in Markdown, and leave an ampersand that starts none', () => {
    expect(decodeReferences('Russia &amp; China hold &quot;Joint Sea&quot; drills')).toBe('Russia & China hold "Joint Sea" drills');
    expect(decodeReferences('Iran&#8217;s oil, Kim&#x2019;s visit, 6&nbsp;ships')).toBe('Iran’s oil, Kim’s visit, 6\u00a0ships');
    expect(decodeReferences('AT&T; R&D; &unknownthing; & more')).toBe('AT&T; R&D; &unknownthing; & more');
    const { digest } = parseText('---\ndate: 2026-04\n---\nRussia &amp; China hold drills\nTwelve ships sailed on April 6&nbsp;&nbsp;from Vladivostok.\n');
    expect([digest?.stories[0]?.headline, digest?.stories[0]?.paragraphs[0], digest?.stories[0]?.html]).toEqual(['Russia & China hold drills', 'Twelve ships sailed on April 6 from Vladivostok.', '<p>Twelve ships sailed on April 6 from Vladivostok.</p>']);
  });
});

// A date on a line of its own under a headline, as pages and newsletters set it, dates the story
// and is no paragraph of it (furniture.ts DATELINE, records.ts storyFacts reads it first).
describe('datelines', () => {
  it('should take a date alone under a headline as the story’s date, not its first paragraph', () => {
    const { digest, messages } = parsePath(fixture('segment', 'datelines', 'input.txt'));
    expect(messages).toEqual([]);
    const [first, second] = digest!.stories;
    expect(first!.dateline).toBe('September 3, 2025');
    expect(first!.paragraphs[0]).toMatch(/^Xi Jinping hosted/);
    expect(second!.dateline).toBe('Sept. 2, 2025');
    expect(storyFacts(digest!.digest, second!).date).toEqual({ year: 2025, month: 9, day: 2 });
  });

  it('should take a date that leads a headline, set off by a dash, colon or brackets, as the story’s date and leave it out of the headline', () => {
    const { digest, messages } = parsePath(fixture('segment', 'dated-headlines', 'input.txt'));
    expect(messages).toEqual([]);
    const stories = digest!.stories;
    expect(stories.map((story) => story.dateline)).toEqual(['2 October', 'Oct. 9', '14 October', 'Wednesday, 22 October', undefined, 'Thu 23 Oct', 'October 24th']);
    expect(stories.map((story) => storyFacts(digest!.digest, story).date)).toEqual([
      { year: 2025, month: 10, day: 2 }, { year: 2025, month: 10, day: 9 }, { year: 2025, month: 10, day: 14 }, { year: 2025, month: 10, day: 22 },
      // A date run into the headline stays in it, and still dates the story, as before.
      { year: 2025, month: 5, day: 9 },
      // An abbreviated weekday, an ordinal after the month.
      { year: 2025, month: 10, day: 23 }, { year: 2025, month: 10, day: 24 },
    ]);
    expect(storyFacts(digest!.digest, stories[0]!).slug).toBe('xi-and-putin-open-a-new-bridge-over-the-amur');
    // Too few words left after the date: the date is the headline's own.
    expect(parseText('---\ndate: 2025-10\n---\nJune 4: a timeline\nThe crackdown is remembered each year.\n').digest!.stories[0]!.headline).toBe('June 4: a timeline');
  });

  it('should read no dateline in a date line that follows a paragraph', () => {
    const { digest } = parseText('---\ndate: 2025-09\n---\nRussia and China sign a pipeline memorandum\nGazprom said the memorandum set the route through Mongolia.\nSeptember 3, 2025\nThe two sides met again on September 3, 2025 in Beijing.\n');
    expect(digest!.stories.map((story) => story.dateline)).toEqual(digest!.stories.map(() => undefined));
    expect(digest!.stories[0]!.paragraphs[0]).toMatch(/^Gazprom said/);
  });
});

describe('HTML source pasted as plain text', () => {
  it('should read its elements as what they hold: headings as headlines, paragraphs without their tags, anything else as typed', () => {
    const { digest } = parsePath(fixture('segment', 'html-source', 'input.txt'));
    const [rail, jets] = digest!.stories;
    expect(rail!.paragraphs[0]).toBe('Passenger trains between Dandong and Pyongyang resumed on March 3 after a six-year pause, Chinese railway officials said. The first train carried about 200 passengers, mostly traders.');
    expect(jets!.headline).toBe('Russia delivers Su-35 fighters to Iran');
    expect(jets!.paragraphs[0]).toContain('Russia’s defence ministry');
    // A tag that is no element of the page stays text, escaped on every page like any other.
    expect(jets!.paragraphs[1]).toBe('Officials in Tehran wrote about the <script> tag in the ministry\'s page.');
  });

  it('should leave a single line of prose that happens to be wrapped in tags alone', () => {
    const { digest } = parseText('---\ndate: 2026-03\n---\nRussia and Iran sign a deal\n<p>The two sides signed it on March 3.</p>\n');
    expect(digest!.stories[0]!.paragraphs).toEqual(['<p>The two sides signed it on March 3.</p>']);
  });
});

describe('an e-mail source saved in quoted-printable', () => {
  it('should decode escaped bytes and join soft-broken lines, keeping every line number', () => {
    const text = 'Iran=E2=80=99s bank opens=20\nin Moscow on April 23, the first=\n since 2012.\nLast line\n';
    expect(isQuotedPrintable(text)).toBe(true);
    const decoded = decodeQuotedPrintable(text);
    expect(decoded).toBe('Iran’s bank opens \nin Moscow on April 23, the first since 2012.\n\nLast line\n');
    expect(decoded.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('should leave prose with equals signs alone (E=mc2, x = y, a lone =20)', () => {
    for (const text of ['Einstein wrote E=mc2.\nA line.\n', 'Set x = y.\nThen y =\n', 'A price of =20 pounds.\n', 'one=\ntwo=\nthree=\n'])
      expect(isQuotedPrintable(text)).toBe(false);
  });

  it('should name a later line right in a message after decoding', () => {
    const { digest } = parsePath(fixture('segment', 'quoted-printable-body', 'input.txt'));
    const lines = readFileSync(fixture('segment', 'quoted-printable-body', 'input.txt'), 'utf8').split('\n');
    for (const story of digest!.stories) expect(lines[story.line - 1]).toContain(story.headline.slice(0, 10));
    expect(digest!.stories.map((story) => story.line)).toEqual([4, 8, 12]);
  });
});
