import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../src/serve.ts';
import { tempDir } from './helpers/cli.ts';
import { ROOT } from './helpers/seeds.ts';

const freePort = (): Promise<number> => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('serve', () => {
  let seeds: string;
  let port: number;
  let server: { close(): Promise<void> };
  const lines: string[] = [];
  const get = async (path: string): Promise<string | undefined> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return response.ok ? response.text() : undefined;
  };

  beforeAll(async () => {
    const work = tempDir();
    seeds = join(work, 'seeds');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    port = await freePort();
    server = await serve({ seedsDir: seeds, outDir: join(work, 'site'), cacheDir: join(work, 'cache'), search: false, port, watchPaths: [seeds] }, (line) => lines.push(line));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('should serve the built site', async () => {
    expect(await eventually(() => get('/'))).toContain('President Xi visits Russia for Victory Day');
  });

  it('should rebuild when a digest is added', async () => {
    writeFileSync(join(seeds, '2025-06.txt'), '---\ndate: 2025-06\n---\nBelarus joins a new payment system\nBelarus connected on June 2.\n|\n');
    const page = await eventually(async () => {
      const html = await get('/stories/2025/06/02/belarus-joins-a-new-payment-system/');
      return html?.includes('Belarus joins a new payment system') ? html : undefined;
    });
    expect(page).toContain('<time datetime="2025-06-02"');
  });

  it('should keep serving the last good site when a seed breaks, and say why', async () => {
    writeFileSync(join(seeds, '2025-07.txt'), '---\ndate: 2025-07\n---\nA headline alone\n|\n');
    await eventually(async () => (lines.some((line) => /2025-07\.txt:4:1: error: Unexpected headline without a paragraph/.test(line)) ? true : undefined));
    expect(lines.join('\n')).toContain('still serving the last good site');
    expect(await get('/stories/2025/06/02/belarus-joins-a-new-payment-system/')).toContain('Belarus');
    rmSync(join(seeds, '2025-07.txt'));
  });
});
