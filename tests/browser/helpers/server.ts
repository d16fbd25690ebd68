/**
 * A small static file server for the built site, on 127.0.0.1 and an ephemeral
 * port, serving the folder under a path prefix (`/news/`) so that links which
 * forget the prefix break here as they would on a real host. It behaves like a
 * plain static host: `dir/` → `dir/index.html`, `dir` → 301 to `dir/`, a missing
 * file → 404 with the site's own `404.html`, and `nosniff` so a wrong MIME type
 * shows up as a failed script or style.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT/prefix/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

/** Serves `root` at `http://127.0.0.1:<port><prefix>`; `prefix` starts and ends with `/`. */
export async function serveStatic(root: string, prefix = '/', port = 0): Promise<StaticServer> {
  const send = (res: import('node:http').ServerResponse, status: number, file: string): void => {
    res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  };
  const notFound = async (res: import('node:http').ServerResponse): Promise<void> => {
    const page = join(root, '404.html');
    if ((await fileAt(page)) === 'file') send(res, 404, page);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
      if (!url.pathname.startsWith(prefix)) return notFound(res);
      let relative: string;
      try {
        relative = decodeURIComponent(url.pathname.slice(prefix.length));
      } catch {
        return void res.writeHead(400).end();
      }
      const path = normalize(join(root, relative));
      if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return notFound(res);
      const kind = await fileAt(path);
      if (kind === 'file') return send(res, 200, path);
      if (kind === 'dir') {
        if (!url.pathname.endsWith('/')) return void res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        const index = join(path, 'index.html');
        if ((await fileAt(index)) === 'file') return send(res, 200, index);
      }
      return notFound(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
