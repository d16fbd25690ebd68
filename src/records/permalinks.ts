/**
 * The permalink registry: once a story URL is published it stays valid.
 *
 * The build keeps `permalinks.json` next to the seeds (commit it). Each build
 * matches its stories to the registry's entries — by digest and headline, then
 * by digest and position with similar text, then by similar text in the digest —
 * and a matched story keeps its URL even if its wording or day changed. A story
 * whose date moved to another month gets a new URL (the URL names the month) and
 * its old URL becomes a redirect. A registry entry that no longer matches any
 * story is withdrawn: its URL serves a "withdrawn" page, never a 404. New
 * stories never take a URL the registry has ever handed out.
 */
import { formatIsoDate } from './dates.ts';
import { collapseSpace } from '../space.ts';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { location } from 'vfile-location';
import { DigestError, escapeControl } from '../errors.ts';
import { assignUrls, monthPath, storyKey, type DatedStory } from './records.ts';

export interface RegistryEntry {
  readonly url: string;
  readonly digest: string;
  readonly position: number;
  readonly headline: string;
  readonly date: string;
}

export interface PermalinkRegistry {
  readonly version: 1;
  readonly stories: readonly RegistryEntry[];
  readonly redirects: readonly { readonly from: string; readonly to: string }[];
  readonly withdrawn: readonly RegistryEntry[];
  /** Digests whose seed was renamed: the old id's page redirects to the new one. Absent when none. */
  readonly digests?: readonly { readonly from: string; readonly to: string }[];
}

export const EMPTY_REGISTRY: PermalinkRegistry = { version: 1, stories: [], redirects: [], withdrawn: [] };

export interface PermalinkPlan {
  /** URL per story, in the order given. */
  readonly urls: readonly string[];
  readonly registry: PermalinkRegistry;
}

const wordList = (text: string): string[] => [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];

