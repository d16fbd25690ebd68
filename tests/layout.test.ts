/**
 * The floor plan holds: data flows one way (seeds → records → tags → site data → pages →
 * output), the stages never import the engine, commands or card renderer above them, and
 * no module imports a module that imports it back. Read from the sources' own imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/seeds.ts';

const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file (static, dynamic and type-only), as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(SRC, resolve(dirname(file), specifier)));
}

const graph = new Map(sources(SRC).map((file) => [relative(SRC, file), importsOf(file)]));
const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path);

describe('the floor plan', () => {
  it('should keep every stage below the engine, the commands and the card renderer', () => {
    const stages = ['seeds', 'records', 'tag', 'site', 'render', 'output', 'settings'];
    const above = new Set(['engine', 'commands', 'cards', 'cli.ts']);
    const climbs = [...graph].flatMap(([file, imports]) => (stages.includes(folderOf(file)) ? imports.filter((target) => above.has(folderOf(target))).map((target) => `${file} -> ${target}`) : []));
    expect(climbs).toEqual([]);
  });

  it('should have no import circle between folders or files', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (folderOf(target) === folderOf(file)) continue;
        if (!folders.has(folderOf(file))) folders.set(folderOf(file), new Set());
        folders.get(folderOf(file))!.add(folderOf(target));
      }
    }
    const circles: string[] = [];
    const visit = (edges: ReadonlyMap<string, ReadonlySet<string> | readonly string[]>, node: string, path: string[]): void => {
      if (path.includes(node)) {
        circles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
        return;
      }
      if (path.length > 40) return;
      for (const next of edges.get(node) ?? []) visit(edges, next, [...path, node]);
    };
    for (const folder of folders.keys()) visit(folders, folder, []);
    for (const file of graph.keys()) visit(graph, file, []);
    expect(circles).toEqual([]);
  });

  it('should build every site URL in one module, src/site/urls.ts', () => {
    const path = /['"`]\/(pairs|topics|countries|timeline|digests|search|relations|about|stories\.|pairs\.json|sitemap|robots|feed\.xml|feed\.json|404\.html)\b/;
    const found = [...graph.keys()].filter((file) => file.startsWith('site/') && file !== 'site/urls.ts').flatMap((file) =>
      readFileSync(join(SRC, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.replace(/\/\/.*$/, ''), at: `${file}:${index + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\*)/.test(line) && path.test(line))
        .map(({ at }) => at),
    );
    expect(found).toEqual([]);
  });
});

