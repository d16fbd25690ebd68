/**
 * `npm run train`: fit the topic model on the train split of eval/*.yaml with data/topics.yaml
 * as its prior, calibrate its thresholds by cross-validation on that split, and write
 * data/topic-model.json. Reproducible: the same files give the same bytes (tests hold it).
 * `--check` writes nothing and exits 1 if the file differs from a fresh training.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTaggerData, MODEL_FILE } from '../src/tag/data.ts';
import { DEFAULT_TRAIN_OPTIONS, serialiseModel, train, type TrainResult } from '../src/tag/train.ts';
import { loadWordVectors } from './embeddings.ts';
import { loadCorpus } from './eval.ts';

/** Train from the files on disk: the train split only, never the test split. */
export function trainFromFiles(evalDir = 'eval', dataDir = 'data'): TrainResult & { text: string; stories: number } {
  const data = { ...loadTaggerData(dataDir), topicModel: undefined };
  const stories = loadCorpus(evalDir, dataDir).filter((s) => s.split === 'train');
  const options = DEFAULT_TRAIN_OPTIONS;
  const vectors = options.embedWords > 0 ? loadWordVectors(options.embedWords) : undefined;
  const result = train(stories, data, options, data.topicScoring.max, vectors);
  return { ...result, text: serialiseModel(result.model), stories: stories.length };
}

function main(argv: string[]): void {
  const started = performance.now();
  const result = trainFromFiles();
  const file = join('data', MODEL_FILE);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`train: ${result.stories} train stories, ${result.model.topics.length} topics, ${Object.keys(result.model.features).length} features, ${seconds} s`);
  console.log(`  cross-validated topic micro-F1 on train: ${(result.calibration.microF1 * 100).toFixed(1)}%`);
  console.log(`  thresholds: ${result.model.topics.map((t, i) => `${t} ${result.model.thresholds[i]}`).join(', ')}; fallback ${result.model.fallback}`);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: differs
    }
    if (current !== result.text) {
      console.error(`${file} differs from a fresh training: run \`npm run train\` and commit it`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(file, result.text);
  console.log(`  wrote ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
