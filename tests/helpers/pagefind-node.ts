/**
 * Load a built `pagefind/pagefind.js` in Node and search it, the way the
 * browser does: its `fetch` calls for index files are answered from disk.
 * (Node has no `Worker`, so Pagefind runs on the main thread here.)
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PagefindResult {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Record<string, string>;
  readonly filters: Record<string, string[]>;
}

export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, options?: Record<string, unknown>): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[]; filters: Record<string, Record<string, number>> }>;
}

export async function loadPagefind(pagefindDir: string, baseUrl = '/'): Promise<PagefindApi> {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith('file:')) return original(input);
    return new Response(await readFile(fileURLToPath(url.split('?')[0] as string)));
  }) as typeof fetch;
  const base = pathToFileURL(`${pagefindDir}/`).href;
  const api = (await import(`${base}pagefind.js`)) as PagefindApi;
  await api.options({ basePath: base, baseUrl });
  return api;
}
