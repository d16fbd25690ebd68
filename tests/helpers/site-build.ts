/**
 * Helpers for the site tests: a keyword tagger (so tag pages exist before the
 * real tagger is wired in), synthetic records, a temporary seeds folder, and
 * a reader for a built site.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { SiteLabels } from '../../src/site/plan.ts';
import type { StoryRecord, StoryTags } from '../../src/types.ts';

const COUNTRY_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:north korea|north korean|pyongyang|dprk)\b/g, 'north-korea'],
  [/\b(?:china|chinese|beijing|xi)\b/g, 'china'],
  [/\b(?:russia|russian|moscow|putin)\b/g, 'russia'],
  [/\b(?:iran|iranian|tehran)\b/g, 'iran'],
];

const TOPIC_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:military|arms|weapons?|artillery|air defense|missiles?|satellite)\b/, 'military'],
  [/\b(?:summit|visit|talks|communiqué)\b/, 'diplomacy'],
  [/\b(?:oil|gas|fuel|petroleum|pipeline)\b/, 'energy'],
  [/\bsanction/, 'sanctions'],
];

/** Countries by first mention; the first two make the pair (slugs sorted); topics by keyword. */
export function keywordTagger(story: { readonly headline: string; readonly paragraphs: readonly string[] }): StoryTags {
  const text = [story.headline, ...story.paragraphs].join('\n').toLowerCase();
  const found: { slug: string; at: number }[] = [];
  for (const [pattern, slug] of COUNTRY_WORDS) {
    const masked = slug === 'north-korea' ? text : text.replace(/north korean?/g, '');
    const at = masked.search(pattern);
    if (at !== -1) found.push({ slug, at });
  }
  const countries = found.sort((a, b) => a.at - b.at).map((c) => c.slug);
  const [a, b] = countries;
  const pairs = a && b ? [a < b ? `${a}-${b}` : `${b}-${a}`] : [];
  const topics = TOPIC_WORDS.filter(([pattern]) => pattern.test(text)).map(([, slug]) => slug).slice(0, 3);
  return { countries, pairs, topics, organizations: [] };
}

export const testLabels: SiteLabels = {
  country: (slug) => ({ china: 'China', russia: 'Russia', 'north-korea': 'North Korea', iran: 'Iran' })[slug] ?? '',
  topic: (slug) => ({ military: 'Military cooperation', diplomacy: 'Diplomacy', energy: 'Energy' })[slug] ?? '',
  topicDescription: (slug) => (slug === 'energy' ? 'Oil, gas and power.' : ''),
};

/** The hostile headline as the seed types it: `&amp;` is a character reference. */
const HOSTILE_TYPED = `Russia & China: <script>alert("x")</script> "quotes" </script> {{ 7*7 }} {% include "x" %} &amp; 'single'`;

/** The same headline as the parser reads it: a character reference in plain text is decoded, as remark decodes it in Markdown. */
export const HOSTILE_HEADLINE = HOSTILE_TYPED.replace('&amp;', '&');

export const HOSTILE_SEED = `---
date: 2025-06
title: "June 2025 <b>Digest</b> & co"
---
${HOSTILE_TYPED}
On June 3, Russia and China said <script>alert(1)</script> and </script><script>alert(2)</script> plus {{ 7*7 }} and {% include "x" %} and &amp; and "quotes" about military ties.
A second paragraph about Iran\u2028with a line separator and a right-to-left name, مرحبا.
|
`;

/** A temporary copy of `seeds/` plus extra seed files. */
export async function seedsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nd-seeds-'));
  await cp('seeds', dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Every file of a built site: path relative to the root (`pairs/index.html`) → bytes. */
export async function readSite(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split('\\').join('/'), await readFile(path));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The URL path a file is served at: `x/index.html` → `/x/`. */
export function pathOf(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

/** A synthetic record, for site-data tests. */
export function record(overrides: Partial<StoryRecord> & { readonly date: string; readonly slug: string }): StoryRecord {
  const [year, month, day] = overrides.date.split('-');
  const url = `/stories/${year}/${month}/${day === undefined ? '' : `${day}/`}${overrides.slug}/`;
  const digestId = overrides.digest?.id ?? `${year}-${month}`;
  return {
    id: url.slice(9, -1).replaceAll('/', '-'),
    url,
    headline: `Story ${overrides.slug}`,
    paragraphs: ['First paragraph.', 'Second paragraph.'],
    html: '<p>First paragraph.</p>\n<p>Second paragraph.</p>',
    digest: { id: digestId, date: `${year}-${month}`, title: `Digest ${digestId}`, file: `seeds/${digestId}.txt` },
    datePrecision: day === undefined ? 'month' : 'day',
    dateSource: 'text',
    countries: [],
    pairs: [],
    topics: [],
    organizations: [],
    wordCount: 4,
    source: { file: `seeds/${digestId}.txt`, line: 5 },
    ...overrides,
  };
}
