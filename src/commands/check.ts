/**
 * Seed validation without a build: `news-digest check` and the build's own
 * gate. Every seed goes through the cache, so an unchanged folder checks in a
 * moment and nothing heavier than the parser and tagger is loaded.
 */
import { countOf } from '../count.ts';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { hashOf } from '../hash.ts';
import { applyCorrections, CORRECTIONS_FILE, describeCorrection, parseCorrections, type Correction, type TagVocabulary } from '../records/corrections.ts';
import { readCorrectionsFile } from '../seeds/corrections-file.ts';
import { lemmaCacheOf } from '../engine/lemma-cache.ts';
import { loadSeeds, type LoadedSeeds } from '../engine/load.ts';
import { escapeControl, formatMessages, InvalidSeedsError } from '../errors.ts';
import { splitPair } from '../pairs.ts';
import { parseRegistry } from '../records/permalinks.ts';
import { readRegistryFile } from '../records/registry-file.ts';
import { plannedRecords } from '../records/plan.ts';
import { PERMALINKS_FILE } from '../seeds/folder.ts';
import { loadTaxonomy } from '../tag/taxonomy.ts';
import type { StoryRecord } from '../types.ts';
import { codeVersion, DEFAULT_CACHE } from '../engine/paths.ts';
import { PROJECT_ROOT } from '../project.ts';
import { createExplainer } from '../tag/tagger.ts';
import { loadTaggerData } from '../tag/data.ts';
import { EXPLANATION_LEGEND, formatExplanation } from './explain.ts';

/**
 * Throws `InvalidSeedsError` listing every problem when any seed has an error; returns the warnings.
 * `where` names the files in the summary when they are not the digests (`the corrections file`).
 */
export function assertValid(seeds: Pick<LoadedSeeds, 'files'>, where?: string): string[] {
  const report = formatMessages(seeds.files);
  if (report.errors > 0) {
    const bad = seeds.files.filter((f) => f.messages.some((m) => m.fatal)).length;
    const summary = `${countOf(report.errors, 'error')} in ${where ?? `${bad} of ${seeds.files.length} seed files`}; nothing was built, the previous site is unchanged`;
    throw new InvalidSeedsError([...report.lines, summary].join('\n'));
  }
  return report.lines;
}

export async function checkSeeds(seedsDir: string, log: (line: string) => void, dataDir = join(PROJECT_ROOT, 'data'), options: { readonly explain?: boolean } = {}): Promise<{ files: number; stories: number; warnings: number; corrections: number }> {
  const version = await codeVersion(dataDir);
  const seeds = await loadSeeds(seedsDir, { dataDir, cacheDir: join(DEFAULT_CACHE, 'seeds'), version: hashOf(version, 'tagger'), lemmas: lemmaCacheOf(DEFAULT_CACHE, version) });
  for (const notice of seeds.notices) log(notice);
  const warnings = assertValid(seeds);
  for (const warning of warnings) log(warning);
  // Corrections name stories by id, so they are checked against the records the build would make.
  const registryPath = join(seedsDir, PERMALINKS_FILE);
  const registry = parseRegistry((await readRegistryFile(registryPath, seedsDir)).text, registryPath);
  const { records, redirects } = plannedRecords(seeds, registry);
  const corrected = await correctRecords(records, seedsDir, redirects, () => loadTaxonomy(dataDir).vocabulary);
  for (const line of [...corrected.warnings, ...corrected.notes]) log(line);
  if (options.explain) {
    // The tagger runs again here, on the records' own text, to collect what the build does not keep.
    const explain = createExplainer(loadTaggerData(dataDir));
    log(EXPLANATION_LEGEND);
    corrected.records.forEach((record, index) => {
      for (const line of formatExplanation(record, explain(record), corrected.applied[index])) log(line);
    });
  }
  return { files: seeds.files.length, stories: seeds.stories.length, warnings: warnings.length + corrected.warnings.length, corrections: corrected.notes.length };
}

export interface CorrectedRecords {
  readonly records: StoryRecord[];
  /** Per record: the correction applied to it, if any. */
  readonly applied: readonly (Correction | undefined)[];
  /** Per record: what its correction adds to its key ('' when it has none). */
  readonly keys: readonly string[];
  /** Each applied correction, for `check` to list: `file:line:col: note: id: topics +x`. */
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Records after the editors' corrections in `seedsDir/corrections.yaml`:
 * the build's gate for that file, as `assertValid` is for the seeds (any
 * error throws `InvalidSeedsError` with every problem listed). `vocabulary`
 * is called only when the file exists.
 */
export async function correctRecords(
  records: StoryRecord[],
  seedsDir: string,
  redirects: readonly { readonly from: string; readonly to: string }[],
  vocabulary: () => TagVocabulary,
): Promise<CorrectedRecords> {
  const file = new VFile({ path: join(seedsDir, CORRECTIONS_FILE) });
  const text = await readCorrectionsFile(file);
  if (text === undefined && file.messages.length === 0) return { records, applied: [], keys: [], notes: [], warnings: [] };
  const known = vocabulary();
  const corrections = text === undefined ? [] : parseCorrections(text, file, known);
  const result = applyCorrections(records, corrections, file, { redirects, pairCountries: (pair) => splitPair(pair, [], known.countries) ?? [] });
  const warnings = assertValid({ files: [file] }, `the corrections file ${CORRECTIONS_FILE}`);
  const notes = result.records.flatMap((record, index) => {
    const correction = result.applied[index];
    return correction ? [escapeControl(`${file.path}:${correction.line}:${correction.column}: note: ${record.id}: ${describeCorrection(correction)}`)] : [];
  });
  const keys = result.applied.map((correction) => (correction ? ` corrected ${hashOf(JSON.stringify([correction.add, correction.remove]))}` : ''));
  return { records: result.records, applied: result.applied, keys, notes, warnings };
}
