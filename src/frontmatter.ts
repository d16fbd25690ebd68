/**
 * Front matter: YAML only, documented keys only. A seed is untrusted, so its
 * front matter must never run code (gray-matter would `eval` a `---js` block,
 * even with `engines: {js: false}`, because it falls back from `js` to its
 * `javascript` alias) and never reach Eleventy (where `permalink`, `layout` or
 * `eleventyComputed` would steer the build).
 */
import matter from 'gray-matter';
import { parseDocument } from 'yaml';
import type { VFile } from 'vfile';
import { parseIsoDate } from './dates.ts';
import { seedError, seedWarning } from './messages.ts';
import type { CalendarDate } from './types.ts';

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

class RefusedEngineError extends Error {}
const refuse = (): never => {
  throw new RefusedEngineError('refused');
};

export function splitFrontMatter(text: string, file: VFile): SplitSeed {
  if (!/^---[^\n]*(\n|$)/.test(text)) return { data: {}, body: text };
  const language = matter.language(text).name;
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    seedError(file, `Unexpected front matter language \`${language}\`, expected YAML (a plain \`---\` line): front matter is data and is never run`, { line: 1 }, 'front-matter-language');
    return { data: {}, body: '' };
  }
  const closing = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!closing) {
    seedError(file, 'Unexpected unclosed front matter, expected a closing `---` line after the YAML', { line: 1 }, 'front-matter-unclosed');
    return { data: {}, body: '' };
  }
  let yamlSource = '';
  try {
    // Every engine alias refused except our own YAML reader: gray-matter only splits.
    matter(text, {
      language: 'yaml',
      engines: {
        yaml: (source: string) => ((yamlSource = source), {}),
        javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, json: refuse, toml: refuse,
      } as never,
    });
  } catch {
    seedError(file, 'Unexpected front matter, expected YAML', { line: 1 }, 'front-matter-language');
    return { data: {}, body: '' };
  }
  const headerEnd = closing.index + closing[0].length;
  const header = text.slice(0, headerEnd);
  const blanked = '\n'.repeat((header.match(/\n/g) ?? []).length) + text.slice(headerEnd);
  return { data: readYaml(yamlSource, file), body: blanked };
}

function readYaml(source: string, file: VFile): FrontMatter {
  // The core schema has no `!!js/*` or timestamp tags, and maxAliasCount turns
  // an alias bomb ("billion laughs") into an error instead of gigabytes.
  const doc = parseDocument(source, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    for (const problem of problems) {
      // The YAML source starts with the rest of the opening `---` line, so its lines are the file's.
      const line = source.slice(0, problem.pos[0]).split('\n').length;
      seedError(file, `Unexpected front matter YAML: ${problem.message.split('\n')[0]}, expected plain YAML keys (${DOCUMENTED_KEYS})`, { line }, 'front-matter-yaml');
    }
    return {};
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 20 });
  } catch (error) {
    seedError(file, `Unexpected front matter YAML: ${(error as Error).message}, expected plain YAML keys (${DOCUMENTED_KEYS})`, { line: 2 }, 'front-matter-yaml');
    return {};
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    seedError(file, `Unexpected front matter of type ${Array.isArray(value) ? 'list' : typeof value}, expected YAML keys (${DOCUMENTED_KEYS})`, { line: 2 }, 'front-matter-yaml');
    return {};
  }
  return readKeys(value as Record<string, unknown>, source, file);
}

function readKeys(data: Record<string, unknown>, source: string, file: VFile): FrontMatter {
  const lineOf = (key: string): number => {
    const index = source.split('\n').findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}"`) || line.startsWith(`'${key}'`));
    return index === -1 ? 2 : index + 1;
  };
  let result: { date?: CalendarDate; title?: string; source?: string } = {};
  for (const [key, value] of Object.entries(data)) {
    const place = { line: lineOf(key) };
    if (key === 'date') {
      const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
      if (date) result = { ...result, date };
      else seedError(file, `Unexpected date \`${String(value)}\`, expected a real calendar date as \`YYYY-MM-DD\` or \`YYYY-MM\``, place, 'front-matter-date');
    } else if (key === 'title') {
      if (typeof value === 'string' && value.trim() !== '') result = { ...result, title: value.trim().replace(/\s+/g, ' ') };
      else seedError(file, 'Unexpected `title`, expected a line of text', place, 'front-matter-title');
    } else if (key === 'source') {
      if (typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value.trim())) result = { ...result, source: value.trim() };
      else seedError(file, 'Unexpected `source`, expected an http(s) URL of the issue as published', place, 'front-matter-source');
    } else if (STEERING_KEY.test(key)) {
      seedError(file, `Unexpected front matter key \`${key}\`, expected only ${DOCUMENTED_KEYS}: pages and URLs are made by the build, not by seeds`, place, 'front-matter-key');
    } else {
      seedWarning(file, `Ignored unknown front matter key \`${key}\`, expected only ${DOCUMENTED_KEYS}`, place, 'front-matter-key');
    }
  }
  return result;
}
