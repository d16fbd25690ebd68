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
import { DigestError } from './messages.ts';
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

/**
 * Read a registry file's text; `undefined` text means there is none yet. The
 * file sits in the seeds folder, so it is untrusted like a seed: every URL in
 * it must be a story URL (no `javascript:`, no paths outside /stories/).
 */
export function parseRegistry(text: string | undefined, path: string): PermalinkRegistry {
  if (text === undefined) return EMPTY_REGISTRY;
  const fail = (line: number, what: string): never => {
    throw new DigestError(`${path}:${line}:1: error: Unexpected ${what}, expected the permalink registry the build writes (restore it from version control)`);
  };
  let value: Partial<PermalinkRegistry>;
  try {
    value = JSON.parse(text) as Partial<PermalinkRegistry>;
  } catch (error) {
    const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    return fail(text.slice(0, offset).split('\n').length, 'invalid JSON');
  }
  if (value?.version !== 1 || !Array.isArray(value.stories) || !Array.isArray(value.redirects) || !Array.isArray(value.withdrawn)) {
    return fail(1, 'content');
  }
  const lineOf = (needle: string): number => Math.max(1, text.slice(0, text.indexOf(needle)).split('\n').length);
  const checkUrl = (url: unknown): void => {
    if (typeof url !== 'string' || !STORY_URL.test(url)) fail(lineOf(JSON.stringify(String(url))), `URL ${JSON.stringify(String(url).slice(0, 80))}`);
  };
  for (const entry of [...value.stories, ...value.withdrawn]) {
    checkUrl(entry?.url);
    if (typeof entry.headline !== 'string' || typeof entry.digest !== 'string' || typeof entry.position !== 'number' || typeof entry.date !== 'string') {
      fail(lineOf(JSON.stringify(entry.url)), 'entry');
    }
  }
  for (const redirect of value.redirects) {
    checkUrl(redirect?.from);
    checkUrl(redirect?.to);
  }
  return value as PermalinkRegistry;
}

export function serializeRegistry(registry: PermalinkRegistry): string {
  return `${JSON.stringify(registry, null, 1)}\n`;
}
