/**
 * Front matter: YAML only, documented keys only. A seed is untrusted, so its
 * front matter must never run code and never reach Eleventy (where `permalink`,
 * `layout` or `eleventyComputed` would steer the build).
 *
 * gray-matter splits the block, with every one of its engines replaced: it
 * picks a parser from the opening line and would `eval` a `---js` block (even
 * with `engines: {js: false}`, because it falls back from `js` to its
 * `javascript` alias, and `---JavaScript` reaches the same engine). So a
 * language other than YAML is refused here before gray-matter sees the file,
 * its YAML engine only hands the source back, and the `yaml` package reads it
 * with the core schema (no `!!js/*` tags, no timestamps that roll 02-30 over).
 */
import matter from 'gray-matter';
import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import { duplicateKeys } from '../yaml-keys.ts';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { parseIsoDate } from '../records/dates.ts';
import { seedError, seedWarning } from '../errors.ts';
import type { CalendarDate } from '../types.ts';
import { collapseSpace } from '../space.ts';
import { balanceBidi, normalizeText } from './decode.ts';

export interface FrontMatter {
  readonly date?: CalendarDate;
  readonly title?: string;
  readonly source?: string;
}

export interface SplitSeed {
  readonly data: FrontMatter;
  /** The body with the front matter's lines blanked, so body lines keep their file line numbers. */
  readonly body: string;
}

/** Keys that would steer an Eleventy build if they ever reached it. */
const STEERING_KEY = /^(?:permalink|layout|pagination|tags|templateEngineOverride|dynamicPermalink|permalinkBypassOutputDir|eleventy.*)$/i;
const DOCUMENTED_KEYS = 'date, title, source';
/** Aliases a front matter may expand; an alias bomb ("billion laughs") needs millions. */
export const MAX_ALIAS_COUNT = 20;
const CLOSING_LINE = /^(?:---|\.\.\.)[ \t]*$/;
/** `date: 2024-05`: a line that can only be YAML. */
const YAML_KEY_LINE = /^[A-Za-z_][\w-]*:(?:[ \t]|$)/;

export function splitFrontMatter(text: string, file: VFile): SplitSeed {
  const lines = text.split('\n');
  // Blank lines pasted above the front matter: still front matter, when a YAML key follows the opening line.
  const start = Math.max(0, lines.findIndex((line) => line.trim() !== ''));
  const opening = lines[start] ?? '';
  // `----` and longer is a dashed rule (e-mail exports start with one), not front matter.
  if (!opening.startsWith('---') || /^-{4,}\s*$/.test(opening)) return { data: {}, body: text };
  if (start > 0 && !(CLOSING_LINE.test(opening) && YAML_KEY_LINE.test(lines[start + 1] ?? ''))) return { data: {}, body: text };
  const language = opening.slice(3).trim();
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    seedError(file, `Unexpected front matter language \`${language}\`, expected YAML (a plain \`---\` line): front matter is data and is never run`, { line: start + 1 }, 'front-matter-language');
    return { data: {}, body: '' };
  }
  const close = lines.findIndex((line, index) => index > start && CLOSING_LINE.test(line));
  if (close === -1) {
    seedError(file, 'Unexpected unclosed front matter, expected a closing `---` line after the YAML', { line: start + 1 }, 'front-matter-unclosed');
    return { data: {}, body: '' };
  }
  // Leading newlines stand for the lines above the YAML, so YAML line n is file line n.
  const source = `${'\n'.repeat(start + 1)}${yamlSource(lines.slice(start, close + 1).join('\n'))}`;
  const body = '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n');
  return { data: readYaml(source, file), body };
}

const refuse = (): never => {
  throw new TypeError('Unexpected front matter engine: only YAML is read');
};

/** The YAML text of a front matter block, split by gray-matter with no engine that could run code. */
function yamlSource(block: string): string {
  let source = '';
  const capture = (text: string): object => ((source = text), {});
  matter(`${block}\n`, {
    language: 'yaml',
    engines: { yaml: capture, yml: capture, javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, json: refuse, toml: refuse },
  } as never);
  return source.replace(/^\n/, '');
}

