/**
 * Killed and concurrent builds (issue #16), through the real CLI: a build
 * SIGKILLed at each stage leaves the previous or the new site whole, and the
 * next build removes its staging and completes the site; two builds at once
 * into one folder never publish a mixed site.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputKey } from '../../src/output/folder.ts';
import { DEFAULT_CACHE } from '../../src/engine/paths.ts';
import { tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

const HEADLINE = 'Iran and Russia sign a gas swap deal';
const EXTRA = `---\ndate: 2025-06\n---\n${HEADLINE}\nIran and Russia agreed on June 3 to swap gas through Azerbaijan.\n|\n`;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * The CLI building `seeds` into `out`; with `pauseAt`, sent `signal` once it says it paused there (and, for a signal
 * it may hold, SIGUSR2 to go on).
 */
function cli(seeds: string, out: string, pauseAt?: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'news-digest.js'), 'build', '--seeds', seeds, '--out', out, '--no-search'], {
      cwd: ROOT, env: { ...process.env, CI: 'true', ...(pauseAt ? { ND_TEST_PAUSE_AT: pauseAt } : {}) },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (pauseAt && stderr.includes(`paused at ${pauseAt}`) && !stderr.includes('news-digest: SIG')) {
        child.kill(signal);
        if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGUSR2'), 300);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/**
 * Which seeds the site in `out` was built from ('with' or 'without' the extra
 * digest), after checking that it is whole: stories.json is JSON, every story
 * in it has its page, the sitemap lists exactly those stories and the home
 * page agrees on the newest one.
 */
function siteState(out: string): 'with' | 'without' {
  const { stories } = JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8')) as { stories: { url: string; headline: string }[] };
  for (const story of stories) expect(existsSync(join(out, story.url, 'index.html')), story.url).toBe(true);
  const sitemap = [...readFileSync(join(out, 'sitemap.xml'), 'utf8').matchAll(/<loc>https:\/\/example\.org(\/stories\/\d{4}\/[^<]+)<\/loc>/g)].map((match) => match[1]);
  expect(sitemap.sort()).toEqual(stories.map((story) => story.url).sort());
  const withExtra = stories.some((story) => story.headline === HEADLINE);
  expect(readFileSync(join(out, 'index.html'), 'utf8').includes(HEADLINE)).toBe(withExtra);
  return withExtra ? 'with' : 'without';
}

/** Staging a build into `out` can leave: in the cache, or beside the folder. */
function stagingOf(out: string): string[] {
  const key = outputKey(out);
  const inCache = existsSync(join(DEFAULT_CACHE, 'staging')) ? readdirSync(join(DEFAULT_CACHE, 'staging')).filter((name) => name.startsWith(`${key}-`)) : [];
  return [...inCache, ...readdirSync(join(out, '..')).filter((name) => name.startsWith('.site.staging-'))];
}

function seedsPair(): { without: string; with: string } {
  const without = join(tempDir(), 'seeds');
  cpSync(join(ROOT, 'seeds'), without, { recursive: true });
  const withExtra = join(tempDir(), 'seeds');
  cpSync(without, withExtra, { recursive: true });
  writeFileSync(join(withExtra, '2025-06.txt'), EXTRA);
  return { without, with: withExtra };
}

describe('a build killed with SIGKILL', () => {
  it.each(['load', 'render', 'move', 'registry'])('at %s should leave a whole site, and the next build completes it', async (stage) => {
    const out = join(tempDir(), 'site');
    const seeds = seedsPair();
    const registry = join(seeds.with, 'permalinks.json');
    const registryBefore = readFileSync(registry, 'utf8');
    const first = await cli(seeds.without, out);
    expect(first.code, first.stderr).toBe(0);
    const killed = await cli(seeds.with, out, stage);
    expect(killed.signal).toBe('SIGKILL');
    expect(siteState(out)).toBe(stage === 'registry' ? 'with' : 'without');
    expect(readFileSync(registry, 'utf8')).toBe(registryBefore);
    const next = await cli(seeds.with, out);
    expect(next.stderr).not.toMatch(/internal error/);
    expect(next.code, next.stderr).toBe(0);
    expect(siteState(out)).toBe('with');
    expect(stagingOf(out)).toEqual([]);
    const after = JSON.parse(readFileSync(registry, 'utf8')) as { stories: { headline: string }[] };
    expect(after.stories.map((entry) => entry.headline)).toContain(HEADLINE);
  });
});

describe('a build stopped with Ctrl-C (SIGINT) or SIGTERM', () => {
  it.each([['render', 'SIGINT'], ['move', 'SIGTERM'], ['registry', 'SIGINT']] as const)('at %s with %s should stop with the signal and leave a whole site, registered once it moved', async (stage, signal) => {
    const out = join(tempDir(), 'site');
    const seeds = seedsPair();
    const registry = join(seeds.with, 'permalinks.json');
    const registryBefore = readFileSync(registry, 'utf8');
    expect((await cli(seeds.without, out)).code).toBe(0);
    const stopped = await cli(seeds.with, out, stage, signal);
    expect(stopped.signal).toBe(signal);
    // Before the move the build stops at once; once files move, it finishes the move and the registry, then stops.
    const moved = stage === 'registry';
    expect(stopped.stderr.includes(`${signal} while the site is being updated`)).toBe(moved);
    expect(siteState(out)).toBe(moved ? 'with' : 'without');
    const after = JSON.parse(readFileSync(registry, 'utf8')) as { stories: { headline: string }[] };
    if (moved) expect(after.stories.map((entry) => entry.headline)).toContain(HEADLINE);
    else expect(readFileSync(registry, 'utf8')).toBe(registryBefore);
  });
});

describe('two builds at once into one folder', () => {
  it('should make the second build wait while the first holds the folder', async () => {
    const out = join(tempDir(), 'site');
    const seeds = seedsPair();
    const first = spawn(process.execPath, [join(ROOT, 'bin', 'news-digest.js'), 'build', '--seeds', seeds.with, '--out', out, '--no-search'], {
      cwd: ROOT, env: { ...process.env, CI: 'true', ND_TEST_PAUSE_AT: 'move' },
    });
    const firstDone = new Promise<number | null>((resolve) => first.on('close', resolve));
    await new Promise<void>((resolve) => {
      let text = '';
      first.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('paused at move')) resolve();
      });
    });
    let secondDone = false;
    const second = cli(seeds.without, out).then((run) => {
      secondDone = true;
      return run;
    });
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(secondDone).toBe(false);
    expect(existsSync(join(out, 'stories.json'))).toBe(false);
    first.kill('SIGUSR2');
    expect(await firstDone).toBe(0);
    const secondRun = await second;
    expect(secondRun.code, secondRun.stderr).toBe(0);
    expect(siteState(out)).toBe('without');
  });

  it('should never publish a mixed site, round after round', async () => {
    const out = join(tempDir(), 'site');
    const seeds = seedsPair();
    expect((await cli(seeds.without, out)).code).toBe(0);
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([cli(seeds.with, out), cli(seeds.without, out)]);
      expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
      siteState(out);
      expect(stagingOf(out)).toEqual([]);
    }
  });
});
