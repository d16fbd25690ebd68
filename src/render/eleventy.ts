/**
 * Site data → HTML files, by Eleventy 3 through its programmatic API. The only
 * inputs Eleventy sees are the templates in `templates/` and one global data
 * object, `nd`; seed text reaches it only as data, never as template source or
 * front matter, so nothing a seed says can run or steer a page.
 */
// First: it must run before Eleventy's modules are evaluated.
import './esm-resolver.ts';
import Eleventy from '@11ty/eleventy';
import { linkFor, siteConfig, type EleventyUserConfig } from './config.ts';
import { addPageTemplates } from './page-kinds.ts';
import { copyAssets, PageWriter, type RenderedPage } from './write.ts';
import { DigestError } from '../errors.ts';

export interface RenderOptions {
  readonly templatesDir: string;
  readonly outDir: string;
  readonly data: object;
  /** Serve the site under a sub-path (`/news/`); every link goes through the `url` filter. */
  readonly pathPrefix?: string;
  /** Copy static assets (default true); one shard of a sharded build does it. */
  readonly passthrough?: boolean;
}

export class RenderError extends DigestError {}

/**
 * Render every template into `outDir`; returns how many pages were written. With `writer`, the
 * pages are handed to it and may still be being written when this returns (its owner flushes it);
 * without, they are all written when it returns.
 */
export async function renderSite(options: RenderOptions, writer?: PageWriter): Promise<number> {
  const eleventy = new Eleventy(options.templatesDir, options.outDir, {
    quietMode: true,
    pathPrefix: options.pathPrefix ?? '/',
    config(config: EleventyConfig) {
      // Frozen, so Eleventy's data cascade shares it by reference instead of deep-copying it into every template's data (a copy of every page item per template).
      config.addGlobalData('nd', Object.freeze({ ...options.data }));
      // Every template paginates one page item at a time and writes it to the
      // item's own URL. A function, not `permalink: "{{ item.url }}"` in front
      // matter: Eleventy compiles a permalink string anew for every page.
      config.addGlobalData('permalink', () => (data: { item?: { url?: string } }) => {
        if (typeof data.item?.url !== 'string') throw new TypeError('Expected every page item to have a `url`');
        return data.item.url;
      });
      // No `_data/` folder, no `.eleventy.js`: this function is the whole configuration.
      config.setDataDirectory('.no-data');
      config.setTemplateFormats(['njk', '11ty.js']);
      // The page kinds' templates (src/render/page-kinds.ts): virtual, one per kind this build renders.
      const pages = (options.data as { pages?: Record<string, unknown[]> }).pages;
      if (pages) addPageTemplates(config, pages, linkFor);
      config.setUseGitIgnore(false);
      siteConfig(config, { pathPrefix: options.pathPrefix ?? '/' });
    },
  });
  eleventy.disableLogger();
  try {
    // Rendered by Eleventy, written by src/render/write.ts (one mkdir a folder, no existence checks).
    const pages = (await eleventy.toJSON()) as RenderedPage[];
    const own = writer ?? new PageWriter();
    const written = own.writePages(pages);
    if (options.passthrough ?? true) copyAssets(options.templatesDir, options.outDir);
    if (!writer) await own.flush();
    return written;
  } catch (error) {
    throw new RenderError(`Rendering the site failed in Eleventy: ${(error as Error).message}`, { cause: error });
  }
}

interface EleventyConfig extends EleventyUserConfig {
  addTemplate(virtualPath: string, content: unknown, data: object): void;
  addGlobalData(name: string, value: unknown): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(value: boolean): void;
}