/** Line numbers of one YAML source, worked out once: per key, a front matter of many keys was quadratic. */
const linesOf = (source: string): ((offset: number) => number) => {
  const where = location(source);
  return (offset) => where.toPoint(Math.min(Math.max(offset, 0), source.length))!.line;
};
/** A value quoted in a message: one short line. */
const show = (value: unknown): string => {
  const text = (typeof value === 'object' && value !== null ? JSON.stringify(value) ?? '' : String(value)).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

function readYaml(source: string, file: VFile): FrontMatter {
  // The core schema knows no `!!js/*` tags; explicit tags of any kind are refused below.
  const doc = parseDocument(source, { schema: 'core', uniqueKeys: false, prettyErrors: false });
  const lineAt = linesOf(source);
  let refused = refuseTags(doc, lineAt, file);
  for (const problem of [...doc.errors, ...doc.warnings]) {
    if (problem.code === 'TAG_RESOLVE_FAILED') continue; // reported as a tag
    const line = lineAt(problem.pos[0]);
    seedError(file, `Unexpected front matter YAML: ${problem.message.split('\n')[0]}, expected plain YAML keys (${DOCUMENTED_KEYS})`, { line }, 'front-matter-yaml');
    refused = true;
  }
  for (const { key, node, first } of doc.errors.length > 0 ? [] : duplicateKeys(doc)) {
    seedError(file, `Unexpected front matter key \`${show(key)}\` a second time (first on line ${lineAt(first.range?.[0] ?? 0)}), expected each key once`, { line: lineAt(node.range?.[0] ?? 0) }, 'front-matter-yaml');
    refused = true;
  }
  if (refused) return {};
  let value: unknown;
  try {
    // `maxAliasCount` is a `toJS` option: parsing never expands aliases, this would.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    seedError(file, `Unexpected front matter YAML: ${(error as Error).message}, expected plain YAML keys (${DOCUMENTED_KEYS})`, { line: 2 }, 'front-matter-yaml');
    return {};
  }
  if (value === null || value === undefined) return {};
  if (!isMap(doc.contents) || typeof value !== 'object' || Array.isArray(value)) {
    seedError(file, `Unexpected front matter of type ${Array.isArray(value) ? 'list' : typeof value}, expected YAML keys (${DOCUMENTED_KEYS})`, { line: 2 }, 'front-matter-yaml');
    return {};
  }
  const entries: { key: string; value: unknown; line: number }[] = [];
  for (const pair of doc.contents.items) {
    const line = lineAt((pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0);
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
      seedError(file, `Unexpected front matter key \`${show(isScalar(pair.key) ? pair.key.value : pair.key)}\`, expected only ${DOCUMENTED_KEYS}`, { line }, 'front-matter-key');
      continue;
    }
    const key = pair.key.value;
    entries.push({ key, value: Object.getOwnPropertyDescriptor(value, key)?.value, line });
  }
  return readKeys(entries, file);
}

/** Explicit tags (`!!js/function`, `!!binary`, `!custom`) make values that are not plain text: refused. */
function refuseTags(doc: Document, lineAt: (offset: number) => number, file: VFile): boolean {
  let found = false;
  visit(doc, {
    Node(_key, node) {
      if (!('tag' in node) || typeof node.tag !== 'string') return;
      found = true;
      seedError(file, `Unexpected YAML tag \`${node.tag.replace(/^tag:yaml\.org,2002:/, '!!')}\`, expected plain YAML values: front matter is data and is never run`, { line: lineAt(node.range?.[0] ?? 0) }, 'front-matter-tag');
    },
  });
  return found;
}

function readKeys(entries: readonly { key: string; value: unknown; line: number }[], file: VFile): FrontMatter {
  let result: { date?: CalendarDate; title?: string; source?: string } = {};
  for (const { key, value, line } of entries) {
    const place = { line };
    if (key === 'date') {
      const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
      if (date) result = { ...result, date };
      else seedError(file, `Unexpected date \`${show(value)}\`, expected a real calendar date as \`YYYY-MM-DD\` or \`YYYY-MM\``, place, 'front-matter-date');
    } else if (key === 'title') {
      // YAML escapes (`"\u202e"`, `"\x00"`) bring in what the text's own cleaning removed: cleaned again.
      const title = typeof value === 'string' ? balanceBidi(collapseSpace(normalizeText(value))) : '';
      if (title !== '') result = { ...result, title };
      else seedError(file, 'Unexpected `title`, expected a line of text', place, 'front-matter-title');
    } else if (key === 'source') {
      if (typeof value === 'string' && isHttpUrl(value.trim())) result = { ...result, source: value.trim() };
      else seedError(file, 'Unexpected `source`, expected an http(s) URL of the issue as published', place, 'front-matter-source');
    } else if (STEERING_KEY.test(key)) {
      seedError(file, `Unexpected front matter key \`${show(key)}\`, expected only ${DOCUMENTED_KEYS}: pages and URLs are made by the build, not by seeds`, place, 'front-matter-key');
    } else {
      seedWarning(file, `Ignored unknown front matter key \`${show(key)}\`, expected only ${DOCUMENTED_KEYS}`, place, 'front-matter-key');
    }
  }
  return result;
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
