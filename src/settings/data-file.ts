/**
 * The project's YAML data files (`data/site.yaml`, `data/topics.yaml`,
 * `data/aliases.yaml`) as positioned input: every problem in one is a
 * `DataFileError` printed as `file:line:col: error: …`, the shape seed
 * messages have, so that an editor's typo never reads as a bug.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { DigestError } from '../errors.ts';
import { duplicateKeys } from '../yaml-keys.ts';

/** A problem in a data file: the editor's to fix, printed without a stack. */
export class DataFileError extends DigestError {}

export interface DataFile {
  readonly path: string;
  /**
   * Where the value at `key` is (`topics[3].evidence.sanction*`), or the
   * deepest mapping or list on the way to it when the key is missing.
   */
  at(key: string): { line: number; column: number };
}

/** Data files are a few kilobytes; a larger one is a mistake (or a link to a device). */
export const MAX_DATA_FILE = 1_000_000;

/** `file:line:col: error: reason`: one line, positioned, as seed messages are. */
export function dataError(file: DataFile, key: string, reason: string): DataFileError {
  const { line, column } = file.at(key);
  return new DataFileError(`${file.path}:${line}:${column}: error: ${reason}`);
}

/**
 * Read and parse one data file. A missing, unreadable or oversized file and
 * broken YAML are `DataFileError`s naming the file (and the line) and what to do.
 */
export function readDataFile(path: string, options: { readonly schema?: 'core' | 'yaml-1.1' } = {}): { file: DataFile; value: unknown } {
  let text: string;
  try {
    // A regular file of a sane size only: a link to /dev/zero or a FIFO must not hang the build.
    const info = statSync(path);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    if (info.size > MAX_DATA_FILE) throw Object.assign(new Error('too large'), { code: `${info.size} bytes, over ${MAX_DATA_FILE}` });
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code === 'EACCES' ? 'permission denied' : code;
    throw new DataFileError(`${path}:1:1: error: Cannot read the file (${what}), expected one of the project's data files: restore it from the repository (\`git checkout -- data/\`) or create it`, { cause: error });
  }
  const lines = new LineCounter();
  const place = (offset: number): { line: number; column: number } => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  const doc = parseDocument(text, { lineCounter: lines, schema: options.schema ?? 'core', uniqueKeys: false, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new DataFileError(`${path}:${at.line}:${at.col}: error: Invalid YAML: ${reason}; fix the file and build again`);
  }
  const twice = duplicateKeys(doc)[0];
  if (twice) {
    const { line, column } = place(twice.node.range?.[0] ?? 0);
    throw new DataFileError(`${path}:${line}:${column}: error: Invalid YAML: key \`${twice.key}\` a second time (first on line ${place(twice.first.range?.[0] ?? 0).line}), expected unique keys; fix the file and build again`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new DataFileError(`${path}:1:1: error: Invalid YAML: ${(error as Error).message}; fix the file and build again`, { cause: error });
  }
  const file: DataFile = {
    path,
    at: (key) => {
      const node = locate(doc.contents, key);
      return place(node?.range?.[0] ?? 0);
    },
  };
  return { file, value };
}

/**
 * The node at a key path written as messages write it (`a.b[2].c`), walking
 * as far as the document goes. Keys may hold dots (`U.S. sanction*`), so at
 * each mapping the longest key that the rest of the path starts with wins.
 */
function locate(root: unknown, key: string): Node | undefined {
  let node = root as Node | undefined;
  let rest = key === '(top level)' ? '' : key;
  while (rest !== '' && node) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    const index = /^\[(\d+)\]/.exec(rest);
    if (index && isSeq(node)) {
      const item = node.items[Number(index[1])] as Node | undefined;
      if (!item) return node;
      node = item;
      rest = rest.slice(index[0].length);
      continue;
    }
    if (isSeq(node)) {
      // `topics.sanctions.evidence`: a list item named by its `slug`.
      const named = node.items.find((item) => {
        const slug = isMap(item) ? String((item.get('slug', true) as { value?: unknown } | undefined)?.value ?? '') : '';
        return slug !== '' && (rest === slug || rest.startsWith(`${slug}.`) || rest.startsWith(`${slug}[`));
      }) as Node | undefined;
      if (!named) return node;
      rest = rest.slice(String(((named as unknown as { get(k: string, keep: true): { value?: unknown } }).get('slug', true)).value).length);
      node = named;
      continue;
    }
    if (!isMap(node)) return node;
    let best: { key: string; value: Node | undefined; keyNode: Node | undefined } | undefined;
    for (const pair of node.items) {
      const name = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      const fits = rest === name || rest.startsWith(`${name}.`) || rest.startsWith(`${name}[`);
      if (fits && (!best || name.length > best.key.length)) best = { key: name, value: (pair.value ?? undefined) as Node | undefined, keyNode: pair.key as Node };
    }
    if (!best) return node;
    rest = rest.slice(best.key.length);
    // A key with no value (`name:`) points at the key itself.
    node = best.value ?? best.keyNode;
    if (!best.value) return node;
  }
  return node;
}
