// Eleventy 3 ships no type declarations; this is the part of its API the build uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input: string, output: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module '@11ty/eleventy-dev-server' {
  interface DevServer {
    serve(port: number): void;
    reload(options?: Record<string, unknown>): void;
    close(): Promise<void>;
  }
  const EleventyDevServer: { getServer(name: string, dir: string, options?: Record<string, unknown>): DevServer };
  export default EleventyDevServer;
}
