import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

/** The npm packages (CommonJS, as Node's loader caches them) that importing a module loads. */
function packagesLoadedBy(module: string): string[] {
  const code = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    await import(${JSON.stringify(module)});
    const names = Object.keys(require.cache).map((path) => path.split('node_modules/').at(-1).split('/').slice(0, 2));
    console.log(JSON.stringify([...new Set(names.map(([scope, name]) => (scope.startsWith('@') ? scope + '/' + name : scope)))]));
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as string[];
}

describe('start-up of the build command', () => {
  it('should load no card renderer, seed parser, dater or transliterator until a card or a seed needs one', () => {
    const loaded = packagesLoadedBy('./src/commands/build.ts');
    for (const heavy of ['@resvg/resvg-js', 'fontkit', 'transliteration', 'gray-matter', 'chrono-node', 'micromark', '@11ty/eleventy']) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });
});

describe('lemmas kept from one build for the next', () => {
  it('should remember only plain words with one-token lemmas from a kept file', async () => {
    const { knownLemmas, rememberLemmas } = await import('../../src/tag/lemmas.ts');
    rememberLemmas([['sanctioned', 'sanction'], ['two words', 'two'], ['evaded', 'evade here'], [42, 'x'], ['Capital', 'capital']]);
    expect(knownLemmas().get('sanctioned')).toBe('sanction');
    for (const word of ['two words', 'evaded', 'Capital']) expect(knownLemmas().has(word)).toBe(false);
  });

  it('should tag an edited seed again without loading WordNet when it holds no new word', () => {
    const dir = tempDir('lemmas-');
    const seeds = join(dir, 'seeds');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    const build = () => {
      const code = `
        import { createRequire } from 'node:module';
        const { build } = await import('./src/commands/build.ts');
        await build({ seedsDir: ${JSON.stringify(seeds)}, outDir: ${JSON.stringify(join(dir, 'site'))}, cacheDir: ${JSON.stringify(join(dir, 'cache'))}, search: false, cards: false, log: () => {} });
        const require = createRequire(import.meta.url);
        console.log(JSON.stringify(Object.keys(require.cache).some((path) => path.includes('/wink-lemmatizer/'))));
      `;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as boolean;
    };
    expect(build()).toBe(true); // the first build lemmatises every word
    appendFileSync(join(seeds, '2025-05.txt'), '\n');
    expect(build()).toBe(false);
    // A word no build has met needs WordNet again (a paragraph added to the first story: the seed ends with `|`).
    const path = join(seeds, '2025-05.txt');
    const lines = readFileSync(path, 'utf8').split('\n');
    const first = lines.findIndex((line, i) => i > 0 && lines[i - 1]!.startsWith('title:')) + 3;
    writeFileSync(path, [...lines.slice(0, first), 'Quizzical negotiators haggled over marmalade.', ...lines.slice(first)].join('\n'));
    expect(build()).toBe(true);
  });
});
