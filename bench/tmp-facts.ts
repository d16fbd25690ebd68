import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { parseSeed } from '../src/seeds/parse.ts';
import { findStoryDate } from '../src/records/dates.ts';
import { slugify } from '../src/records/slug.ts';
const dir = process.argv[2]!;
const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).slice(0, 1000);
const digests = names.map((n) => parseSeed(new VFile({ path: join(dir, n), value: readFileSync(join(dir, n)) }), n)!);
for (const round of [1, 2]) {
  let a = performance.now(); let hits = 0;
  for (const d of digests) for (const s of d.stories) { if (findStoryDate(s.headline, d.digest.date) ?? (s.paragraphs[0] && findStoryDate(s.paragraphs[0], d.digest.date))) hits++; }
  const dates = performance.now() - a; a = performance.now();
  for (const d of digests) for (const s of d.stories) slugify(s.headline);
  console.log(round, { dates: Math.round(dates), hits, slug: Math.round(performance.now() - a) });
}
