import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../../src/tag/tagger.ts';
import { loadTaggerData, TaggerDataError } from '../../src/tag/data.ts';
import { lazyTagger, loadTaxonomy } from '../../src/tag/taxonomy.ts';
import { loadTaxonomyCached } from '../../src/engine/taxonomy-cache.ts';
import { ROOT } from '../helpers/seeds.ts';

const STORY = { headline: 'China and Russia sign a gas deal', paragraphs: ['Iran and NATO were not part of the sanctions talks in Beijing.'] };

describe('loadTaxonomyCached', () => {
  it('should give the same labels and tags as loading the data, and read them back without the data files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nd-data-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'nd-taxonomy-'));
    const direct = loadTaxonomy(dataDir);
    const first = await loadTaxonomyCached(dataDir, { dir, version: 'v1' });
    rmSync(join(dataDir, 'aliases.yaml'));
    const second = await loadTaxonomyCached(dataDir, { dir, version: 'v1' });
    for (const taxonomy of [first, second]) {
      expect(taxonomy.tagger(STORY)).toEqual(direct.tagger(STORY));
      for (const slug of ['china', 'russia', 'unknown-place']) expect(taxonomy.labels.country(slug)).toBe(direct.labels.country(slug));
      for (const slug of ['energy', 'sanctions']) {
        expect(taxonomy.labels.topic(slug)).toBe(direct.labels.topic(slug));
        expect(taxonomy.labels.topicDescription?.(slug)).toBe(direct.labels.topicDescription?.(slug));
      }
    }
    // Another version reads the data files again, and leaves only its own entry.
    await expect(loadTaxonomyCached(dataDir, { dir, version: 'v2' })).rejects.toThrow(TaggerDataError);
    cpSync(join(ROOT, 'data', 'aliases.yaml'), join(dataDir, 'aliases.yaml'));
    await loadTaxonomyCached(dataDir, { dir, version: 'v2' });
    expect(readdirSync(dir)).toEqual(['v2.v8']);
  });
});

describe('lazyTagger', () => {
  it('should tag exactly like the compiled tagger', () => {
    const data = loadTaggerData(join(ROOT, 'data'));
    expect(lazyTagger(data)(STORY)).toEqual(createTagger(data)(STORY));
    expect(lazyTagger(data)(STORY).countries).toEqual(expect.arrayContaining(['china', 'russia']));
  });
});
