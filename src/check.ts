/**
 * Seed validation without a build: `news-digest check` and the build's own
 * gate. Every seed goes through the cache, so an unchanged folder checks in a
 * moment and nothing heavier than the parser and tagger is loaded.
 */
import { join } from 'node:path';
import { hashOf } from './cache.ts';
import { loadSeeds, type LoadedSeeds } from './load.ts';
import { formatMessages, InvalidSeedsError } from './messages.ts';
import { codeVersion, DEFAULT_CACHE, PROJECT_ROOT } from './paths.ts';

/** Throws `InvalidSeedsError` listing every problem when any seed has an error; returns the warnings. */
export function assertValid(seeds: Pick<LoadedSeeds, 'files'>): string[] {
  const report = formatMessages(seeds.files);
  if (report.errors > 0) {
    const bad = seeds.files.filter((f) => f.messages.some((m) => m.fatal)).length;
    const summary = `${report.errors} ${report.errors === 1 ? 'error' : 'errors'} in ${bad} of ${seeds.files.length} seed files; nothing was built, the previous site is unchanged`;
    throw new InvalidSeedsError([...report.lines, summary].join('\n'));
  }
  return report.lines;
}

export async function checkSeeds(seedsDir: string, log: (line: string) => void, dataDir = join(PROJECT_ROOT, 'data')): Promise<{ files: number; stories: number; warnings: number }> {
  const version = await codeVersion(dataDir);
  const seeds = await loadSeeds(seedsDir, { dataDir, cacheDir: join(DEFAULT_CACHE, 'seeds'), version: hashOf(version, 'tagger') });
  for (const notice of seeds.notices) log(notice);
  const warnings = assertValid(seeds);
  for (const warning of warnings) log(warning);
  return { files: seeds.files.length, stories: seeds.stories.length, warnings: warnings.length };
}
