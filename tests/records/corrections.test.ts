import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.ts';
import { applyCorrections, correctTags, describeCorrection, MAX_CORRECTIONS_BYTES, parseCorrections, type TagVocabulary } from '../../src/records/corrections.ts';
import { formatMessages } from '../../src/errors.ts';
import type { StoryRecord, StoryTags } from '../../src/types.ts';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const vocabulary: TagVocabulary = {
  countries: new Set(['china', 'russia', 'north-korea', 'south-korea', 'iran', 'georgia', 'ukraine', 'united-states']),
  topics: new Set(['diplomacy', 'military', 'arms-transfers', 'sanctions', 'energy', 'nuclear']),
};
const pairCountries = (pair: string): string[] => {
  for (const a of vocabulary.countries) if (pair.startsWith(`${a}-`) && vocabulary.countries.has(pair.slice(a.length + 1))) return [a, pair.slice(a.length + 1)];
  return [];
};

function parse(text: string): { corrections: ReturnType<typeof parseCorrections>; messages: string[] } {
  const file = new VFile({ path: 'seeds/corrections.yaml' });
  const corrections = parseCorrections(text, file, vocabulary);
  return { corrections, messages: formatMessages([file]).lines };
}

describe('parseCorrections', () => {
  it('should read add and remove lists of countries, pairs and topics by story id', () => {
    const { corrections, messages } = parse([
      '2024-05-12-a-story:',
      '  add: { topics: [sanctions], pairs: [china-russia] }',
      '  remove:',
      '    countries: [georgia]',
    ].join('\n'));
    expect(messages).toEqual([]);
    expect(corrections).toEqual([{
      id: '2024-05-12-a-story', line: 1, column: 1,
      add: { countries: [], pairs: ['china-russia'], topics: ['sanctions'] },
      remove: { countries: ['georgia'], pairs: [], topics: [] },
    }]);
  });

  it('should report every unknown slug, bad key and bad id at its own line and column', () => {
    const { messages } = parse([
      '2024-05-12-a-story:',
      '  add: { topics: [sanction] }',
      '  remove: { countries: [atlantis], pairs: [russia-china] }',
      '2024-05-b:',
      '  chnage: { topics: [energy] }',
      '"../etc/passwd":',
      '  add: { topics: [energy] }',
      '2024-05-c:',
      '  add: { pairs: [china-china, narnia-russia] }',
    ].join('\n'));
    expect(messages).toEqual([
      expect.stringMatching(/^seeds\/corrections\.yaml:2:19: error: Unexpected topic `sanction`, expected one of data\/topics\.yaml/),
      expect.stringMatching(/^seeds\/corrections\.yaml:3:25: error: Unexpected country `atlantis`/),
      expect.stringMatching(/^seeds\/corrections\.yaml:3:44: error: Unexpected pair `russia-china`, expected its countries in alphabetical order: `china-russia`/),
      expect.stringMatching(/^seeds\/corrections\.yaml:5:3: error: Unexpected key `chnage` in `2024-05-b`, expected `add` or `remove`/),
      expect.stringMatching(/^seeds\/corrections\.yaml:6:1: error: Unexpected story id `\.\.\/etc\/passwd`/),
      expect.stringMatching(/^seeds\/corrections\.yaml:9:18: error: Unexpected pair `china-china` of one country/),
      expect.stringMatching(/^seeds\/corrections\.yaml:9:31: error: Unexpected pair `narnia-russia`, expected two country slugs/),
    ]);
  });

  it('should report broken YAML, duplicate ids and a slug both added and removed as positioned errors', () => {
    expect(parse('2024-05-a:\n  add: { topics: [energy\n').messages[0]).toMatch(/^seeds\/corrections\.yaml:\d+:\d+: error: Unexpected YAML/);
    expect(parse('2024-05-a:\n  add: { topics: [energy] }\n2024-05-a:\n  add: { topics: [nuclear] }\n').messages[0]).toMatch(/^seeds\/corrections\.yaml:3:1: error: Unexpected YAML key `2024-05-a` a second time \(first on line 1\), expected unique keys/);
    expect(parse('2024-05-a:\n  add: { topics: [energy] }\n  add: { topics: [nuclear] }\n').messages[0]).toMatch(/^seeds\/corrections\.yaml:3:3: error: Unexpected YAML key `add` a second time \(first on line 2\)/);
    expect(parse('2024-05-a:\n  add: { topics: [energy] }\n  remove: { topics: [energy] }\n').messages).toEqual([
      expect.stringMatching(/^seeds\/corrections\.yaml:1:1: error: Unexpected `energy` both added and removed/),
    ]);
  });

  it('should read an empty file as no corrections and refuse a list at the top', () => {
    expect(parse('# nothing yet\n')).toEqual({ corrections: [], messages: [] });
    expect(parse('- 2024-05-a\n').messages[0]).toMatch(/:1:1: error: Unexpected value, expected a map of story ids/);
  });
});

