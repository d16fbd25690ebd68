/**
 * Editors' corrections to the tagger's word: `seeds/corrections.yaml`, keyed by
 * story id, adds or removes countries, pairs and topics of single stories. It
 * is read as untrusted input like a seed (every problem is a positioned
 * message) and applied to the records after tagging, so every page, feed and
 * export shows the corrected tags.
 *
 * ```yaml
 * 2025-05-russia-provides-north-korea-with-air-defense-equipment:
 *   add: { topics: [arms-transfers] }
 *   remove: { topics: [military], countries: [georgia] }
 * ```
 *
 * A story keeps its id when its headline wording or day is fixed (the
 * permalink registry keeps its URL); when its date moves to another month its
 * URL moves too and the registry records a redirect, which a correction
 * follows, so a correction stays attached to its story either way.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { VFile } from 'vfile';
import { seedError, seedWarning } from '../errors.ts';
import { splitPair } from '../pairs.ts';
import { duplicateKeys } from '../yaml-keys.ts';
import type { StoryRecord, StoryTags } from '../types.ts';

/** Beside the seeds and the permalink registry; never a digest. */
export const CORRECTIONS_FILE = 'corrections.yaml';

/** The largest corrections file read (a file of 10,000 corrections is about 1 MB). */
export const MAX_CORRECTIONS_BYTES = 4 * 1024 * 1024;

export const TAG_KINDS = ['countries', 'pairs', 'topics'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export type TagEdit = Readonly<Record<TagKind, readonly string[]>>;

export interface Correction {
  /** The story id as written (an id the registry redirected is resolved when applied). */
  readonly id: string;
  readonly line: number;
  readonly column: number;
  readonly add: TagEdit;
  readonly remove: TagEdit;
}

/** The slugs a correction may name. */
export interface TagVocabulary {
  readonly countries: ReadonlySet<string>;
  readonly topics: ReadonlySet<string>;
}

/** The most topics a story carries (the `stories.json` contract). */
export const MAX_TOPICS = 3;

const EMPTY_EDIT: TagEdit = { countries: [], pairs: [], topics: [] };

const positionOf = (lines: LineCounter, node: YamlNode | Pair | null | undefined): { line: number; column: number } => {
  const offset = node && 'range' in node && node.range ? node.range[0] : node && 'key' in node && isScalar(node.key) && node.key.range ? node.key.range[0] : 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
};

/** `china-russia`: two known countries in the order every pair is spelled (src/pairs.ts), or why not. */
function pairProblem(slug: string, vocabulary: TagVocabulary): string | undefined {
  if (splitPair(slug, [], vocabulary.countries)) return undefined;
  // Two known countries, but one twice or in the wrong order: say which.
  for (let at = slug.indexOf('-'); at > 0; at = slug.indexOf('-', at + 1)) {
    const [a, b] = [slug.slice(0, at), slug.slice(at + 1)];
    if (!vocabulary.countries.has(a) || !vocabulary.countries.has(b)) continue;
    return a === b ? `Unexpected pair \`${slug}\` of one country, expected two countries` : `Unexpected pair \`${slug}\`, expected its countries in alphabetical order: \`${b}-${a}\``;
  }
  return `Unexpected pair \`${slug}\`, expected two country slugs joined by \`-\` (\`china-russia\`)`;
}

function readEdit(node: unknown, where: string, file: VFile, lines: LineCounter, vocabulary: TagVocabulary): TagEdit {
  if (node === null || node === undefined) return EMPTY_EDIT;
  if (!isMap(node)) {
    seedError(file, `Unexpected value of \`${where}\`, expected a map of \`countries\`, \`pairs\` or \`topics\` to lists of slugs`, positionOf(lines, node as YamlNode), 'corrections-shape');
    return EMPTY_EDIT;
  }
  const edit: Record<TagKind, string[]> = { countries: [], pairs: [], topics: [] };
  for (const pair of (node as YAMLMap).items) {
    const kind = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(TAG_KINDS as readonly string[]).includes(kind)) {
      seedError(file, `Unexpected key \`${kind}\` in \`${where}\`, expected \`countries\`, \`pairs\` or \`topics\``, positionOf(lines, pair.key as YamlNode), 'corrections-shape');
      continue;
    }
    const items = isSeq(pair.value) ? pair.value.items : isScalar(pair.value) ? [pair.value] : undefined;
    if (!items) {
      seedError(file, `Unexpected value of \`${where}.${kind}\`, expected a list of slugs`, positionOf(lines, pair.value as YamlNode), 'corrections-shape');
      continue;
    }
    for (const item of items) {
      const place = positionOf(lines, item as YamlNode);
      const slug = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
      const problem = slug === undefined
        ? `Unexpected value in \`${where}.${kind}\`, expected a slug`
        : kind === 'pairs'
          ? pairProblem(slug, vocabulary)
          : kind === 'countries' && !vocabulary.countries.has(slug)
            ? `Unexpected country \`${slug}\`, expected a country slug of the site (\`north-korea\`)`
            : kind === 'topics' && !vocabulary.topics.has(slug)
              ? `Unexpected topic \`${slug}\`, expected one of data/topics.yaml: ${[...vocabulary.topics].join(', ')}`
              : undefined;
      if (problem) seedError(file, problem, place, 'corrections-slug');
      else if (!edit[kind as TagKind].includes(slug!)) edit[kind as TagKind].push(slug!);
    }
  }
  return edit;
}

