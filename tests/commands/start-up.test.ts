import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
