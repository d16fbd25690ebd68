import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/commands/serve.ts';
import { tempDir } from '../helpers/cli.ts';
import { ROOT } from '../helpers/seeds.ts';

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

/** One raw HTTP/1.1 request (fetch would normalise the path and refuses to set Host); its status. */
function rawStatus(port: number, path: string, host = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
  });
}

describe('serve', () => {
  let seeds: string;
  let data: string;
  let port: number;
  let server: Awaited<ReturnType<typeof serve>>;
  const lines: string[] = [];
  const get = async (path: string): Promise<string | undefined> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return response.ok ? response.text() : undefined;
  };

  beforeAll(async () => {
    const work = tempDir();
    seeds = join(work, 'seeds');
    data = join(work, 'data');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    cpSync(join(ROOT, 'data'), data, { recursive: true });
    port = await freePort();
    server = await serve({ seedsDir: seeds, dataDir: data, outDir: join(work, 'site'), cacheDir: join(work, 'cache'), search: false, port, watchPaths: [seeds, data] }, (line) => lines.push(line));
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

  it('should listen on the loopback address only, unless --host opens it', () => {
    expect(server.address).toEqual({ host: '127.0.0.1', port });
  });

  it('should refuse a request addressed to another host name (DNS rebinding) and accept its own names', async () => {
    expect(await rawStatus(port, '/', `evil.example:${port}`)).toBe(403);
    expect(await rawStatus(port, '/', `localhost:${port + 1}`)).toBe(403);
    expect(await rawStatus(port, '/', `localhost:${port}`)).toBe(200);
    expect(await rawStatus(port, '/', `127.0.0.1:${port}`)).toBe(200);
  });

  it('should refuse a live-reload socket opened with another host name', async () => {
    const upgrade = (host: string): Promise<number> => new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\r\n')) socket.destroy();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    });
    expect(await upgrade(`evil.example:${port}`)).toBe(401);
    expect(await upgrade(`localhost:${port}`)).toBe(101);
  });

  it('should answer malformed and escaping paths with 400, and keep serving', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/../../etc/passwd', '/a%00b', '/stories/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%5c..%5c..%5cetc']) {
      expect(await rawStatus(port, path), path).toBe(400);
    }
    expect(await rawStatus(port, '/')).toBe(200);
  });

  it('should keep serving the last good site when data/site.yaml gets a typo, and print where', async () => {
    const path = join(data, 'site.yaml');
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace('language: en', 'language: [en'));
    await eventually(async () => (lines.some((line) => /site\.yaml:\d+:\d+: error: Invalid YAML/.test(line)) ? true : undefined));
    expect(lines.join('\n')).not.toMatch(/internal error/);
    expect(await get('/')).toContain('President Xi visits Russia for Victory Day');
    writeFileSync(path, good.replace('language: en', 'language: ../../x'));
    await eventually(async () => (lines.some((line) => /site\.yaml:\d+:11: error: Unexpected language `\.\.\/\.\.\/x`/.test(line)) ? true : undefined));
    expect(await get('/')).toContain('President Xi visits Russia for Victory Day');
    writeFileSync(path, good);
  });
});