describe('correctTags', () => {
  const tags: StoryTags = { countries: ['russia', 'georgia', 'china'], pairs: ['georgia-russia', 'china-russia'], topics: ['energy', 'diplomacy'], organizations: ['nato'] };
  const edit = (add: Partial<Record<'countries' | 'pairs' | 'topics', string[]>>, remove: Partial<Record<'countries' | 'pairs' | 'topics', string[]>> = {}) => ({
    add: { countries: [], pairs: [], topics: [], ...add }, remove: { countries: [], pairs: [], topics: [], ...remove },
  });

  it('should drop the pairs of a removed country with it', () => {
    expect(correctTags(tags, edit({}, { countries: ['georgia'] }), pairCountries)).toEqual({ ...tags, countries: ['russia', 'china'], pairs: ['china-russia'] });
  });

  it("should put the editor's additions first and add the countries of an added pair", () => {
    expect(correctTags(tags, edit({ pairs: ['north-korea-russia'], topics: ['sanctions'] }, { topics: ['energy'] }), pairCountries)).toEqual({
      countries: ['north-korea', 'russia', 'georgia', 'china'], pairs: ['north-korea-russia', 'georgia-russia', 'china-russia'], topics: ['sanctions', 'diplomacy'], organizations: ['nato'],
    });
  });

  it('should describe a correction in one line', () => {
    expect(describeCorrection(edit({ topics: ['sanctions'] }, { topics: ['energy'], countries: ['georgia'] }))).toBe('countries −georgia; topics +sanctions −energy');
  });
});

describe('applyCorrections', () => {
  const record = (id: string, topics: string[]): StoryRecord => ({ id, topics, countries: ['russia', 'china'], pairs: ['china-russia'], organizations: [] } as unknown as StoryRecord);
  const run = (text: string, records: StoryRecord[], redirects: { from: string; to: string }[] = []) => {
    const file = new VFile({ path: 'seeds/corrections.yaml' });
    const result = applyCorrections(records, parseCorrections(text, file, vocabulary), file, { redirects, pairCountries });
    return { ...result, messages: formatMessages([file]).lines };
  };

  it('should follow the registry from an old id to the story it moved to', () => {
    const result = run('2024-05-old-slug:\n  add: { topics: [sanctions] }\n', [record('2024-06-02-new-slug', ['energy'])], [{ from: '/stories/2024/05/old-slug/', to: '/stories/2024/06/02/new-slug/' }]);
    expect(result.messages).toEqual([]);
    expect(result.records[0]!.topics).toEqual(['sanctions', 'energy']);
    expect(result.applied[0]?.id).toBe('2024-05-old-slug');
  });

  it('should refuse an unknown id, a fourth topic and a second entry for one story, and warn of a correction that changes nothing', () => {
    const result = run([
      '2024-05-missing:', '  add: { topics: [energy] }',
      '2024-05-a:', '  add: { topics: [nuclear, military] }',
      '2024-05-b:', '  add: { topics: [energy] }',
    ].join('\n'), [record('2024-05-a', ['energy', 'diplomacy']), record('2024-05-b', ['energy'])]);
    expect(result.messages).toEqual([
      expect.stringMatching(/^seeds\/corrections\.yaml:1:1: error: Unexpected story id `2024-05-missing`/),
      expect.stringMatching(/^seeds\/corrections\.yaml:3:1: error: Unexpected 4 topics for `2024-05-a`.*expected at most 3/),
      expect.stringMatching(/^seeds\/corrections\.yaml:5:1: warning: Unexpected correction of `2024-05-b` that changes nothing/),
    ]);
    expect(result.records[0]!.topics).toEqual(['energy', 'diplomacy']);
  });
});

