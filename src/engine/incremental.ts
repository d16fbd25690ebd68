/**
 * Which pages to render. Every page is an item of `nd.pages.<kind>` whose
 * template reads only that item and `nd.site`, so a page's output is a function
 * of its item: an unchanged item hash means an unchanged file. A manifest of
 * the last build's output files and item hashes says what to render again and
 * what to delete; a different template or settings version means everything.
 */
import { hashOf } from '../hash.ts';
import type { OnDemand, PlannedStories } from '../site/types.ts';
import type { StoryRecord } from '../types.ts';

export interface PageItem {
  readonly url: string;
}

export type PageSet = Readonly<Record<string, readonly PageItem[]>>;

/**
 * Pages of one kind built on demand. `key(i)` is a hash of everything page i
 * is made from, cheaper than building the page and hashing it: an incremental
 * build only builds the pages whose key changed. Used for story pages, 85 % of
 * all pages, their citation files, feeds and cards: the site says what each
 * is made of (`OnDemand`, src/site/types.ts), `keyPages` makes the keys.
 */
export interface LazyPages<T extends PageItem = PageItem> {
  readonly urls: readonly string[];
  readonly key: (index: number) => string;
  readonly build: (index: number) => T;
}

/**
 * The site's on-demand pages with their keys. A story stands in a key by its
 * record's key (`recordKeyOf`, src/engine/keys.ts) and the labels its pages
 * show; the listings' shared story links are hashed by the same key instead
 * of their JSON (`hashItem`). `recordKeyOf` must change whenever a record could.
 */
export function keyPages<K extends string, T extends Record<K, OnDemand<PageItem>>>(
  lazy: T,
  stories: PlannedStories,
  recordKeyOf: (record: StoryRecord) => string,
): { readonly [P in keyof T]: LazyPages<ReturnType<T[P]['build']>> } {
  // Hashed once a story: listings and pages then join short keys, not labels (docs/performance.md).
  const storyKeys = stories.records.map((record, index) => hashOf(recordKeyOf(record), stories.labels[index] ?? '').slice(0, HASH_CHARS));
  stories.links.forEach((link, index) => declareReferenceHash(link, storyKeys[index]!));
  const keyed = Object.entries(lazy).map(([kind, list]) => {
    const { urls, madeOf, build } = list as OnDemand<PageItem>;
    const key = (index: number): string => {
      const { stories: made, facts } = madeOf(index);
      // A file made of one story and nothing else (a citation file) is keyed by that story's
      // key: right only because `madeOf` names everything such a file depends on.
      if (made.length === 1 && facts.length === 0 && made[0] !== null) return storyKeys[made[0]!] ?? '';
      return hashOf(made.map((story) => (story === null ? '' : (storyKeys[story] ?? ''))).join('\u0001'), ...facts);
    };
    return [kind, { urls, key, build }];
  });
  return Object.fromEntries(keyed) as { readonly [P in keyof T]: LazyPages<ReturnType<T[P]['build']>> };
}

export type LazyPageSet = Readonly<Record<string, LazyPages>>;

export interface PageManifest {
  readonly version: string;
  /** output path (relative to the site folder) → `kind:hash` of what made it */
  readonly outputs: ReadonlyMap<string, string>;
}

/**
 * A manifest as the build keeps it between builds: two parallel lists, which
 * JSON reads back in a fraction of the time an object of 12,000 keys took.
 */
export interface SavedManifest {
  readonly version: string;
  readonly paths: readonly string[];
  readonly hashes: readonly string[];
}

export const saveManifest = (manifest: PageManifest): SavedManifest => ({ version: manifest.version, paths: [...manifest.outputs.keys()], hashes: [...manifest.outputs.values()] });

/** A kept manifest, or undefined if it is not one (a file from another version of this code). */
export function loadManifest(saved: Partial<SavedManifest> | undefined): PageManifest | undefined {
  const { version, paths, hashes } = saved ?? {};
  if (typeof version !== 'string' || !Array.isArray(paths) || !Array.isArray(hashes) || paths.length !== hashes.length) return undefined;
  return { version, outputs: new Map(paths.map((path, index) => [path, hashes[index]!])) };
}

/** Bits of a page's hash kept in the manifest: 96, against 12,000 pages. */
const HASH_CHARS = 24;