/**
 * Read the corrections file's text. Problems go to `file` as positioned
 * messages (errors stop the build, like a seed's); the corrections that could
 * be read are returned either way.
 */
export function parseCorrections(text: string, file: VFile, vocabulary: TagVocabulary): Correction[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: false, prettyErrors: false });
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    seedError(file, `Unexpected YAML: ${error.message.split('\n')[0]}`, { line, column: col }, 'corrections-yaml');
  }
  const twice = doc.errors.length > 0 ? [] : duplicateKeys(doc);
  for (const { key, node, first } of twice) {
    seedError(file, `Unexpected YAML key \`${key}\` a second time (first on line ${positionOf(lines, first).line}), expected unique keys: merge the two`, positionOf(lines, node), 'corrections-yaml');
  }
  if (doc.errors.length > 0 || twice.length > 0) return [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root as Scalar).value === null)) return [];
  if (!isMap(root)) {
    seedError(file, 'Unexpected value, expected a map of story ids to corrections', positionOf(lines, root), 'corrections-shape');
    return [];
  }
  const corrections: Correction[] = [];
  for (const entry of (root as YAMLMap).items) {
    const place = positionOf(lines, entry.key as YamlNode);
    const id = isScalar(entry.key) ? String(entry.key.value) : '';
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      seedError(file, `Unexpected story id \`${id}\`, expected an id from stories.json (\`2024-05-12-putin-visits-beijing\`)`, place, 'corrections-id');
      continue;
    }
    if (!isMap(entry.value)) {
      seedError(file, `Unexpected value of \`${id}\`, expected \`add:\` and/or \`remove:\``, positionOf(lines, (entry.value as YamlNode | null) ?? (entry.key as YamlNode)), 'corrections-shape');
      continue;
    }
    let add = EMPTY_EDIT;
    let remove = EMPTY_EDIT;
    for (const part of (entry.value as YAMLMap).items) {
      const key = isScalar(part.key) ? String(part.key.value) : '';
      if (key === 'add') add = readEdit(part.value, `${id}.add`, file, lines, vocabulary);
      else if (key === 'remove') remove = readEdit(part.value, `${id}.remove`, file, lines, vocabulary);
      else seedError(file, `Unexpected key \`${key}\` in \`${id}\`, expected \`add\` or \`remove\``, positionOf(lines, part.key as YamlNode), 'corrections-shape');
    }
    for (const kind of TAG_KINDS) {
      for (const slug of add[kind].filter((s) => remove[kind].includes(s))) {
        seedError(file, `Unexpected \`${slug}\` both added and removed in \`${id}\`, expected one of the two`, place, 'corrections-conflict');
      }
    }
    corrections.push({ id, ...place, add, remove });
  }
  return corrections;
}

const without = (list: readonly string[], drop: (slug: string) => boolean): string[] => list.filter((slug) => !drop(slug));
const withFirst = (list: readonly string[], first: readonly string[]): string[] => [...first.filter((s) => !list.includes(s)), ...list];

