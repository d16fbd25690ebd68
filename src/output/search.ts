/**
 * The rendered site → a static full-text index in `<site>/pagefind/`, built by
 * Pagefind after Eleventy. Only story pages are indexed: the glob keeps every
 * other page out even before the story template carries `data-pagefind-body`,
 * and the filters, sort key and metadata come from the story template's
 * `data-pagefind-*` attributes (docs/search.md). /search/ reads it with
 * `pagefind.js` and our own small UI (templates/assets/search.js).
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { DigestError } from '../errors.ts';

export interface SearchIndexOptions {
  /** A BCP 47 tag (`en`); one language means one index, whatever `lang` a page declares. */
  readonly language?: string;
  /** Which rendered files are stories, relative to the site folder. */
  readonly glob?: string;
  /** Where the index goes (default `<site>/pagefind`). */
  readonly outputPath?: string;
}

export interface SearchIndexSummary {
  readonly pages: number;
  readonly files: number;
  readonly bytes: number;
  readonly milliseconds: number;
}

export class SearchIndexError extends DigestError {}

export const STORY_GLOB = 'stories/**/*.html';

/** Letters, digits and hyphens in BCP 47's shape: never a path separator or a dot. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * Pagefind also writes its three ready-made UIs; /search/ uses none of them
 * (they cannot sort by date, and our CSP is simpler to keep with our own
 * script), so they are removed rather than published.
 */
const UNUSED = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)$/;

export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexSummary> {
  const started = performance.now();
  const outputPath = options.outputPath ?? join(siteDir, 'pagefind');
  const fail = (step: string, errors: readonly string[]): never => {
    throw new SearchIndexError(`Building the search index of ${siteDir} failed while ${step}: ${errors.join('; ')}`);
  };
  // Defence in depth (settings already checked it): Pagefind names files after the
  // language, so a value such as `../../x` would write outside the site folder.
  const language = options.language ?? 'en';
  if (!LANGUAGE_TAG.test(language)) throw new SearchIndexError(`Unexpected search language \`${language}\`, expected a BCP 47 language tag such as \`en\`: fix \`language\` in data/site.yaml`);
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index || created.errors.length > 0) return fail('starting Pagefind', created.errors);
    const added = await created.index.addDirectory({ path: siteDir, glob: options.glob ?? STORY_GLOB });
    if (added.errors.length > 0) fail('reading the pages', added.errors);
    const written = await created.index.writeFiles({ outputPath });
    if (written.errors.length > 0) fail('writing the index', written.errors);
  } finally {
    // The service is a child process: leaving it running would keep the CLI alive.
    await pagefind.close();
  }
  for (const name of await readdir(outputPath)) {
    if (UNUSED.test(name)) await rm(join(outputPath, name));
  }
  const { files, bytes } = await measure(outputPath);
  return { pages: await indexedPages(outputPath), files, bytes, milliseconds: performance.now() - started };
}

/** Pages in the index, from Pagefind's own manifest (its `page_count` counts files read, not kept). */
export async function indexedPages(pagefindDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(pagefindDir, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
  return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

async function measure(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
