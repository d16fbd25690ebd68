import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { parseSeed } from '../src/seeds/parse.ts';
import { storyFacts } from '../src/records/records.ts';
import { loadTaxonomy } from '../src/tag/taxonomy.ts';
import { compactDigest as compactResult0 } from "../src/engine/analyse.ts"; const compactResult = (r: any) => compactResult0(r.digest);
const dir = process.argv[2]!;
const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).slice(0, Number(process.argv[3] ?? 1000));
const bytes = names.map((n) => readFileSync(join(dir, n)));
const t0 = performance.now();
const { tagger } = loadTaxonomy(join(process.cwd(), 'data'));
const t = { parse: 0, facts: 0, tag: 0, compact: 0, taxonomy: performance.now() - t0 };
for (let i = 0; i < names.length; i++) {
  let a = performance.now();
  const digest = parseSeed(new VFile({ path: join(dir, names[i]!), value: bytes[i] }), names[i]!)!;
  let b = performance.now(); t.parse += b - a; a = b;
  const facts = digest.stories.map((s) => storyFacts(digest.digest, s));
  b = performance.now(); t.facts += b - a; a = b;
  const tags = digest.stories.map((s) => tagger(s));
  b = performance.now(); t.tag += b - a; a = b;
  compactResult({ messages: [], digest, facts, tags });
  b = performance.now(); t.compact += b - a;
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])));
