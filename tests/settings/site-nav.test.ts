/** The site navigation comes from `nav` in data/site.yaml: its labels and order, checked with positioned errors. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NAV, loadSiteSettings } from '../../src/settings/site.ts';
import { buildSiteData } from '../../src/site/plan.ts';
import { ROOT } from '../helpers/seeds.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `data/` whose site.yaml's `nav` is `nav` (YAML lines), or has none when `nav` is null. */
function withNav(nav: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-nav-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  const text = readFileSync(join(dir, 'site.yaml'), 'utf8').replace(/^nav:\n(?: {2}.*\n)*/m, '');
  writeFileSync(join(dir, 'site.yaml'), nav === null ? text : `${text}nav:\n${nav}`);
  return dir;
}

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
