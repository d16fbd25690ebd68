/**
 * `npx tsx scripts/split.ts FILE…`: give every labelled story without a `split:` one, once,
 * written into the file: `test` for about a quarter of the stories, chosen by the sha256 of
 * the headline (so the choice depends on nothing but the story, and adding a story moves no
 * other), `train` for the rest. A story that already has a split keeps it: the split is fixed
 * before any training and never redrawn, so the test figures stay honest.
 */

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isMap, isSeq, parseDocument } from 'yaml';

/** A quarter of the 32-bit hash space. */
const TEST_SHARE = 0.25;

export function splitOf(headline: string): 'train' | 'test' {
  return createHash('sha256').update(headline).digest().readUInt32BE(0) < TEST_SHARE * 2 ** 32 ? 'test' : 'train';
}

/** The file's text with `split:` added where missing; comments and layout kept. */
export function assignSplits(text: string): string {
  const doc = parseDocument(text);
  const stories = doc.get('stories');
  if (!isSeq(stories)) throw new Error('Expected a `stories:` list');
  for (const item of stories.items) {
    if (!isMap(item) || item.has('split')) continue;
    item.set('split', splitOf(String(item.get('headline'))));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function main(files: string[]): void {
  for (const file of files) {
    const next = assignSplits(readFileSync(file, 'utf8'));
    writeFileSync(file, next);
    const test = (next.match(/^\s+split: test$/gm) ?? []).length;
    const train = (next.match(/^\s+split: train$/gm) ?? []).length;
    console.log(`${file}: ${train} train, ${test} test`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
