/**
 * The time a social card takes: 200 different story cards (headlines from the
 * seeds, varied), rendered one after another, each timed from its text to its
 * PNG bytes; prints the median and the 90th percentile of wall time, and the
 * CPU time per card of the whole run. `npx tsx scripts/bench-cards.ts [N] [--parallel K]`.
 */
import { renderCard } from '../src/cards/render.ts';
import type { CardSpec } from '../src/site/card-types.ts';

const args = process.argv.slice(2);
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 200);
const parallelAt = args.indexOf('--parallel');
const parallel = parallelAt >= 0 ? Number(args[parallelAt + 1]) : 1;

const subjects = ['President Xi visits Russia for Victory Day', 'Russia provides North Korea with air defense equipment', 'Iran and Russia sign a comprehensive strategic partnership treaty', 'China and Iran hold joint naval drills in the Gulf of Oman', 'North Korean troops deployed to the Kursk region'];
const specs: CardSpec[] = Array.from({ length: count }, (_, index) => ({
  titleStyle: 'story',
  eyebrow: ['China–Russia', 'Iran–Russia', 'North Korea–Russia', 'China–Iran'][index % 4]!,
  title: `${subjects[index % subjects.length]!}${index % 3 === 0 ? ', as officials in both capitals describe the talks as the most productive in a decade' : ''} (${index})`,
  details: [`${(index % 28) + 1} May 2025 · Diplomacy, Military`],
  footer: 'News Digest',
  host: 'example.org',
}));

await renderCard(specs[0]!); // fonts opened, code warmed
const times: number[] = [];
const cpu = process.cpuUsage();
const started = performance.now();
let next = 0;
await Promise.all(Array.from({ length: parallel }, async () => {
  while (next < specs.length) {
    const spec = specs[next++]!;
    const start = performance.now();
    await renderCard(spec);
    times.push(performance.now() - start);
  }
}));
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
times.sort((a, b) => a - b);
const at = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`${count} cards, ${parallel} at a time: median ${at(0.5)} ms, p90 ${at(0.9)} ms a card; ${(wall / count).toFixed(1)} ms of wall time and ${((used.user + used.system) / 1000 / count).toFixed(1)} ms of CPU a card over the run`);
