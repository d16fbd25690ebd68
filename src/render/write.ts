/**
 * Rendered pages → files. Eleventy's own writer checks for and creates each
 * page's folder and writes through its file-system manager; pages are written
 * here instead, from `toJSON()`: one `mkdir` per folder (every page has its own
 * folder, `…/slug/index.html`, so one call a page and no existence check) and
 * synchronous writes (nothing else runs meanwhile: src/engine/shards.ts).
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RenderedPage {
  /** Where Eleventy would have written it, under the output folder; `false` for a page without a permalink. */
  readonly outputPath: string | false;
  readonly content: string;
}

/** Write every page; returns how many were written. */
export function writePages(pages: readonly RenderedPage[]): number {
  const folders = new Set<string>();
  let written = 0;
  for (const page of pages) {
    if (page.outputPath === false) continue;
    const folder = dirname(page.outputPath);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(page.outputPath, page.content);
    written++;
  }
  return written;
}

/**
 * The static assets: `templatesDir/assets/` → `/assets/`, and the favicon at
 * the root, where browsers look for it. Templates without assets (a test's)
 * copy nothing, as Eleventy's passthrough copy did.
 */
export function copyAssets(templatesDir: string, outDir: string): void {
  const assets = join(templatesDir, 'assets');
  if (!existsSync(assets)) return;
  cpSync(assets, join(outDir, 'assets'), { recursive: true, preserveTimestamps: true });
  if (existsSync(join(assets, 'favicon.svg'))) cpSync(join(assets, 'favicon.svg'), join(outDir, 'favicon.svg'), { preserveTimestamps: true });
}
