/**
 * Places-only evaluation: primary-pair accuracy, country recall and trap countries tagged
 * (a story's `absent:` list) over labelled YAML files. Topics are scripts/eval.ts's business.
 * Run: `npx tsx scripts/eval-places.ts [FILE[:N] ...]` (`:N` reads only the first N stories;
 * default eval/stories.yaml). `--misses` lists each story that went wrong.
 */

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createTagger } from '../src/tag/tagger.ts';
import { loadTaggerData } from '../src/tag/data.ts';

interface Labelled {
  headline: string;
  paragraphs: string[];
  pair: string | string[] | null;
  countries?: string[];
  absent?: string[];
}

// The labelling guide writes the Republic of the Congo as `congo`; world-countries' slug is longer.
const SLUG: Record<string, string> = { congo: 'republic-of-the-congo' };
const norm = (slug: string): string => SLUG[slug] ?? slug;

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const showMisses = process.argv.includes('--misses');
const data = loadTaggerData();
const tag = createTagger(data);
const known = new Set(data.countries.map((c) => c.slug).concat(Object.keys(SLUG)));
/** `congo-russia` → `republic-of-the-congo-russia`: split where both halves are slugs. */
function normPair(pair: string): string {
  const parts = pair.split('-');
  for (let i = 1; i < parts.length; i++) {
    const a = parts.slice(0, i).join('-');
    const b = parts.slice(i).join('-');
    if (known.has(a) && known.has(b)) return [norm(a), norm(b)].sort().join('-');
  }
  return pair;
}
for (const arg of args.length ? args : ['eval/stories.yaml']) {
  const [file, limit] = arg.split(':') as [string, string | undefined];
  const doc = parse(readFileSync(file, 'utf8')) as { stories: Labelled[] };
  const stories = doc.stories.slice(0, limit ? Number(limit) : undefined);
  let pairHits = 0;
  let wanted = 0;
  let found = 0;
  let traps = 0;
  const misses: string[] = [];
  for (const story of stories) {
    const tags = tag(story);
    const primary = tags.pairs[0] ?? null;
    const ok = story.pair === null ? primary === null : primary !== null && [story.pair].flat().map(normPair).includes(primary);
    const problems: string[] = [];
    if (ok) pairHits++;
    else problems.push(`pair ${primary} ≠ ${JSON.stringify(story.pair)}`);
    for (const c of (story.countries ?? []).map(norm)) {
      wanted++;
      if (tags.countries.includes(c)) found++;
      else problems.push(`missing ${c}`);
    }
    for (const c of (story.absent ?? []).map(norm)) {
      if (tags.countries.includes(c)) {
        traps++;
        problems.push(`trap ${c} tagged`);
      }
    }
    if (problems.length) misses.push(`  - ${story.headline}\n      ${problems.join('; ')}  [${tags.countries.join(', ')}]`);
  }
  const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  console.log(`${arg}: ${stories.length} stories; pair ${pct(pairHits, stories.length)}; country recall ${pct(found, wanted)}; traps tagged ${traps}`);
  if (showMisses) console.log(misses.join('\n'));
}