/** Jaccard similarity of two word sets, 0–1. */
function jaccard(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
  if (wa.size === 0 && wb.size === 0) return 1;
  let shared = 0;
  for (const word of wa) if (wb.has(word)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** Jaccard similarity of two headlines' word sets, 0–1. */
export function similarity(a: string, b: string): number {
  return jaccard(new Set(wordList(a)), new Set(wordList(b)));
}

/** A headline as the exact passes compare it: NFC, case and spacing folded. */
export function normalizedHeadline(headline: string): string {
  // ICU's NFC is skipped for an ASCII headline, the usual one (docs/performance.md, "Permalinks").
  const composed = /[^\x00-\x7f]/.test(headline) ? headline.normalize('NFC') : headline;
  return collapseSpace(composed).toLowerCase();
}

const SAME_POSITION_THRESHOLD = 0.4;
const SAME_DIGEST_THRESHOLD = 0.6;

/** A list per key, in insertion order. */
class Index<T> {
  private readonly lists = new Map<string, T[]>();
  add(key: string, item: T): void {
    const list = this.lists.get(key);
    if (list) list.push(item);
    else this.lists.set(key, [item]);
  }
  get(key: string): readonly T[] {
    return this.lists.get(key) ?? [];
  }
}

interface Candidate {
  readonly entry: RegistryEntry;
  /** Order in the registry: among several candidates the first wins, as it always did. */
  readonly rank: number;
  readonly digest: string;
  readonly headline: string;
  /** The headline as written; its words are worked out only if a similar-text pass needs them. */
  readonly text: string;
  words?: ReadonlySet<string>;
}

const wordsOf = (item: { readonly text: string; words?: ReadonlySet<string> }): ReadonlySet<string> => (item.words ??= new Set(wordList(item.text)));

/**
 * Similar-headline candidates of one digest without comparing every story
 * with every entry: prefix filtering. Order words by rarity in the digest;
 * two word sets with Jaccard similarity ≥ t share a word among the first
 * `|x| − ⌈t·|x|⌉ + 1` of each, so only entries that hold one of the story's
 * rare words are compared (a 23,000-story digest compares a handful each).
 */
class FuzzyIndex {
  private readonly frequency = new Map<string, number>();
  private readonly byWord = new Index<Candidate>();
  private readonly empty: Candidate[] = [];
  constructor(candidates: readonly Candidate[], readonly threshold: number) {
    for (const candidate of candidates) for (const word of wordsOf(candidate)) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
    for (const candidate of candidates) {
      const prefix = this.prefix(wordsOf(candidate));
      if (prefix.length === 0) this.empty.push(candidate);
      for (const word of prefix) this.byWord.add(word, candidate);
    }
  }
  prefix(words: ReadonlySet<string>): string[] {
    const ordered = [...words].sort((a, b) => (this.frequency.get(a) ?? 0) - (this.frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    return ordered.slice(0, words.size - Math.ceil(this.threshold * words.size) + 1);
  }
  /** Candidates that may reach the threshold, each once. */
  candidates(words: ReadonlySet<string>): Candidate[] {
    if (words.size === 0) return this.empty;
    const found = new Set<Candidate>();
    for (const word of this.prefix(words)) for (const candidate of this.byWord.get(word)) found.add(candidate);
    return [...found].sort((a, b) => a.rank - b.rank);
  }
}

interface Probe {
  readonly index: number;
  readonly digest: string;
  readonly position: number;
  readonly headline: string;
  readonly text: string;
  words?: ReadonlySet<string>;
}

/**
 * Match stories to registry entries, in passes from the surest to the
 * loosest: same digest and headline and position, same digest and headline,
 * same digest and position with a similar headline, same digest with a
 * similar headline. Within a pass stories go in order and each takes the
 * first free entry (in registry order) that qualifies. Every pass looks its
 * candidates up in an index, not by scanning the digest's entries, which grew
 * with the square of a large digest (docs/performance.md, "Permalinks").
 */
function matchPasses(probes: readonly Probe[], candidates: readonly Candidate[], matched: Map<number, RegistryEntry>, used: Set<RegistryEntry>): void {
  const free = (candidate: Candidate): boolean => !used.has(candidate.entry);
  const take = (probe: Probe, candidate: Candidate | undefined): void => {
    if (!candidate) return;
    matched.set(probe.index, candidate.entry);
    used.add(candidate.entry);
  };
  // Lists are in registry order, so the first free one is the first in the list;
  // a cursor per list skips the taken ones once (5,000 stories of one headline
  // would otherwise rescan the list for each).
  const cursors = new Map<readonly Candidate[], number>();
  const firstFree = (list: readonly Candidate[]): Candidate | undefined => {
    let at = cursors.get(list) ?? 0;
    while (at < list.length && !free(list[at]!)) at++;
    cursors.set(list, at);
    return list[at];
  };
  const firstOf = (list: readonly Candidate[], test: (candidate: Candidate) => boolean): Candidate | undefined => {
    for (const candidate of list) if (free(candidate) && test(candidate)) return candidate;
    return undefined;
  };
  // Each index is built when its pass has stories left to match, from the entries
  // still free: a rebuild with no changes builds the first one only.
  const indexed = (key: (candidate: Candidate) => string): Index<Candidate> => {
    const index = new Index<Candidate>();
    for (const candidate of candidates) if (free(candidate)) index.add(key(candidate), candidate);
    return index;
  };
  const passes: ((open: readonly Probe[]) => void)[] = [
    (open) => {
      const index = indexed((c) => `${c.digest}\u0000${c.entry.position}\u0000${c.headline}`);
      for (const probe of open) take(probe, firstFree(index.get(`${probe.digest}\u0000${probe.position}\u0000${probe.headline}`)));
    },
    (open) => {
      const index = indexed((c) => `${c.digest}\u0000${c.headline}`);
      for (const probe of open) take(probe, firstFree(index.get(`${probe.digest}\u0000${probe.headline}`)));
    },
    (open) => {
      const index = indexed((c) => `${c.digest}\u0000${c.entry.position}`);
      for (const probe of open) take(probe, firstOf(index.get(`${probe.digest}\u0000${probe.position}`), (c) => jaccard(wordsOf(c), wordsOf(probe)) >= SAME_POSITION_THRESHOLD));
    },
    (open) => {
      const byDigest = indexed((c) => c.digest);
      const fuzzy = new Map<string, FuzzyIndex>();
      for (const probe of open) {
        let index = fuzzy.get(probe.digest);
        if (!index) fuzzy.set(probe.digest, (index = new FuzzyIndex(byDigest.get(probe.digest).filter(free), SAME_DIGEST_THRESHOLD)));
        take(probe, firstOf(index.candidates(wordsOf(probe)), (c) => jaccard(wordsOf(c), wordsOf(probe)) >= SAME_DIGEST_THRESHOLD));
      }
    },
  ];
  for (const pass of passes) {
    const open = probes.filter((probe) => !matched.has(probe.index));
    if (open.length === 0 || !candidates.some(free)) break;
    pass(open);
  }
}

/** A digest renamed this build (its seed file renamed, split or merged): the old id, a new one. */
interface Rename {
  readonly from: string;
  readonly to: string;
  /** Most of the old digest's stories are in the new one: its page redirects there. */
  readonly redirect: boolean;
}

/** Of the smaller digest's headlines, at least this share must be in the other. */
const RENAME_SHARE = 0.5;

/**
 * Digests renamed since the last build. A digest id is its seed's file name,
 * so a renamed seed looks like one digest gone and one new: when a digest of
 * the registry has no story this build, and at least half of its headlines
 * (or of the new digest's, if that has fewer) are headlines of a digest the
 * registry has never seen, its stories are looked for there. A seed split in
 * two or merged into another is the same case once per pair. The old digest
 * page redirects to the new digest that holds most of its headlines (at least
 * half).
 */
function findRenames(probes: readonly Probe[], candidates: readonly Candidate[], registryDigests: ReadonlySet<string>): Rename[] {
  const current = new Set(probes.map((probe) => probe.digest));
  const vanishedHeadlines = new Map<string, Set<string>>();
  const vanishedByHeadline = new Index<string>();
  for (const candidate of candidates) {
    if (current.has(candidate.digest)) continue;
    const headlines = vanishedHeadlines.get(candidate.digest) ?? new Set<string>();
    vanishedHeadlines.set(candidate.digest, headlines);
    if (!headlines.has(candidate.headline)) vanishedByHeadline.add(candidate.headline, candidate.digest);
    headlines.add(candidate.headline);
  }
  const freshHeadlines = new Map<string, Set<string>>();
  // Shared headlines per (vanished, new) pair.
  const shared = new Map<string, Map<string, Set<string>>>();
  for (const probe of probes) {
    if (registryDigests.has(probe.digest)) continue;
    const headlines = freshHeadlines.get(probe.digest) ?? new Set<string>();
    freshHeadlines.set(probe.digest, headlines);
    headlines.add(probe.headline);
    for (const from of vanishedByHeadline.get(probe.headline)) {
      const row = shared.get(from) ?? new Map<string, Set<string>>();
      shared.set(from, row);
      const set = row.get(probe.digest) ?? new Set<string>();
      row.set(probe.digest, set);
      set.add(probe.headline);
    }
  }
  const renames: Rename[] = [];
  for (const from of [...shared.keys()].sort()) {
    const fromCount = vanishedHeadlines.get(from)!.size;
    const pairs = [...shared.get(from)!]
      .map(([to, headlines]) => ({ to, count: headlines.size }))
      .filter(({ to, count }) => count >= RENAME_SHARE * Math.min(fromCount, freshHeadlines.get(to)!.size))
      .sort((a, b) => b.count - a.count || (a.to < b.to ? -1 : 1));
    pairs.forEach(({ to, count }, index) => renames.push({ from, to, redirect: index === 0 && count >= RENAME_SHARE * fromCount }));
  }
  return renames;
}

/** Registry entries matched to stories (index of story → entry), and the digests renamed. */
function matchEntries(stories: readonly DatedStory[], entries: readonly RegistryEntry[], registryDigests: ReadonlySet<string>): { matched: Map<number, RegistryEntry>; renames: Rename[] } {
  const matched = new Map<number, RegistryEntry>();
  const used = new Set<RegistryEntry>();
  const probes: Probe[] = stories.map((story, index) => ({
    index, digest: story.digest.id, position: story.story.position, headline: normalizedHeadline(story.story.headline), text: story.story.headline,
  }));
  const candidates: Candidate[] = entries.map((entry, rank) => ({ entry, rank, digest: entry.digest, headline: normalizedHeadline(entry.headline), text: entry.headline }));
  matchPasses(probes, candidates, matched, used);
  const renames = findRenames(probes, candidates, registryDigests);
  if (renames.length > 0) {
    // The renamed digests' entries, under each new id, through the same passes
    // (an entry is matched once at most: `used` holds entries, not copies).
    const byDigest = new Index<Candidate>();
    for (const candidate of candidates) if (!used.has(candidate.entry)) byDigest.add(candidate.digest, candidate);
    const moved = renames.flatMap((rename) => byDigest.get(rename.from).map((candidate) => ({ ...candidate, digest: rename.to })));
    matchPasses(probes.filter((probe) => !matched.has(probe.index)), moved.sort((a, b) => a.rank - b.rank), matched, used);
  }
  return { matched, renames };
}

const monthOf = (url: string): string | undefined => /^\/stories\/(\d{4}\/\d{2})\//.exec(url)?.[1];

export function planPermalinks(stories: readonly DatedStory[], previous: PermalinkRegistry = EMPTY_REGISTRY): PermalinkPlan {
  const known = [...previous.stories, ...previous.withdrawn];
  const previousDigests = previous.digests ?? [];
  // A digest with entries is not new; one that only a digest redirect names (renamed back) is.
  const registryDigests = new Set(known.map((entry) => entry.digest));
  const { matched, renames } = matchEntries(stories, known, registryDigests);
  const redirects = new Map(previous.redirects.map((r) => [r.from, r.to]));
  const reserved = new Map<string, string>();
  stories.forEach((story, index) => {
    const entry = matched.get(index);
    if (!entry) return;
    // The URL names the month: a story moved to another month gets a new URL, and the old one redirects.
    if (monthPath(story.date) === monthOf(entry.url)) reserved.set(storyKey(story), entry.url);
  });
  // Every URL ever handed out stays taken, so no new story can inherit one.
  const everIssued = new Set([...known.map((e) => e.url), ...redirects.keys()]);
  const urls = assignUrls(stories, reserved, everIssued);
  const current = new Set(urls);
  stories.forEach((_, index) => {
    const entry = matched.get(index);
    if (entry && entry.url !== urls[index]) redirects.set(entry.url, urls[index]!);
  });
  // A redirect always points at a live page: follow chains, drop ones whose source came back.
  for (const [from, to] of redirects) {
    let target = to;
    for (let hops = 0; redirects.has(target) && hops < 100; hops++) target = redirects.get(target)!;
    if (current.has(from)) redirects.delete(from);
    else redirects.set(from, target);
  }
  const matchedEntries = new Set(matched.values());
  const redirected = new Set(redirects.keys());
  const withdrawn = known.filter((entry) => !matchedEntries.has(entry) && !current.has(entry.url) && !redirected.has(entry.url));
  const byUrl = (a: { url: string }, b: { url: string }): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
  const digests = planDigestRedirects(previousDigests, renames, new Set(stories.map((story) => story.digest.id)));
  return {
    urls,
    registry: {
      version: 1,
      stories: stories
        .map((story, index) => ({ url: urls[index]!, digest: story.digest.id, position: story.story.position, headline: story.story.headline, date: formatIsoDate(story.date) }))
        .sort(byUrl),
      redirects: [...redirects].map(([from, to]) => ({ from, to })).sort((a, b) => byUrl({ url: a.from }, { url: b.from })),
      withdrawn: withdrawn.sort(byUrl),
      // Absent when empty, so registries written before digest redirects existed stay byte for byte.
      ...(digests.length === 0 ? {} : { digests }),
    },
  };
}

/**
 * Old digest ids → current ones. A rename adds one, chains collapse (a → b,
 * b → c is a → c), a redirect whose old id is back in use or whose target
 * has no stories any more is dropped: `/digests/<id>/` redirects only to a
 * page that exists.
 */
type DigestRedirect = { readonly from: string; readonly to: string };

function planDigestRedirects(previous: readonly DigestRedirect[], renames: readonly Rename[], live: ReadonlySet<string>): DigestRedirect[] {
  const next = new Map(previous.map((pair) => [pair.from, pair.to]));
  for (const rename of renames) if (rename.redirect) next.set(rename.from, rename.to);
  const result: DigestRedirect[] = [];
  for (const [from, to] of next) {
    let target = to;
    for (let hops = 0; next.has(target) && !live.has(target) && hops < 100; hops++) target = next.get(target)!;
    if (!live.has(from) && live.has(target) && target !== from) result.push({ from, to: target });
  }
  return result.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** A story URL as the build makes them; nothing else may come out of a registry file. */
const STORY_URL = /^\/stories\/\d{4}\/\d{2}\/(?:\d{2}\/)?[a-z0-9]+(?:-[a-z0-9]+)*\/$/;
/** A digest id as `digestId` makes them (src/seeds/parse.ts). */
const DIGEST_ID = /^[a-z0-9_-]{1,80}$/;
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

const EXPECTED: Record<string, string> = {
  CloseBracketExpected: '`]`', CloseBraceExpected: '`}`', CommaExpected: '`,`', ColonExpected: '`:`',
  ValueExpected: 'a value', PropertyNameExpected: 'a property name in double quotes', EndOfFileExpected: 'the end of the file',
};

const TODO = 'restore it from version control (git checkout -- permalinks.json), or fix the entry by hand';

/**
 * Read a registry file's text; `undefined` text means there is none yet. The
 * file sits in the seeds folder, so it is untrusted like a seed: every URL in
 * it must be a story URL (no `javascript:`, no paths outside /stories/), and
 * it must describe a site that can be built: no URL given twice (two stories,
 * or a story and a redirect or withdrawn page), no redirect cycle, no redirect
 * to a URL nothing answers. Every problem names the line of its entry.
 */
/** Deepest nesting a registry may have: the build writes four levels (the file, a list, an entry, a list in it). */
const MAX_REGISTRY_DEPTH = 32;

/**
 * The first thing in the registry's text that JSON.parse would pass over: a
 * list or object nested more than `limit` levels deep (the positioned parser
 * recurses per level), or a key given twice in one object (JSON.parse keeps
 * the last, so a hand-merged registry would silently lose the URLs of the
 * first). One pass over the characters, no tree.
 */
function structureProblem(text: string, limit: number): { readonly offset: number; readonly key?: string; readonly first?: number } | undefined {
  // Per open `{`: the keys seen so far (`undefined` for a `[`), and whether a key comes next.
  const keys: (Map<string, number> | undefined)[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      const object = keys.at(-1);
      if (!keyNext || object === undefined) continue;
      keyNext = false;
      const raw = text.slice(start, i + 1);
      let key = raw;
      try {
        if (raw.includes('\\')) key = JSON.stringify(JSON.parse(raw));
      } catch {
        // Not a JSON string: JSON.parse reports it.
      }
      const first = object.get(key);
      if (first !== undefined) return { offset: start, key, first };
      object.set(key, start);
    } else if (c === 0x7b || c === 0x5b) {
      if (keys.length >= limit) return { offset: i };
      keys.push(c === 0x7b ? new Map() : undefined);
      keyNext = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      keys.pop();
      keyNext = false;
    } else if (c === 0x2c) keyNext = keys.at(-1) !== undefined;
  }
  return undefined;
}

export function parseRegistry(text: string | undefined, path: string): PermalinkRegistry {
  if (text === undefined) return EMPTY_REGISTRY;
  // Positions are worked out only for a message: a tree of the whole registry
  // costs ten times JSON.parse, on every build (docs/performance.md, "Permalinks").
  let where: ReturnType<typeof location> | undefined;
  const place = (offset: number): string => {
    where ??= location(text);
    const point = where.toPoint(Math.min(Math.max(offset, 0), text.length))!;
    return `${point.line}:${point.column}`;
  };
  const fail = (offset: number, what: string, expected = 'the permalink registry the build writes'): never => {
    throw new DigestError(escapeControl(`${path}:${place(offset)}: error: Unexpected ${what}, expected ${expected}: ${TODO}`));
  };
  const OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
  // The positioned parser recurses per level: a hand-made file of thousands of nested lists overflowed the stack.
  const problem = structureProblem(text, MAX_REGISTRY_DEPTH);
  if (problem !== undefined && problem.key === undefined) return fail(problem.offset, `lists or objects nested deeper than ${MAX_REGISTRY_DEPTH} levels`);
  let value: Partial<PermalinkRegistry>;
  try {
    value = JSON.parse(text) as Partial<PermalinkRegistry>;
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, OPTIONS);
    const first = errors[0];
    if (first === undefined) return fail(0, 'invalid JSON', 'valid JSON');
    const found = first.offset >= text.length ? 'end of file' : `\`${text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20)))}\``;
    return fail(first.offset, `${found} (invalid JSON)`, EXPECTED[printParseErrorCode(first.error)] ?? 'valid JSON');
  }
  if (problem?.key !== undefined) {
    return fail(problem.offset, `key ${escapeControl(problem.key.slice(0, 40))} a second time in one object (first on line ${place(problem.first!).split(':')[0]})`, 'each key once (JSON keeps only the last)');
  }
  let root: Node | undefined | null = null;
  const nodeAt = (...at: (string | number)[]): Node | undefined => {
    if (root === null) root = parseTree(text, [], OPTIONS);
    return root === undefined ? undefined : findNodeAtLocation(root, at);
  };
  const offsetOf = (...at: (string | number)[]): number => {
    for (let length = at.length; length >= 0; length--) {
      const node = nodeAt(...at.slice(0, length));
      if (node) return node.offset;
    }
    return 0;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(0, 'a value that is not an object', 'an object with `version`, `stories`, `redirects` and `withdrawn`');
  if (value.version !== 1) return fail(offsetOf('version'), `version ${JSON.stringify(value.version) ?? 'missing'}`, 'version 1');
  for (const key of ['stories', 'redirects', 'withdrawn'] as const) {
    if (!Array.isArray(value[key])) return fail(offsetOf(key), `\`${key}\` that is not a list`, `\`${key}\` as a list`);
  }
  if (value.digests !== undefined && !Array.isArray(value.digests)) return fail(offsetOf('digests'), '`digests` that is not a list', '`digests` as a list');
  const stories = value.stories!;
  const withdrawn = value.withdrawn!;
  const redirects = value.redirects!;
  const digests = value.digests ?? [];
  const isObject = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item);
  const checkEntry = (key: 'stories' | 'withdrawn', entry: unknown, index: number): void => {
    if (!isObject(entry)) return fail(offsetOf(key, index), 'an entry that is not an object', 'an object with `url`, `digest`, `position`, `headline` and `date`');
    if (typeof entry.url !== 'string' || !STORY_URL.test(entry.url)) fail(offsetOf(key, index, 'url'), `URL ${JSON.stringify(String(entry.url).slice(0, 80))}`, 'a story URL (`/stories/2024/05/slug/`)');
    if (typeof entry.digest !== 'string' || !DIGEST_ID.test(entry.digest)) fail(offsetOf(key, index, 'digest'), 'digest id', 'a digest id (`a-z`, `0-9`, `-`, `_`)');
    if (typeof entry.position !== 'number' || !Number.isSafeInteger(entry.position) || entry.position < 1) fail(offsetOf(key, index, 'position'), 'position', 'a whole number from 1');
    if (typeof entry.headline !== 'string') fail(offsetOf(key, index, 'headline'), 'headline', 'a string');
    if (typeof entry.date !== 'string' || !ISO_DATE.test(entry.date)) fail(offsetOf(key, index, 'date'), 'date', 'a date (`2024-05` or `2024-05-12`)');
  };
  stories.forEach((entry, index) => checkEntry('stories', entry, index));
  withdrawn.forEach((entry, index) => checkEntry('withdrawn', entry, index));
  const checkPair = (key: 'redirects' | 'digests', pair: unknown, index: number, valid: RegExp, kind: string): void => {
    if (!isObject(pair)) return fail(offsetOf(key, index), 'an entry that is not an object', 'an object with `from` and `to`');
    for (const end of ['from', 'to'] as const) {
      const item = pair[end];
      if (typeof item !== 'string' || !valid.test(item)) fail(offsetOf(key, index, end), `${kind} ${JSON.stringify(String(item).slice(0, 80))}`, `a ${kind}`);
    }
  };
  redirects.forEach((pair, index) => checkPair('redirects', pair, index, STORY_URL, 'URL'));
  digests.forEach((pair, index) => checkPair('digests', pair, index, DIGEST_ID, 'digest id'));

  // One URL, one page: the first holder of each URL, to name it in the error. Where an
  // entry is in the text is found only for a message: it needs the positioned tree.
  const holders = new Map<string, { readonly what: string; readonly at: () => number }>();
  const claim = (url: string, what: string, at: () => number): void => {
    const holder = holders.get(url);
    if (holder !== undefined) fail(at(), `${what} URL ${url}, already that of the ${holder.what} on line ${place(holder.at()).split(':')[0]}`, 'each URL in one entry only (one page per URL)');
    holders.set(url, { what, at });
  };
  stories.forEach((entry, index) => claim(entry.url, 'story', () => offsetOf('stories', index)));
  withdrawn.forEach((entry, index) => claim(entry.url, 'withdrawn story', () => offsetOf('withdrawn', index)));
  redirects.forEach((pair, index) => claim(pair.from, 'redirect', () => offsetOf('redirects', index)));
  checkChains(redirects, new Set(holders.keys()), (index) => offsetOf('redirects', index), 'redirect', fail);
  const digestSources = new Set<string>();
  digests.forEach((pair, index) => {
    if (digestSources.has(pair.from)) fail(offsetOf('digests', index), `second redirect of digest ${pair.from}`, 'one redirect per digest');
    digestSources.add(pair.from);
  });
  // A digest page exists while the digest has stories (withdrawn ones make no page).
  const liveDigests = new Set(stories.map((entry) => entry.digest));
  digests.forEach((pair, index) => {
    if (liveDigests.has(pair.from)) fail(offsetOf('digests', index), `redirect of digest ${pair.from}, which has stories`, 'redirects only of digests that are gone');
  });
  checkChains(digests, new Set([...liveDigests, ...digestSources]), (index) => offsetOf('digests', index), 'digest redirect', fail);
  return value as PermalinkRegistry;
}

/**
 * Redirects must end somewhere: following `to` from any entry reaches a value
 * that is not itself redirected, and that value answers (`answering`). A cycle
 * (A → B → A) or a target nothing holds is an error at the entry.
 */
function checkChains(
  pairs: readonly { readonly from: string; readonly to: string }[],
  answering: ReadonlySet<string>,
  offsetOf: (index: number) => number,
  kind: string,
  fail: (offset: number, what: string, expected: string) => never,
): void {
  const next = new Map(pairs.map((pair) => [pair.from, pair.to]));
  const settled = new Set<string>();
  pairs.forEach((pair, index) => {
    const path = new Set<string>([pair.from]);
    let at = pair.to;
    while (next.has(at) && !settled.has(at)) {
      if (path.has(at)) fail(offsetOf(index), `${kind} cycle ${[...path, at].join(' → ')}`, `a ${kind} to a page that is not redirected itself`);
      path.add(at);
      at = next.get(at)!;
    }
    if (!settled.has(at) && !answering.has(at)) fail(offsetOf(index), `${kind} from ${pair.from} to ${at}, which nothing answers`, 'a target that is a story, a withdrawn story or another redirect');
    for (const item of path) settled.add(item);
  });
}

export function serializeRegistry(registry: PermalinkRegistry): string {
  return `${JSON.stringify(registry, null, 1)}\n`;
}
