/**
 * The build: seeds → records → site, with every file-system effect in one
 * place. The new site is rendered into a staging folder beside the output and
 * swapped in only when everything succeeded, so a bad seed or a failed render
 * leaves the published site exactly as it was.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { VFile } from 'vfile';
import { loadSiteSettings, type SiteSettings } from './config.ts';
import { formatMessages, InvalidSeedsError } from './messages.ts';
import { parseSeed } from './parse.ts';
import { toRecords, type Tagger } from './records.ts';
import { renderSite } from './render.ts';
import { listSeeds } from './seeds.ts';
import { buildSiteData } from './site.ts';
import type { ParsedDigest, StoryRecord } from './types.ts';

export interface BuildOptions {
  readonly seedsDir: string;
  readonly outDir: string;
  readonly baseUrl?: string | undefined;
  readonly templatesDir?: string;
  readonly dataDir?: string;
  /** Progress and notices; the CLI passes a logger that stays quiet in CI. */
  readonly log?: (line: string) => void;
}

export interface BuildSummary {
  readonly digests: number;
  readonly stories: number;
  readonly pages: number;
  readonly milliseconds: number;
  readonly warnings: readonly string[];
}

export interface LoadedSeeds {
  readonly files: readonly VFile[];
  readonly digests: readonly ParsedDigest[];
  readonly notices: readonly string[];
}

const PROJECT_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Read and parse every seed; every problem of every file ends up on `files`. */
export async function loadSeeds(seedsDir: string): Promise<LoadedSeeds> {
  const listing = await listSeeds(seedsDir);
  const files: VFile[] = [];
  const digests: ParsedDigest[] = [];
  const owners = new Map<string, string>();
  for (const path of listing.files) {
    const file = new VFile({ path, value: await readFile(path) });
    files.push(file);
    const digest = parseSeed(file, basename(path));
    if (!digest) continue;
    const owner = owners.get(digest.digest.id);
    if (owner !== undefined) {
      const message = file.message(`Unexpected digest id \`${digest.digest.id}\` already used by ${owner}, expected a unique file name`, { place: { line: 1, column: 1 }, ruleId: 'duplicate-digest', source: 'news-digest' });
      message.fatal = true;
      continue;
    }
    owners.set(digest.digest.id, path);
    digests.push(digest);
  }
  return { files, digests, notices: listing.notices };
}

/** Throws `InvalidSeedsError` listing every problem when any seed has an error. */
export function assertValid(seeds: LoadedSeeds): string[] {
  const report = formatMessages(seeds.files);
  if (report.errors > 0) {
    const summary = `${report.errors} ${report.errors === 1 ? 'error' : 'errors'} in ${seeds.files.filter((f) => f.messages.some((m) => m.fatal)).length} of ${seeds.files.length} seed files; nothing was built, the previous site is unchanged`;
    throw new InvalidSeedsError([...report.lines, summary].join('\n'));
  }
  return report.lines;
}

export function recordsJson(records: readonly StoryRecord[]): string {
  return `${JSON.stringify({ stories: records }, null, 2)}\n`;
}

export async function build(options: BuildOptions, tagger?: Tagger): Promise<BuildSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const templatesDir = options.templatesDir ?? join(PROJECT_ROOT, 'templates');
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, 'data');
  const settings: SiteSettings = await loadSiteSettings(dataDir, { baseUrl: options.baseUrl });

  const seeds = await loadSeeds(options.seedsDir);
  for (const notice of seeds.notices) log(notice);
  const warnings = assertValid(seeds);
  for (const warning of warnings) log(warning);
  log(`parsed ${seeds.digests.length} digests`);

  const records = toRecords(seeds.digests, tagger);
  const data = buildSiteData(records, settings);

  const outDir = resolve(options.outDir);
  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.staging-`));
  let pages: number;
  try {
    pages = await renderSite({ templatesDir, outDir: staging, data, pathPrefix: settings.pathPrefix });
    await writeFile(join(staging, 'stories.json'), recordsJson(records));
    await swapIn(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { digests: seeds.digests.length, stories: records.length, pages, milliseconds: performance.now() - started, warnings };
}

/** Replace `outDir` by `staging` with two renames, so readers never see half a site. */
async function swapIn(staging: string, outDir: string): Promise<void> {
  const exists = await stat(outDir).then(() => true, () => false);
  if (!exists) {
    await rename(staging, outDir);
    return;
  }
  const retired = `${staging}.old`;
  await rename(outDir, retired);
  await rename(staging, outDir);
  await rm(retired, { recursive: true, force: true });
}