/** `/a/b/` → `a/b/index.html`; `/feed.xml` → `feed.xml` — the rule Eleventy uses for permalinks. */
export function outputPathOf(url: string): string {
  const path = url.replace(/^\/+/, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/** Hashes of the shared references, computed once per object per build. */
const referenceHashes = new WeakMap<object, string>();

/**
 * An item's hash: of its JSON, except that each nested object with a `url` (a
 * story, tag or digest reference) stands in by its own hash, computed once
 * per object. Listings share those references (a story appears in a dozen
 * listings), so each is serialised once instead of on every page that lists
 * it (docs/performance.md). Page data is never changed after it is
 * built, so a reference's hash cannot go stale.
 */
export function hashItem(item: object): string {
  return hashOf(fingerprint(item));
}

/**
 * Declare what a shared reference is made from, when that is cheaper to know
 * than its JSON (a story link: its story's key, `keyPages`). `key`
 * must change whenever the reference's content could.
 */
export function declareReferenceHash(reference: object, key: string): void {
  referenceHashes.set(reference, `#key:${key}`);
}

/**
 * The item's JSON, but with each nested reference (an object with a `url`)
 * replaced by its hash. Walked by hand: `JSON.stringify` with a replacer
 * calls back into JavaScript for every value; this walk visits the same values
 * in a fifth of the time (docs/performance.md). Only distinctness matters, not valid JSON.
 */
function fingerprint(value: object): string {
  return Array.isArray(value) ? arrayPrint(value) : objectPrint(value as Record<string, unknown>);
}

function valuePrint(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return arrayPrint(value);
  if (typeof (value as { url?: unknown }).url !== 'string') return objectPrint(value as Record<string, unknown>);
  let hash = referenceHashes.get(value);
  if (hash === undefined) referenceHashes.set(value, (hash = `#${hashOf(objectPrint(value as Record<string, unknown>))}`));
  return hash;
}

function arrayPrint(values: readonly unknown[]): string {
  let text = '[';
  for (const value of values) text += `${valuePrint(value)},`;
  return `${text}]`;
}

function objectPrint(record: Record<string, unknown>): string {
  let text = '{';
  for (const key in record) {
    const value = record[key];
    if (value !== undefined && typeof value !== 'function') text += `${key}:${valuePrint(value)},`;
  }
  return `${text}}`;
}

export function manifestOf(pages: PageSet, version: string, lazy: LazyPageSet = {}): PageManifest {
  const outputs = new Map<string, string>();
  for (const kind of Object.keys(pages).sort()) {
    for (const item of pages[kind] ?? []) outputs.set(outputPathOf(item.url), `${kind}:${hashItem(item).slice(0, HASH_CHARS)}`);
  }
  for (const kind of Object.keys(lazy).sort()) {
    const { urls, key } = lazy[kind]!;
    urls.forEach((url, index) => outputs.set(outputPathOf(url), `${kind}:${key(index).slice(0, HASH_CHARS)}`));
  }
  return { version, outputs };
}

/**
 * On-demand pages to render, not built yet: `build(index)` for each of
 * `indices`, called when their shard renders (src/engine/shards.ts), so that
 * a lane holds one shard's story pages at a time, not all of them.
 */
export interface PendingPages<T extends PageItem = PageItem> {
  readonly indices: readonly number[];
  readonly build: (index: number) => T;
}

export type PendingPageSet = Readonly<Record<string, PendingPages>>;

export interface PagePlan {
  /** The built pages to render: all of them, or only new and changed ones. */
  readonly render: PageSet;
  /** The on-demand pages to render, likewise, still to be built. */
  readonly pending: PendingPageSet;
  /** Output files of the previous build that no page produces any more. */
  readonly remove: readonly string[];
  readonly full: boolean;
  readonly total: number;
  readonly changed: number;
}

/** Every page for a full build, the changed ones otherwise; `lazy` pages are left to be built as they render. */
export function planPages(pages: PageSet, next: PageManifest, previous: PageManifest | undefined, lazy: LazyPageSet = {}): PagePlan {
  const total = [...Object.values(pages).map((items) => items.length), ...Object.values(lazy).map((list) => list.urls.length)].reduce((sum, count) => sum + count, 0);
  const full = !previous || previous.version !== next.version;
  const isChanged = (url: string): boolean => {
    const path = outputPathOf(url);
    return full || previous?.outputs.get(path) !== next.outputs.get(path);
  };
  const render: Record<string, readonly PageItem[]> = {};
  for (const [kind, items] of Object.entries(pages)) render[kind] = full ? items : items.filter((item) => isChanged(item.url));
  const pending: Record<string, PendingPages> = {};
  for (const [kind, { urls, build }] of Object.entries(lazy)) {
    const indices: number[] = [];
    urls.forEach((url, index) => {
      if (isChanged(url)) indices.push(index);
    });
    pending[kind] = { indices, build };
  }
  const changed = [...Object.values(render).map((items) => items.length), ...Object.values(pending).map((list) => list.indices.length)].reduce((sum, count) => sum + count, 0);
  if (full) return { render, pending, remove: [], full: true, total, changed };
  const remove = [...previous.outputs.keys()].filter((path) => !next.outputs.has(path)).sort();
  return { render, pending, remove, full: false, total, changed };
}
