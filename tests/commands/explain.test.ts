import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExplainer, createTagger } from '../../src/tag/tagger.ts';
import { loadTaggerData } from '../../src/tag/data.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

describe('why a tag', () => {
  const data = loadTaggerData();

  it('should explain exactly the tags the tagger gives, with the words that named each country', () => {
    const story = {
      headline: 'Georgia governor courts Chinese battery maker',
      paragraphs: ['The governor of Georgia met executives in Atlanta on Monday to discuss a plant near Savannah, as Beijing presses its firms to invest abroad.'],
    };
    const why = createExplainer(data)(story);
    expect(why.tags).toEqual(createTagger(data)(story));
    const china = why.countries.find((c) => c.slug === 'china');
    expect(china?.named).toEqual(expect.arrayContaining(['Chinese', 'Beijing']));
    expect(why.countries.map((c) => c.slug)).not.toContain('georgia');
    for (const topic of why.tags.topics) expect(why.topics.map((t) => t.slug)).toContain(topic);
  });

  it('should name the rule that gave the primary pair, or why there is none', () => {
    const explain = createExplainer(data);
    const rule = (headline: string, lead: string) => explain({ headline, paragraphs: [lead] }).pairRule;
    expect(rule('Russia and Iran sign a rail deal', 'Russian and Iranian officials met in Tehran on May 3 to sign it.')).toBe('headline');
    expect(rule('Russia ships more grain to Egypt', 'Egyptian buyers took two million tonnes of Russian wheat in April.')).toBe('salience');
    expect(rule('EU lists Chinese firms in its new sanctions package', 'The firms supplied drone engines to Russian arms makers, the Commission said on May 2.')).toBe('watched-goods');
    expect(rule('North Korean missiles hit Kharkiv, Ukrainian officials say', 'Russian forces fired the missiles from Belgorod overnight, the officials said.')).toBe('at-war');
    expect(rule('North Korea fires two ballistic missiles into the sea', 'They fell outside its exclusive economic zone, Japan’s defence ministry said on May 8.')).toBe('own-test');
    expect(rule('Doha brokers a swap of detained sailors', 'Qatar said Iran and the United States had each freed five sailors, with Iranian and American officials meeting in Doha.')).toBe('mediated');
    expect(rule('Kazakhstan opens a new parliament session', 'Deputies in Astana elected a speaker on March 1.')).toBe('none');
  });

  it('should print every story with its countries, pairs, topics and any correction from `check --explain`', () => {
    const seeds = tempDir();
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    const id = '2025-05-29-russia-provides-north-korea-with-air-defense-equipment';
    writeFileSync(join(seeds, 'corrections.yaml'), `${id}:\n  add: { topics: [nuclear] }\n`);
    const result = runCli(['check', '--seeds', seeds, '--explain']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.endsWith(`: ${id}`));
    expect(lines[at]).toMatch(/^2025-05\.txt:\d+: /);
    expect(lines[at + 1]).toMatch(/^ {2}countries: russia [\d.]+ \(.*Russia.*\); north-korea [\d.]+ \(.*North Korea/);
    expect(lines[at + 2]).toBe('  pairs: north-korea-russia (primary first: the two most salient countries)');
    expect(lines[at + 3]).toMatch(/^ {2}topics: arms-transfers p [\d.]+ ≥ [\d.]+, phrases [\d.]+: given/);
    expect(lines[at + 4]).toMatch(/^ {2}corrected: topics \+nuclear → .*topics nuclear, arms-transfers/);
    expect(lines.filter((line) => /^\S+\.txt:\d+: /.test(line))).toHaveLength(9);
  });
});
