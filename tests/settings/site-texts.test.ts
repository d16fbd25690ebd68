/** The site's words from data/site.yaml: the navigation (`nav`), the tag indexes' introductions (`intros`), the search facets' labels (`facets`), checked with positioned errors. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FACET_LABELS, DEFAULT_INTROS, DEFAULT_NAV, loadSiteSettings } from '../../src/settings/site.ts';
import { buildSiteData } from '../../src/site/plan.ts';
import { ROOT } from '../helpers/seeds.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `data/` whose site.yaml's `key` is `lines` (YAML lines), or has none when `lines` is null. */
function withKey(key: string, lines: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-texts-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  const text = readFileSync(join(dir, 'site.yaml'), 'utf8').replace(new RegExp(`^${key}:\\n(?: {2}.*\\n)*`, 'm'), '');
  writeFileSync(join(dir, 'site.yaml'), lines === null ? text : `${text}${key}:\n${lines}`);
  return dir;
}
const withNav = (lines: string | null): string => withKey('nav', lines);

describe('nav in site.yaml', () => {
  it('should give the navigation its labels and order, and leave out a section not listed', async () => {
    const settings = await loadSiteSettings(withNav('  timeline: Chronologie\n  home: "Accueil & <b>"\n'), {});
    const nav = buildSiteData([], settings).site.nav;
    expect(nav).toEqual([
      { label: 'Chronologie', url: '/timeline/', section: 'timeline' },
      { label: 'Accueil & <b>', url: '/', section: 'home' },
    ]);
  });

  it('should use the default navigation without a `nav`, the same as the shipped site.yaml', async () => {
    expect((await loadSiteSettings(withNav(null), {})).nav).toEqual(DEFAULT_NAV);
    expect((await loadSiteSettings(join(ROOT, 'data'), {})).nav).toEqual(DEFAULT_NAV);
  });

  it('should name the line of an unknown section and of an empty label', async () => {
    const typo = withNav('  home: Home\n  timelines: Timeline\n');
    const line = readFileSync(join(typo, 'site.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('  timelines:')) + 1;
    await expect(loadSiteSettings(typo, {})).rejects.toThrow(new RegExp(`site\\.yaml:${line}:\\d+: error: Unexpected nav section \`timelines\`, expected one of home, timeline, pairs`));
    await expect(loadSiteSettings(withNav('  home: ""\n'), {})).rejects.toThrow(/site\.yaml:\d+:\d+: error: Unexpected label of nav section `home`, expected a line of text/);
    await expect(loadSiteSettings(withNav('  - home\n'), {})).rejects.toThrow(/site\.yaml:\d+:\d+: error: Unexpected `nav` list, expected a mapping of section to label/);
  });
});

describe('intros and facets in site.yaml', () => {
  it('should put the editors\' introductions on the tag index pages and their labels on the search facets, keeping the defaults of the rest', async () => {
    const settings = await loadSiteSettings(withKey('intros', '  topics: "Topics & <themes>"\n'), {});
    const data = buildSiteData([], { ...settings, facetLabels: (await loadSiteSettings(withKey('facets', '  year: Année\n'), {})).facetLabels! });
    const topics = data.pages.topicsIndex[0]!;
    expect(topics.intro).toBe('Topics & <themes>');
    expect(topics.meta.description).toBe('Topics & <themes>');
    expect(data.pages.pairsIndex[0]!.intro).toBe(DEFAULT_INTROS.pairs);
    expect(data.pages.search[0]!.facets).toEqual([
      { key: 'pair', label: DEFAULT_FACET_LABELS.pair }, { key: 'country', label: 'Country' }, { key: 'topic', label: 'Topic' },
      { key: 'digest', label: 'Digest' }, { key: 'year', label: 'Année' },
    ]);
  });

  it('should name the line of an unknown key and of an empty text', async () => {
    const typo = withKey('facets', '  years: Years\n');
    const line = readFileSync(join(typo, 'site.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('  years: Years')) + 1;
    await expect(loadSiteSettings(typo, {})).rejects.toThrow(new RegExp(`site\\.yaml:${line}:\\d+: error: Unexpected facets key \`years\`, expected one of pair, country, topic, digest, year`));
    await expect(loadSiteSettings(withKey('intros', '  countries: " "\n'), {})).rejects.toThrow(/site\.yaml:\d+:\d+: error: Unexpected `intros\.countries`, expected a line of text/);
    await expect(loadSiteSettings(withKey('intros', '  - pairs\n'), {})).rejects.toThrow(/site\.yaml:\d+:\d+: error: Unexpected `intros` list, expected a mapping/);
  });
});
