/**
 * Headline or paragraph, case by case: each folder of tests/fixtures/segment
 * holds a digest (`input.txt`) and what the parser must read from it
 * (`expected.json`: headlines, paragraph counts, messages). `UPDATE=1 npx
 * vitest run tests/seeds/segment.test.ts` rewrites the expected files from the
 * current parser: review their diff before committing.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLines, lineFeatures, ownScore } from '../../src/seeds/headlines.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { fixture, parsePath, parseText } from '../helpers/seeds.ts';

interface Expected {
  readonly headlines: readonly string[];
  readonly paragraphs: readonly number[];
  readonly messages: readonly string[];
}

const root = fixture('segment');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'input.txt'))).sort();

function read(name: string): Expected {
  const { digest, messages } = parseText(readFileSync(join(root, name, 'input.txt')), `${name}.txt`);
  return { headlines: digest?.stories.map((s) => s.headline) ?? [], paragraphs: digest?.stories.map((s) => s.paragraphs.length) ?? [], messages };
}

describe('segmentation fixtures', () => {
  it.each(cases)('should read %s as expected.json says', (name) => {
    const actual = read(name);
    const path = join(root, name, 'expected.json');
    if (process.env.UPDATE === '1') writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  });
});

describe('headline signals', () => {
  it('should count sentence stops inside a line, not initials, titles or months', () => {
    expect(lineFeatures('U.S. Treasury Secretary met Gen. Kim on Jan. 5 in St. Petersburg').internalStops).toBe(0);
    expect(lineFeatures('Talks ended in Harbin. Nothing was signed, officials said').internalStops).toBe(1);
    expect(lineFeatures('Ally or rival? Beijing weighs its ties with Moscow').internalQuestions).toBe(1);
  });

  it('should read the final character under closing quotes and brackets', () => {
    expect(lineFeatures('Kim tells visitors: “Who else stood by us?”').ending).toBe('question');
    expect(lineFeatures('Lavrov calls the talks “constructive”').ending).toBe('closing');
    expect(lineFeatures('China resumes pork imports (after a ban)').ending).toBe('closing');
    expect(lineFeatures('He said the talks were useful.').ending).toBe('stop');
    expect(lineFeatures('He said the talks were “useful.”').ending).toBe('quoted-stop');
    expect(lineFeatures('China warns the U.S.').ending).toBe('initialism');
    expect(lineFeatures('The talks were held at the U.N. in New York.').ending).toBe('stop');
  });

  it('should score a sentence with a full stop below the same words without one', () => {
    const words = 'Russia ships fuel to North Korea';
    expect(ownScore(lineFeatures(`${words}.`))).toBeLessThan(0);
    expect(ownScore(lineFeatures(words))).toBeGreaterThan(0);
  });

  const long = 'Officials in Kazan said the office would handle work permits for North Korean builders as well as trade, and that more staff would arrive in the spring.';
  it('should read the same question as a headline or a paragraph from its place', () => {
    const asked = (before: string) => classifyLines([
      { text: 'Russia and Iran open a rail link', afterBlank: true },
      { text: before, afterBlank: false },
      { text: 'Why Kazan?', afterBlank: false },
      { text: long, afterBlank: false },
    ])[2]!;
    // After a paragraph and before a longer one: a new story.
    expect(asked('The first train left Astara on May 2.')).toMatchObject({ headline: true, close: false });
    // Right after a headline: two headlines in a row are unlikely.
    expect(classifyLines([{ text: 'Russia and Iran open a rail link', afterBlank: true }, { text: 'Why Kazan?', afterBlank: false }, { text: long, afterBlank: false }])[1]!.score)
      .toBeLessThan(asked('The first train left Astara on May 2.').score);
  });

  it('should read blank lines as story breaks only where the lines after them read as headlines', () => {
    const question = 'Is the ban over for good?';
    const lines = (blankBeforeSecondHeadline: boolean) => classifyLines([
      { text: 'Russia lifts its ban on Chinese fishing boats', afterBlank: true },
      { text: 'Eleven Chinese trawlers will be licensed for the summer season, officials said on May 6.', afterBlank: false },
      { text: question, afterBlank: false },
      { text: long, afterBlank: false },
      { text: 'Tehran tells Moscow to settle its rail debts', afterBlank: blankBeforeSecondHeadline },
      { text: long, afterBlank: false },
      { text: 'China opens a consulate in Kazan', afterBlank: blankBeforeSecondHeadline },
      { text: long, afterBlank: false },
    ]);
    expect(lines(false)[2]).toMatchObject({ headline: true });
    expect(lines(true)[2]).toMatchObject({ headline: false, close: true });
    expect(lines(true).map((d) => d.headline)).toEqual([true, false, false, false, true, false, true, false]);
  });

  it('should take the first line of the body as a headline even when it asks a question', () => {
    const [first] = classifyLines([{ text: 'Is North Korea now Russia’s largest arms supplier?', afterBlank: true }, { text: long, afterBlank: false }]);
    expect(first).toMatchObject({ headline: true, close: false });
  });

  it('should read a long line without a final full stop as a paragraph', () => {
    const text = `${long.slice(0, -1)} and that the lease would run for ten years from the date of signing according to the regional government`;
    const [, line] = classifyLines([{ text: 'Russia and Iran open a rail link', afterBlank: true }, { text, afterBlank: false }]);
    expect(line?.headline).toBe(false);
  });
});

describe('segmentation warnings', () => {
  it('should build a digest whose first headline is a question, with no error', () => {
    const { digest, messages } = parseText('---\ndate: 2025-11\n---\nCan Russia pay Pyongyang in oil?\nRussia shipped more than a million barrels of fuel to North Korea this year, far above the UN cap, officials in Seoul said.\n');
    expect(messages).toEqual([]);
    expect(digest?.stories.map((s) => s.headline)).toEqual(['Can Russia pay Pyongyang in oil?']);
  });

  it('should report a close call as a positioned warning, not an error', () => {
    const { digest, messages } = parsePath(join(root, 'close-calls', 'input.txt'));
    expect(digest).toBeDefined();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/^seeds\/input\.txt:\d+:1: warning: Line read as a (headline|paragraph) \(.+\); /);
  });
});

describe('segmentation warnings on the command line', () => {
  it('should print close calls as `file:line:col: warning:` from check and build, and exit 0', () => {
    const work = tempDir();
    const seeds = join(work, 'seeds');
    mkdirSync(seeds);
    copyFileSync(join(root, 'close-calls', 'input.txt'), join(seeds, '2026-03.txt'));
    copyFileSync(join(root, 'question-first', 'input.txt'), join(seeds, '2025-11.txt'));
    const check = runCli(['check', '--seeds', seeds]);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/2026-03\.txt:6:1: warning: Line read as a paragraph \(/);
    expect(check.stdout).toMatch(/2 seed files, 5 stories: no errors, 2 warnings/);
    const built = runCli(['build', '--seeds', seeds, '--out', join(work, 'site'), '--no-search']);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/2026-03\.txt:11:1: warning: Line read as a paragraph \(/);
  }, 60_000);
});