/**
 * One story's tags after a correction. Added tags come first (the editor's
 * word outranks the tagger's). Removing a country removes the pairs it is in;
 * adding a pair adds its countries. Pure.
 */
export function correctTags(tags: StoryTags, correction: Pick<Correction, 'add' | 'remove'>, pairCountries: (pair: string) => readonly string[]): StoryTags {
  const { add, remove } = correction;
  const droppedCountries = new Set(remove.countries);
  const pairs = withFirst(
    without(tags.pairs, (pair) => remove.pairs.includes(pair) || pairCountries(pair).some((c) => droppedCountries.has(c))),
    add.pairs,
  );
  const countries = withFirst(
    without(tags.countries, (c) => droppedCountries.has(c)),
    [...add.countries, ...add.pairs.flatMap(pairCountries).filter((c) => !droppedCountries.has(c))],
  );
  const topics = withFirst(without(tags.topics, (t) => remove.topics.includes(t)), add.topics);
  return { countries, pairs, topics, organizations: tags.organizations };
}

export interface AppliedCorrections {
  readonly records: StoryRecord[];
  /** Per record, parallel to `records`: the correction applied to it, if any. */
  readonly applied: readonly (Correction | undefined)[];
}

/**
 * Apply `corrections` to `records`. An id that names no story, directly or
 * through one of the registry's `redirects` (old URL → new URL), is an error;
 * so is a correction that would leave a story more than three topics. A
 * correction that changes nothing (the tagger now agrees) is a warning, so
 * editors can prune the file.
 */
export function applyCorrections(
  records: readonly StoryRecord[],
  corrections: readonly Correction[],
  file: VFile,
  options: { readonly redirects?: readonly { readonly from: string; readonly to: string }[]; readonly pairCountries: (pair: string) => readonly string[] },
): AppliedCorrections {
  const indexById = new Map(records.map((record, index) => [record.id, index]));
  const idOfUrl = (url: string): string => url.replace(/^\/stories\//, '').replace(/\/$/, '').replace(/\//g, '-');
  const moved = new Map((options.redirects ?? []).map((r) => [idOfUrl(r.from), idOfUrl(r.to)]));
  const applied: (Correction | undefined)[] = records.map(() => undefined);
  const out = [...records];
  for (const correction of corrections) {
    let id = correction.id;
    for (let hops = 0; !indexById.has(id) && moved.has(id) && hops < 16; hops++) id = moved.get(id)!;
    const index = indexById.get(id);
    const place = { line: correction.line, column: correction.column };
    if (index === undefined) {
      seedError(file, `Unexpected story id \`${correction.id}\`, expected the id of a story in stories.json: check the id, or remove the correction of a withdrawn story`, place, 'corrections-id');
      continue;
    }
    if (applied[index]) {
      seedError(file, `Unexpected second correction of \`${id}\` (first at line ${applied[index]!.line}), expected one entry a story`, place, 'corrections-id');
      continue;
    }
    const record = records[index]!;
    const tags = correctTags(record, correction, options.pairCountries);
    if (tags.topics.length > MAX_TOPICS) {
      seedError(file, `Unexpected ${tags.topics.length} topics for \`${id}\` (${tags.topics.join(', ')}), expected at most ${MAX_TOPICS}: remove one`, place, 'corrections-topics');
      continue;
    }
    const same = TAG_KINDS.every((kind) => tags[kind].join() === record[kind].join());
    if (same) seedWarning(file, `Unexpected correction of \`${id}\` that changes nothing, expected a change: the tagger already agrees, remove it`, place, 'corrections-unchanged');
    applied[index] = correction;
    out[index] = { ...record, countries: tags.countries, pairs: tags.pairs, topics: tags.topics };
  }
  return { records: out, applied };
}

/** `topics +arms-transfers −military; countries −georgia`: a correction in one line, for `check`. */
export function describeCorrection(correction: Pick<Correction, 'add' | 'remove'>): string {
  return TAG_KINDS
    .map((kind) => ({ kind, changes: [...correction.add[kind].map((s) => `+${s}`), ...correction.remove[kind].map((s) => `−${s}`)] }))
    .filter(({ changes }) => changes.length > 0)
    .map(({ kind, changes }) => `${kind} ${changes.join(' ')}`)
    .join('; ');
}
