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
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { DigestError, escapeControl } from './messages.ts';
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

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Jaccard similarity of two headlines' word sets, 0–1. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 && wb.size === 0) return 1;
  let shared = 0;
  for (const word of wa) if (wb.has(word)) shared++;
  return shared / (wa.size + wb.size - shared);
}

const SAME_POSITION_THRESHOLD = 0.4;
const SAME_DIGEST_THRESHOLD = 0.6;

/** Registry entries matched to stories: index of story → entry. */
function matchEntries(stories: readonly DatedStory[], entries: readonly RegistryEntry[]): Map<number, RegistryEntry> {
  const matched = new Map<number, RegistryEntry>();
  const used = new Set<RegistryEntry>();
  const byDigest = new Map<string, RegistryEntry[]>();
  for (const entry of entries) byDigest.set(entry.digest, [...(byDigest.get(entry.digest) ?? []), entry]);
  const passes: ((story: DatedStory, entry: RegistryEntry) => boolean)[] = [
    (s, e) => e.headline === s.story.headline && e.position === s.story.position,
    (s, e) => e.headline === s.story.headline,
    (s, e) => e.position === s.story.position && similarity(e.headline, s.story.headline) >= SAME_POSITION_THRESHOLD,
    (s, e) => similarity(e.headline, s.story.headline) >= SAME_DIGEST_THRESHOLD,
  ];
  for (const pass of passes) {
    stories.forEach((story, index) => {
      if (matched.has(index)) return;
      const entry = (byDigest.get(story.digest.id) ?? []).find((candidate) => !used.has(candidate) && pass(story, candidate));
      if (entry) {
        matched.set(index, entry);
        used.add(entry);
      }
    });
  }
  return matched;
}

const monthOf = (url: string): string | undefined => /^\/stories\/(\d{4}\/\d{2})\//.exec(url)?.[1];

export function planPermalinks(stories: readonly DatedStory[], previous: PermalinkRegistry = EMPTY_REGISTRY): PermalinkPlan {
  const known = [...previous.stories, ...previous.withdrawn];
  const matched = matchEntries(stories, known);
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
  return {
    urls,
    registry: {
      version: 1,
      stories: stories
        .map((story, index) => ({ url: urls[index]!, digest: story.digest.id, position: story.story.position, headline: story.story.headline, date: formatIsoDate(story.date) }))
        .sort(byUrl),
      redirects: [...redirects].map(([from, to]) => ({ from, to })).sort((a, b) => byUrl({ url: a.from }, { url: b.from })),
      withdrawn: withdrawn.sort(byUrl),
    },
  };
}

/** A story URL as the build makes them; nothing else may come out of a registry file. */
const STORY_URL = /^\/stories\/\d{4}\/\d{2}\/(?:\d{2}\/)?[a-z0-9]+(?:-[a-z0-9]+)*\/$/;
/** A digest id as `digestId` makes them (src/parse.ts). */
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
export function parseRegistry(text: string | undefined, path: string): PermalinkRegistry {
  if (text === undefined) return EMPTY_REGISTRY;
  const place = (offset: number): string => {
    let line = 1;
    let lineStart = 0;
    for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    return `${line}:${offset - lineStart + 1}`;
  };
  const fail = (offset: number, what: string, expected = 'the permalink registry the build writes'): never => {
    throw new DigestError(escapeControl(`${path}:${place(offset)}: error: Unexpected ${what}, expected ${expected}: ${TODO}`));
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first !== undefined) {
    const found = first.offset >= text.length ? 'end of file' : `\`${text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20)))}\``;
    return fail(first.offset, `${found} (invalid JSON)`, EXPECTED[printParseErrorCode(first.error)] ?? 'valid JSON');
  }
  let value: Partial<PermalinkRegistry>;
  try {
    value = JSON.parse(text) as Partial<PermalinkRegistry>;
  } catch {
    return fail(0, 'invalid JSON', 'valid JSON');
  }
  const nodeAt = (...at: (string | number)[]): Node | undefined => (root === undefined ? undefined : findNodeAtLocation(root, at));
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

  // One URL, one page: the first holder of each URL, to name it in the error.
  const holders = new Map<string, string>();
  const claim = (url: string, what: string, offset: number): void => {
    const holder = holders.get(url);
    if (holder !== undefined) fail(offset, `${what} URL ${url}, already that of the ${holder}`, 'each URL in one entry only (one page per URL)');
    holders.set(url, `${what} on line ${place(offset).split(':')[0]}`);
  };
  stories.forEach((entry, index) => claim(entry.url, 'story', offsetOf('stories', index)));
  withdrawn.forEach((entry, index) => claim(entry.url, 'withdrawn story', offsetOf('withdrawn', index)));
  redirects.forEach((pair, index) => claim(pair.from, 'redirect', offsetOf('redirects', index)));
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
