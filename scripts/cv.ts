/**
 * `npx tsx scripts/cv.ts [--set seed=7,l2=0.003] [--nested] [--misses]`: cross-validated topic figures on the train
 * split only (the same folds and calibration as `npm run train`, no final fit): micro-F1 and
 * per-topic precision/recall/F1 of the out-of-fold decisions. The tuning guide for the topic
 * model; it never reads the test split. `--nested` adds the nested figure (cuts chosen without
 * the fold they are counted on; see `nestedMicroF1`), the one to compare changes of the decision by.
 */

import { pathToFileURL } from 'node:url';
import { loadTaggerData } from '../src/tag/data.ts';
import { decideTopics } from '../src/tag/model.ts';
import { crossValidate, DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../src/tag/train.ts';
import type { TopicModelData } from '../src/tag/types.ts';
import { loadWordVectors } from './embeddings.ts';
import { loadCorpus } from './eval.ts';

export function crossValidateFiles(options: Partial<TrainOptions> = {}, evalDir = 'eval', dataDir = 'data', nested = false) {
  const data = { ...loadTaggerData(dataDir), topicModel: undefined };
  const stories = loadCorpus(evalDir, dataDir).filter((s) => s.split === 'train');
  const merged = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const vectors = merged.embedWords > 0 ? loadWordVectors(merged.embedWords) : undefined;
  const result = crossValidate(stories, data, merged, data.topicScoring.max, nested, vectors);
  const decision = { topics: result.topics, thresholds: result.thresholds, fallback: result.fallback } as unknown as TopicModelData;
  const rows = result.topics.map((topic) => ({ topic, given: 0, wanted: 0, hits: 0 }));
  const misses: string[] = [];
  stories.forEach((story, i) => {
    const given = decideTopics(decision, result.outOfFold[i] as Float64Array, data.topicScoring.max).map((t) => result.topics[t] as string);
    for (const t of given) (rows.find((r) => r.topic === t) as (typeof rows)[number]).given++;
    for (const t of story.topics) {
      const row = rows.find((r) => r.topic === t);
      if (!row) continue;
      row.wanted++;
      if (given.includes(t)) row.hits++;
    }
    if (given.join() !== story.topics.join() && (given.length !== story.topics.length || !given.every((t) => story.topics.includes(t)))) {
      misses.push(`${story.headline}\n      [${given.join(', ')}] ≠ [${story.topics.join(', ')}]`);
    }
  });
  return { stories: stories.length, microF1: result.microF1, nestedMicroF1: result.nestedMicroF1, thresholds: result.thresholds, fallback: result.fallback, rows, misses };
}

function main(argv: string[]): void {
  // `--set key=value,…` overrides numeric training options (`--set l2=0.003,epochs=30`).
  const at = argv.indexOf('--set');
  const options: Record<string, number> = {};
  if (at >= 0) for (const kv of (argv[at + 1] ?? '').split(',')) options[kv.split('=')[0] as string] = Number(kv.split('=')[1]);
  const r = crossValidateFiles(options as Partial<TrainOptions>, 'eval', 'data', argv.includes('--nested'));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`cv: ${r.stories} train stories, out-of-fold topic micro-F1 ${pct(r.microF1)}${r.nestedMicroF1 === undefined ? '' : `, nested ${(r.nestedMicroF1 * 100).toFixed(2)}%`} (fallback ${r.fallback})`);
  console.log('  topic            given wanted hits  precision recall  F1     cut');
  r.rows.forEach((t, i) => {
    const p = t.given ? t.hits / t.given : 1;
    const rec = t.wanted ? t.hits / t.wanted : 1;
    const f = p + rec ? (2 * p * rec) / (p + rec) : 0;
    console.log(`  ${t.topic.padEnd(16)} ${String(t.given).padStart(5)} ${String(t.wanted).padStart(6)} ${String(t.hits).padStart(4)}  ${pct(p).padStart(9)} ${pct(rec).padStart(6)} ${pct(f).padStart(6)}  ${r.thresholds[i]}`);
  });
  if (argv.includes('--misses')) for (const m of r.misses) console.log(`  - ${m}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