describe('corrections in a build', () => {
  const ID = '2025-05-29-russia-provides-north-korea-with-air-defense-equipment';
  const CORRECTION = `${ID}:\n  add: { topics: [nuclear] }\n  remove: { topics: [energy], countries: [china] }\n`;
  let seeds: string;
  beforeAll(() => {
    seeds = tempDir();
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
  });
  const storiesOf = (out: string): StoryRecord[] => (JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: StoryRecord[] }).stories;

  it('should show the corrected tags in stories.json, the CSV, the topic pages and the feeds', async () => {
    writeFileSync(join(seeds, 'corrections.yaml'), CORRECTION);
    const out = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: out, cacheDir: false, search: false });
    const story = storiesOf(out).find((s) => s.id === ID)!;
    expect(story.topics[0]).toBe('nuclear');
    expect(story.topics).not.toContain('energy');
    expect(story.countries).not.toContain('china');
    expect(readFileSync(join(out, 'topics', 'nuclear', 'index.html'), 'utf8')).toContain(story.url);
    expect(readFileSync(join(out, 'topics', 'energy', 'index.html'), 'utf8')).not.toContain(story.url);
    expect(readFileSync(join(out, 'stories.csv'), 'utf8').split('\n').find((line) => line.includes(ID))).toContain('nuclear');
    expect(readFileSync(join(out, 'topics', 'nuclear', 'feed.json'), 'utf8')).toContain(story.url);
  });

  it('should render an incremental rebuild after a new correction byte-identical to a fresh full build', async () => {
    writeFileSync(join(seeds, 'corrections.yaml'), '');
    const out = join(tempDir(), 'site');
    const cache = tempDir();
    await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    writeFileSync(join(seeds, 'corrections.yaml'), CORRECTION);
    const summary = await build({ seedsDir: seeds, outDir: out, cacheDir: cache, search: false });
    expect(summary.full).toBe(false);
    const fresh = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: fresh, cacheDir: false, incremental: false, search: false });
    expect(snapshotTree(out)).toEqual(snapshotTree(fresh));
  });

  it('should keep a correction attached when the headline wording is fixed', async () => {
    writeFileSync(join(seeds, 'corrections.yaml'), CORRECTION);
    const out = join(tempDir(), 'site');
    await build({ seedsDir: seeds, outDir: out, cacheDir: false, search: false }); // writes the permalink registry
    const seed = join(seeds, '2025-05.txt');
    writeFileSync(seed, readFileSync(seed, 'utf8').replace('Russia provides North Korea with air defense equipment', 'Russia supplies North Korea with air-defence equipment'));
    await build({ seedsDir: seeds, outDir: out, cacheDir: false, search: false });
    const story = storiesOf(out).find((s) => s.headline.startsWith('Russia supplies North Korea'))!;
    expect(story.id).toBe(ID);
    expect(story.topics[0]).toBe('nuclear');
  });

  it('should exit 1 naming the file and line of a bad correction and leave the previous site as it was', () => {
    const local = tempDir();
    cpSync(join(ROOT, 'seeds'), local, { recursive: true });
    const out = join(tempDir(), 'site');
    expect(runCli(['build', '--seeds', local, '--out', out, '--no-search']).code).toBe(0);
    const before = snapshotTree(out);
    writeFileSync(join(local, 'corrections.yaml'), `${ID}:\n  add: { topics: [nuclear, sanction] }\n`);
    const result = runCli(['build', '--seeds', local, '--out', out, '--no-search']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(local, 'corrections.yaml')}:2:28: error: Unexpected topic \`sanction\``);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('should refuse a corrections file that is a folder or over the size cap, naming it, before anything is built', async () => {
    const local = tempDir();
    cpSync(join(ROOT, 'seeds'), local, { recursive: true });
    const out = join(tempDir(), 'site');
    mkdirSync(join(local, 'corrections.yaml'));
    await expect(build({ seedsDir: local, outDir: out, cacheDir: false, search: false, cards: false })).rejects.toThrow(/corrections\.yaml:1:1: error: Unexpected special file or folder/);
    rmSync(join(local, 'corrections.yaml'), { recursive: true });
    writeFileSync(join(local, 'corrections.yaml'), `# ${'x'.repeat(MAX_CORRECTIONS_BYTES)}\n`);
    await expect(build({ seedsDir: local, outDir: out, cacheDir: false, search: false, cards: false })).rejects.toThrow(/corrections\.yaml:1:1: error: Unexpected corrections file of \d+ bytes, expected at most/);
    expect(existsSync(out)).toBe(false);
  });

  it('should list every correction in `news-digest check`', () => {
    const local = tempDir();
    cpSync(join(ROOT, 'seeds'), local, { recursive: true });
    writeFileSync(join(local, 'corrections.yaml'), CORRECTION);
    const result = runCli(['check', '--seeds', local], { CI: 'false' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`corrections.yaml:1:1: note: ${ID}: countries −china; topics +nuclear −energy`);
    expect(result.stdout).toMatch(/1 corrections?/);
  });
});
