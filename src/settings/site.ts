/** The site's settings (`data/site.yaml`), with the command line's overrides. */
import { join } from 'node:path';
import { dataError, readDataFile, type DataFile } from './data-file.ts';
import { DigestError } from '../errors.ts';

/** The sections the site navigation can link to (each to its own page, src/site/plan.ts), with their default labels. */
const DEFAULT_NAV_LABELS = {
  home: 'Home', timeline: 'Timeline', pairs: 'Pairs', topics: 'Topics', countries: 'Countries', digests: 'Digests', relations: 'Relations', search: 'Search',
} as const;
export type NavSection = keyof typeof DEFAULT_NAV_LABELS;
export const NAV_SECTIONS = Object.keys(DEFAULT_NAV_LABELS) as readonly NavSection[];

export interface NavEntry {
  readonly section: NavSection;
  readonly label: string;
}

/** The navigation without a `nav` in site.yaml (and for settings made by hand). */
export const DEFAULT_NAV: readonly NavEntry[] = NAV_SECTIONS.map((section) => ({ section, label: DEFAULT_NAV_LABELS[section] }));

/** The tag index pages whose introduction site.yaml may set (`intros`), with the default text. */
export const DEFAULT_INTROS = {
  pairs: 'Every pair of countries the stories are about, with the number of stories on each.',
  topics: 'Every topic the stories are tagged with, with the number of stories on each.',
  countries: 'Every country the stories mention, with the number of stories on each.',
} as const;
export type IntroSection = keyof typeof DEFAULT_INTROS;

/** The search page's facets (Pagefind filters, docs/search.md), in this order, with their default labels (`facets`). */
export const DEFAULT_FACET_LABELS = { pair: 'Country pair', country: 'Country', topic: 'Topic', digest: 'Digest', year: 'Year' } as const;
export type FacetKey = keyof typeof DEFAULT_FACET_LABELS;

export interface SiteSettings {
  readonly title: string;
  readonly description: string;
  /** Absolute, ends with `/`: `https://example.org/news/`. */
  readonly baseUrl: string;
  /** The base URL's path (`/news/`): where the site is served. */
  readonly pathPrefix: string;
  readonly language: string;
  /** Social cards (`/cards/…png`, `og:image`); `false` with `--no-cards`. Set by the build, not by site.yaml. */
  readonly cards?: boolean;
  /**
   * Who citations and structured data name as the author, and the publisher
   * with its logo (a site-relative or absolute URL). Optional for callers that
   * make settings by hand; src/site/ falls back to the title (`siteIdentity`).
   */
  readonly author?: string;
  readonly publisher?: string;
  readonly logo?: { readonly url: string; readonly width: number; readonly height: number };
  /** The site navigation, in order (`nav` in site.yaml); `DEFAULT_NAV` when absent. */
  readonly nav?: readonly NavEntry[];
  /** The tag index pages' introductions (`intros`); `DEFAULT_INTROS` for any not given. */
  readonly intros?: Readonly<Record<IntroSection, string>>;
  /** The search facets' labels (`facets`); `DEFAULT_FACET_LABELS` for any not given. */
  readonly facetLabels?: Readonly<Record<FacetKey, string>>;
}

/** Why `value` cannot be the base URL, or undefined when it can. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Unexpected base URL \`${value}\`, expected an absolute http(s) URL such as https://example.org/news/`;
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    return `Unexpected base URL \`${value}\`, expected an absolute http(s) URL without query or fragment`;
  }
  // `user:password@` would be printed into every canonical link, feed and sitemap.
  if (url.username !== '' || url.password !== '') {
    return 'Unexpected user information in the base URL, expected a public address such as https://example.org/news/ (remove the `name:secret@` part: a password must never be published)';
  }
  return undefined;
}

export function normalizeBaseUrl(value: string, where: string): URL {
  const problem = baseUrlProblem(value);
  if (problem !== undefined) throw new DigestError(`${where}: ${problem}`);
  const url = new URL(value);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * A BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`) in its canonical form, or
 * undefined. Pagefind names index folders after it, so anything that is not a
 * tag (a path such as `../../x`) must never get through.
 */
