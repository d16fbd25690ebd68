/**
 * How long permalink matching takes on large registries (not a test: timings
 * depend on the machine). `npx tsx scripts/bench-permalinks.ts [stories [case]]`.
 *
 * Cases: a no-change rebuild of 40 digests (the registry of the same stories),
 * every headline reworded (the similar-text passes), the same in one digest
 * of 23,000 stories, and every seed renamed (matching across digests).
 * Each case runs once to warm up, then three times; the best time is shown.
 * `npx tsx scripts/bench-permalinks.ts 40000 'no change'` runs only the cases so named.
 */
import { planPermalinks, type PermalinkRegistry } from '../src/records/permalinks.ts';
import { compareDated, storyFacts, type DatedStory } from '../src/records/records.ts';
import type { ParsedDigest } from '../src/types.ts';

const total = Number(process.argv[2] ?? 40_000);
/** Only the cases whose label has this text (all when absent). */
const only = process.argv[3] ?? '';
const WORDS = 'china russia iran korea north south gas oil deal sanctions summit trade navy drills talks envoy border pipeline bank payment visit minister grain arms satellite nuclear'.split(' ');

/** Deterministic pseudo-random headlines, so runs compare. */
function* random(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state;
  }
}

function digests(count: number, perDigest: number, name: (index: number) => string, reword = false): DatedStory[] {
  const numbers = random(7);
  const next = (): number => numbers.next().value as number;
  const parsed: ParsedDigest[] = [];
  for (let d = 0; d < count; d++) {
    const stories = Array.from({ length: perDigest }, (_, index) => {
      const words = Array.from({ length: 6 + (next() % 5) }, () => WORDS[next() % WORDS.length]!);
      const headline = `${words.join(' ')} ${d}-${index}${reword ? ' again' : ''}`;
      return { position: index + 1, headline, paragraphs: [], html: '', line: index + 1 };
    });
    parsed.push({ digest: { id: name(d), file: `seeds/${name(d)}.txt`, title: name(d), date: { year: 2024, month: 1 + (d % 12) } }, stories });
  }
  return parsed.flatMap(({ digest, stories }) => stories.map((story) => ({ digest, story, ...storyFacts(digest, story) }))).sort(compareDated);
}

function time(label: string, stories: DatedStory[], registry: PermalinkRegistry): PermalinkRegistry {
  if (!label.includes(only) && !label.includes('first build')) return planPermalinks(stories, registry).registry;
  // The best of three runs: the machine's other work only ever adds time.
  // CPU time as well as wall time: on a shared machine the wall clock waits for other processes.
  let ms = Infinity;
  let cpu = Infinity;
  let plan = planPermalinks(stories, registry);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    plan = planPermalinks(stories, registry);
    const spent = process.cpuUsage(usage);
    ms = Math.min(ms, performance.now() - started);
    cpu = Math.min(cpu, (spent.user + spent.system) / 1000);
  }
  const kept = new Set(registry.stories.map((entry) => entry.url));
  const same = plan.urls.filter((url) => kept.has(url)).length;
  console.log(`${label}: ${stories.length} stories, ${registry.stories.length + registry.withdrawn.length} entries: ${ms.toFixed(0)} ms (${cpu.toFixed(0)} ms CPU), ${same} URLs kept, ${plan.registry.withdrawn.length} withdrawn, ${plan.registry.digests?.length ?? 0} digest redirects`);
  return plan.registry;
}

const perDigest = Math.ceil(total / 40);
const base = digests(40, perDigest, (d) => `digest-${d}`);
const registry = time('first build', base, { version: 1, stories: [], redirects: [], withdrawn: [] });
time('no change', base, registry);
time('every headline reworded', digests(40, perDigest, (d) => `digest-${d}`, true), registry);
time('every seed renamed', digests(40, perDigest, (d) => `renamed-${d}`), registry);
const big = digests(1, 23_000, () => 'big');
const bigRegistry = time('one 23,000-story digest, first build', big, { version: 1, stories: [], redirects: [], withdrawn: [] });
time('one 23,000-story digest, no change', big, bigRegistry);
time('one 23,000-story digest, every headline reworded', digests(1, 23_000, () => 'big', true), bigRegistry);
