import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTagger } from '../../src/tag/tagger.ts';
import { DigestError } from '../../src/errors.ts';
import { loadTaggerData, TaggerDataError } from '../../src/tag/data.ts';
import { codeVersion } from '../../src/engine/paths.ts';

const dirs: string[] = [];
/** A copy of `data/` in a temp folder, with `edit` applied to one file. */
function dataDir(file?: string, edit?: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tag-data-'));
  dirs.push(dir);
  cpSync('data', dir, { recursive: true });
  if (file && edit) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadTaggerData', () => {
  const data = loadTaggerData();

  it('should list every country of world-countries, with slug and name for labels', () => {
    expect(data.countries.length).toBe(250);
    const bySlug = new Map(data.countries.map((c) => [c.slug, c.name]));
    expect(bySlug.get('north-korea')).toBe('North Korea');
    expect(bySlug.get('united-states')).toBe('United States');
    expect(bySlug.get('turkey')).toBe('Türkiye');
    expect(new Set(bySlug.keys()).size).toBe(250);
  });

  it('should expose topics and organisations for the site', () => {
    expect(data.topics.map((t) => t.slug)).toEqual([
      'diplomacy', 'military', 'arms-transfers', 'sanctions', 'energy', 'trade', 'technology', 'space', 'nuclear', 'culture',
      'infrastructure', 'intelligence', 'politics',
    ]);
    for (const topic of data.topics) expect(topic.label && topic.description).toBeTruthy();
    expect(data.organizations.map((o) => o.slug)).toEqual(expect.arrayContaining(['nato', 'un', 'unsc', 'eu', 'sco', 'brics']));
  });

  it('should pick up an alias added in a data directory', () => {
    const dir = dataDir('aliases.yaml', (text) => text.replace('  ukraine: [', '  ukraine: [Bankova, '));
    const tag = createTagger(loadTaggerData(dir));
    expect(tag({ headline: 'Bankova rejects the plan', paragraphs: [] }).countries).toEqual(['ukraine']);
  });

  it('should pick up a topic added in a data directory', () => {
    const dir = dataDir('topics.yaml', (text) =>
      `${text}\n  - slug: health\n    label: Health\n    description: Epidemics and vaccines.\n    evidence:\n      vaccine*: 3\n`,
    );
    const tag = createTagger(loadTaggerData(dir));
    expect(tag({ headline: 'Russia ships vaccines to Iran', paragraphs: [] }).topics).toEqual(['health']);
  });

  // Each case: the edit, a marker on the line the error must point at, and the message.
  it.each<[string, string, (text: string) => string, string, RegExp]>([
    ['a country alias list that is not a list', 'aliases.yaml', (t) => t.replace('  ukraine: [', '  ukraine: x\n  old-ukraine: ['), 'ukraine: x', /Unexpected `x` at `countries\.ukraine`, expected a list of strings/],
    ['an alias for an unknown country', 'aliases.yaml', (t) => t.replace('  ukraine: [', '  narnia: [Aslan]\n  ukraine: ['), 'narnia: [Aslan]', /Unexpected unknown country slug `narnia`/],
    ['an organisation without a name', 'aliases.yaml', (t) => t.replace('nato: { name: NATO, ', 'nato: { '), 'nato: { ', /`organizations\.nato\.name`, expected a non-empty string/],
    ['a name shared by two organisations', 'aliases.yaml', (t) => t.replace('nato: { name: NATO, aliases: [', 'nato: { name: NATO, aliases: [ASEAN, '), 'asean: { name: ASEAN', /Unexpected `ASEAN` at `organizations\.asean\.aliases`, already an alias of/],
    ['an unknown adversary at war', 'aliases.yaml', (t) => t.replace('  ukraine: russia', '  ukraine: mordor'), 'ukraine: mordor', /Unexpected `mordor` at `at_war`, expected a country slug/],
    ['an adversary at war that is not a slug', 'aliases.yaml', (t) => t.replace('  ukraine: russia', '  ukraine: [russia]'), 'ukraine: [russia]', /Unexpected list at `at_war\.ukraine`, expected a non-empty string/],
    ['weapons of an unknown maker', 'aliases.yaml', (t) => t.replace('  india: [Pinaka', '  mordor: [Pinaka'), 'mordor: [Pinaka', /Unexpected `mordor` at `weapons`, expected a country slug/],
    ['a weapon named twice', 'aliases.yaml', (t) => t.replace('  india: [Pinaka', '  india: [Shahed, Pinaka'), 'india: [Shahed, Pinaka', /Unexpected `Shahed` at `weapons\.india`, already a name of `iran`/],
    ['a topic weight that is not a number', 'topics.yaml', (t) => t.replace('sanction*: 3', 'sanction*: lots'), 'sanction*: lots', /Unexpected `lots` at `topics\.sanctions\.evidence\.sanction\*`, expected a number/],
    ['a topic slug that is not a slug', 'topics.yaml', (t) => t.replace('slug: nuclear', 'slug: Nuclear Stuff'), 'slug: Nuclear Stuff', /`topics\[8\]\.slug`, expected a lowercase slug/],
    ['missing scoring', 'topics.yaml', (t) => t.replace('scoring:', 'scorin:'), 'scorin:', /Unexpected missing value at `scoring`, expected a mapping/],
    ['invalid YAML', 'topics.yaml', (t) => `${t}\n  - [unclosed`, '  - [unclosed', /Invalid YAML: /],
  ])('should throw one positioned error for %s', (_name, file, edit, marker, message) => {
    const dir = dataDir(file, edit);
    const text = readFileSync(join(dir, file), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1;
    expect(line).toBeGreaterThan(0);
    expect(() => loadTaggerData(dir)).toThrow(TaggerDataError);
    expect(() => loadTaggerData(dir)).toThrow(DigestError);
    expect(() => loadTaggerData(dir)).toThrow(message);
    expect(() => loadTaggerData(dir)).toThrow(new RegExp(`^${join(dir, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: error: `));
  });

  it('should name the missing file', () => {
    expect(() => loadTaggerData(join(tmpdir(), 'no-such-data-dir'))).toThrow(/aliases\.yaml:1:1: error: Cannot read the file \(no such file\)/);
  });
});

describe('codeVersion', () => {
  it('should change when a data file changes, so caches of old tags are not reused', async () => {
    const same = dataDir();
    const changed = dataDir('topics.yaml', (t) => `${t}\n# edited\n`);
    expect(await codeVersion(same)).toBe(await codeVersion(same));
    expect(await codeVersion(changed)).not.toBe(await codeVersion(same));
  });
});
