// Eleventy 3 ships no type declarations; this is the part of its API the build uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input: string, output: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    toJSON(): Promise<unknown[]>;
    disableLogger(): void;
  }
}

declare module '@11ty/eleventy-dev-server' {
  interface DevServer {
    serve(port: number): void;
    reload(options?: Record<string, unknown>): void;
    close(): Promise<void>;
    /** Internals serve.ts wraps: the request handler (bound when `server` is first read) and `listen`. */
    onRequestHandler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void>;
    _serverListen(port: number): void;
    readonly server: import('node:http').Server;
    ready(): Promise<void>;
  }
  const EleventyDevServer: { getServer(name: string, dir: string, options?: Record<string, unknown>): DevServer };
  export default EleventyDevServer;
}
