/**
 * `npm run serve`: build, serve the site with live reload, and rebuild when a
 * seed, a data file or a template changes. A failed rebuild prints its messages
 * and keeps serving the last good site (the build only swaps in success).
 *
 * The server is for the editor's own machine: it listens on 127.0.0.1 unless
 * `--host` opens it, answers only requests addressed to it by name (a page on
 * another site cannot reach it through DNS rebinding), and answers a malformed
 * or escaping path with 400 instead of passing it on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { watch } from 'chokidar';
import { build, type BuildOptions } from './build.ts';
import { DigestError } from '../errors.ts';

export interface ServeOptions extends BuildOptions {
  readonly port: number;
  /** The address to listen on (default 127.0.0.1: this machine only). */
  readonly host?: string;
  readonly watchPaths: readonly string[];
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** `::1` → `[::1]`: the form an IPv6 address takes in a Host header. */
const hostName = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The host names a request may be addressed to: the loopback names, the bound
 * host, and, when bound to every interface, this machine's own addresses.
 */
export function allowedHosts(host: string): Set<string> {
  const names = new Set([...LOOPBACK, hostName(host).toLowerCase()]);
  if (WILDCARD.has(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(hostName(address.address).toLowerCase());
    }
  }
  return names;
}

/** Whether a Host header (`localhost:8080`) names this server on `port`. */
export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>, port: number): boolean {
  if (header === undefined) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(header.trim());
  if (!match) return false;
  const [, name, given] = match;
  return allowed.has(name!.toLowerCase()) && (given === undefined ? port === 80 : Number(given) === port);
}

/**
 * Whether a request path is one the site could answer: it decodes, holds no
 * NUL or backslash, and stays inside `root` once resolved.
 */
export function isServablePath(url: string | undefined, root: string): boolean {
  if (url === undefined || !url.startsWith('/')) return false;
  const path = url.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  if (/[\u0000\\]/.test(decoded) || decoded.split('/').some((part) => part === '..')) return false;
  const target = resolve(root, `.${decoded}`);
  const inside = relative(resolve(root), target);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

export interface DevServerHandle {
  /** Where the server listens (`127.0.0.1`, port). */
  readonly address: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

export async function serve(options: ServeOptions, print: (line: string) => void): Promise<DevServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const rebuild = async (reason: string): Promise<boolean> => {
    try {
      const summary = await build(options);
      print(`${reason}: built ${summary.stories} stories, ${summary.pages} pages in ${(summary.milliseconds / 1000).toFixed(2)} s`);
      return true;
    } catch (error) {
      // Anything a rebuild throws (a template error from Eleventy is not a DigestError)
      // is printed; the server keeps the last good site either way.
      const message = error instanceof DigestError ? error.message : `rebuild failed: ${error instanceof Error ? error.message : String(error)}`;
      print(`${message}\n(still serving the last good site)`);
      return false;
    }
  };
  await rebuild('initial build');

  const server = EleventyDevServer.getServer('news-digest', options.outDir, { pathPrefix: '/', domDiff: false, showVersion: false, logger: { log: () => {}, info: () => {}, error: print, forceLog: () => {} } });
  const allowed = allowedHosts(host);
  const root = resolve(options.outDir);
  const handle = server.onRequestHandler.bind(server);
  // Replaced before `serve()` creates the http server, which binds this method then.
  server.onRequestHandler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const port = (server.server.address() as { port?: number } | null)?.port ?? options.port;
      if (!isAllowedHost(req.headers.host, allowed, port)) return answer(res, 403, 'Forbidden: unexpected Host header, expected this server\'s own address');
      if (!isServablePath(req.url, root)) return answer(res, 400, 'Bad request: unexpected path');
      await handle(req, res);
    } catch (error) {
      print(`dev server: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      answer(res, 500, 'Internal server error');
    }
  };
  server._serverListen = (port: number) => {
    server.server.listen({ port, host });
  };
  server.serve(options.port);
  await server.ready();
  // The live-reload socket shares the port: the same Host check before its handshake.
  const sockets = (server as unknown as { updateServer?: { options: { verifyClient: unknown } } }).updateServer;
  if (sockets) {
    sockets.options.verifyClient = ({ req }: { req: IncomingMessage }) =>
      isAllowedHost(req.headers.host, allowed, (server.server.address() as { port: number }).port);
  }
  const { address: boundHost, port: bound } = server.server.address() as { address: string; port: number };
  print(`serving ${options.outDir} at http://${WILDCARD.has(host) ? 'localhost' : hostName(host)}:${bound}/ (Ctrl-C to stop)`);

  let queued: Promise<void> = Promise.resolve();
  const watcher = watch([...options.watchPaths], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 } });
  watcher.on('all', (event, path) => {
    // Rebuilds run one at a time; a burst of saves becomes consecutive rebuilds.
    queued = queued.then(async () => {
      if (await rebuild(`${event} ${path}`)) server.reload({ type: 'html' });
    }).catch((error: unknown) => print(`dev server: ${error instanceof Error ? error.message : String(error)}`));
  });
  // Until its first scan ends, chokidar counts a file saved meanwhile as already there (ignoreInitial)
  // and never reports it: the server is ready only when the watcher is.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    address: { host: boundHost, port: bound },
    async close() {
      await watcher.close();
      await server.close();
    },
  };
}
