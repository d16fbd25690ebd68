/** The site's settings (`data/site.yaml`), with the command line's overrides. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DigestError } from './messages.ts';

export interface SiteSettings {
  readonly title: string;
  readonly description: string;
  /** Absolute, ends with `/`: `https://example.org/news/`. */
  readonly baseUrl: string;
  /** The base URL's path (`/news/`): where the site is served. */
  readonly pathPrefix: string;
  readonly language: string;
  /**
   * Who citations and structured data name as the author, and the publisher
   * with its logo (a site-relative or absolute URL). Optional for callers that
   * make settings by hand; src/site/ falls back to the title (`siteIdentity`).
   */
  readonly author?: string;
  readonly publisher?: string;
  readonly logo?: { readonly url: string; readonly width: number; readonly height: number };
}

export function normalizeBaseUrl(value: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DigestError(`${where}: Unexpected base URL \`${value}\`, expected an absolute http(s) URL such as https://example.org/news/`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    throw new DigestError(`${where}: Unexpected base URL \`${value}\`, expected an absolute http(s) URL without query or fragment`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The publisher's logo: a site-relative path (`/assets/logo.png`) or an absolute http(s) URL, nothing else. */
function logoUrl(value: string, where: string): string {
  if (/^\/(?!\/)[^\s]*$/.test(value) || /^https?:\/\/[^\s]+$/i.test(value)) return value;
  throw new DigestError(`${where}: Unexpected \`logo\` \`${value}\`, expected a site-relative path such as /assets/logo.png or an absolute http(s) URL`);
}

export async function loadSiteSettings(dataDir: string, overrides: { baseUrl?: string | undefined }): Promise<SiteSettings> {
  const path = join(dataDir, 'site.yaml');
  const raw = (parse(await readFile(path, 'utf8')) ?? {}) as Record<string, unknown>;
  const text = (key: string, fallback: string): string => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'string' || value.trim() === '') throw new DigestError(`${path}: Unexpected \`${key}\`, expected a line of text`);
    return value.trim();
  };
  const size = (key: string, fallback: number): number => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new DigestError(`${path}: Unexpected \`${key}\`, expected a whole number of pixels`);
    return value;
  };
  const baseUrl = overrides.baseUrl === undefined
    ? normalizeBaseUrl(text('baseUrl', 'https://example.org/'), path)
    : normalizeBaseUrl(overrides.baseUrl, '--base-url');
  return {
    title: text('title', 'News Digest'),
    description: text('description', 'News digest'),
    baseUrl: baseUrl.href,
    pathPrefix: baseUrl.pathname,
    language: text('language', 'en'),
    author: text('author', `${text('title', 'News Digest')} editors`),
    publisher: text('publisher', text('title', 'News Digest')),
    logo: { url: logoUrl(text('logo', '/assets/logo.png'), path), width: size('logoWidth', 112), height: size('logoHeight', 112) },
  };
}