export function canonicalLanguage(value: string): string | undefined {
  // The grammar's shape first: Intl accepts some forms (`en-u-…` extensions) we do not need.
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value)) return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    return tag !== undefined && /^[A-Za-z0-9-]+$/.test(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `nav`: a mapping of section to label, in the order the navigation shows them;
 * a section left out has no entry. Absent: `DEFAULT_NAV`.
 */
function navEntries(raw: unknown, file: DataFile): readonly NavEntry[] {
  if (raw === undefined || raw === null) return DEFAULT_NAV;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw dataError(file, 'nav', `Unexpected \`nav\` ${Array.isArray(raw) ? 'list' : typeof raw}, expected a mapping of section to label such as \`home: Home\``);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw dataError(file, 'nav', 'Unexpected empty `nav`, expected at least one section such as `home: Home` (or no `nav` for the default)');
  return entries.map(([section, label]): NavEntry => {
    if (!(NAV_SECTIONS as readonly string[]).includes(section)) {
      throw dataError(file, `nav.${section}`, `Unexpected nav section \`${section}\`, expected one of ${NAV_SECTIONS.join(', ')}`);
    }
    if (typeof label !== 'string' || label.trim() === '') throw dataError(file, `nav.${section}`, `Unexpected label of nav section \`${section}\`, expected a line of text`);
    return { section: section as NavSection, label: label.trim() };
  });
}

/**
 * A mapping of known keys to lines of text (`intros`, `facets`): each key one
 * of `defaults`', each value a line of text; a key not given keeps its default.
 */
function textsOf<K extends string>(raw: unknown, file: DataFile, name: string, defaults: Readonly<Record<K, string>>, example: string): Readonly<Record<K, string>> {
  if (raw === undefined || raw === null) return defaults;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw dataError(file, name, `Unexpected \`${name}\` ${Array.isArray(raw) ? 'list' : typeof raw}, expected a mapping such as \`${example}\``);
  }
  const texts: Record<string, string> = { ...defaults };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Object.hasOwn(defaults, key)) throw dataError(file, `${name}.${key}`, `Unexpected ${name} key \`${key}\`, expected one of ${Object.keys(defaults).join(', ')}`);
    if (typeof value !== 'string' || value.trim() === '') throw dataError(file, `${name}.${key}`, `Unexpected \`${name}.${key}\`, expected a line of text`);
    texts[key] = value.trim();
  }
  return texts as Record<K, string>;
}

/** The publisher's logo: a site-relative path (`/assets/logo.png`) or an absolute http(s) URL, nothing else. */
function logoUrl(value: string, where: string): string {
  if (/^\/(?!\/)[^\s]*$/.test(value) || /^https?:\/\/[^\s]+$/i.test(value)) return value;
  throw new DigestError(`${where}: Unexpected \`logo\` \`${value}\`, expected a site-relative path such as /assets/logo.png or an absolute http(s) URL`);
}

export async function loadSiteSettings(dataDir: string, overrides: { baseUrl?: string | undefined }): Promise<SiteSettings> {
  const { file, value } = readDataFile(join(dataDir, 'site.yaml'));
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw dataError(file, '', `Unexpected ${Array.isArray(value) ? 'list' : typeof value} at the top level, expected a mapping of settings (\`title: …\`)`);
  }
  const raw = (value ?? {}) as Record<string, unknown>;
  const text = (key: string, fallback: string): string => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'string' || value.trim() === '') throw dataError(file, key, `Unexpected \`${key}\`, expected a line of text`);
    return value.trim();
  };
  const setting = (key: string, fallback: string, problem: (text: string) => string | undefined): string => {
    const value = text(key, fallback);
    const reason = problem(value);
    if (reason !== undefined) throw dataError(file, key, reason);
    return value;
  };
  const size = (key: string, fallback: number): number => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw dataError(file, key, `Unexpected \`${key}\`, expected a whole number of pixels`);
    return value;
  };
  const baseUrl = overrides.baseUrl === undefined
    ? normalizeBaseUrl(setting('baseUrl', 'https://example.org/', baseUrlProblem), file.path)
    : normalizeBaseUrl(overrides.baseUrl, '--base-url');
  const language = setting('language', 'en', (tag) =>
    canonicalLanguage(tag) === undefined ? `Unexpected language \`${tag}\`, expected a BCP 47 language tag such as \`en\` or \`pt-BR\`` : undefined);
  return {
    title: text('title', 'News Digest'),
    description: text('description', 'News digest'),
    baseUrl: baseUrl.href,
    pathPrefix: baseUrl.pathname,
    language: canonicalLanguage(language)!,
    author: text('author', `${text('title', 'News Digest')} editors`),
    publisher: text('publisher', text('title', 'News Digest')),
    logo: { url: logoUrl(text('logo', '/assets/logo.png'), file.path), width: size('logoWidth', 112), height: size('logoHeight', 112) },
    nav: navEntries(raw['nav'], file),
    intros: textsOf(raw['intros'], file, 'intros', DEFAULT_INTROS, 'pairs: Every pair of countries …'),
    facetLabels: textsOf(raw['facets'], file, 'facets', DEFAULT_FACET_LABELS, 'pair: Country pair'),
  };
}

/**
 * `keep_files` (as Jekyll's): paths in the output folder a full build never
 * deletes, beside `.git`, `CNAME` and `.nojekyll`, which it always keeps.
 */
export async function loadKeepFiles(dataDir: string): Promise<readonly string[]> {
  let read;
  try {
    read = readDataFile(join(dataDir, 'site.yaml'));
  } catch {
    return []; // a missing or broken site.yaml is reported by loadSiteSettings, which reads it first
  }
  const { file, value: raw } = read;
  const value = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)['keep_files'] : undefined) ?? [];
  const valid = (entry: unknown): entry is string => typeof entry === 'string' && entry !== '' && !entry.startsWith('/') && !entry.includes('\\') && entry.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
  if (!Array.isArray(value) || !value.every(valid)) {
    throw dataError(file, 'keep_files', 'Unexpected `keep_files`, expected a list of paths inside the output folder such as [CNAME, downloads]');
  }
  return value;
}
