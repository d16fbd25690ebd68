/**
 * `npm run serve`: build, serve the site with live reload, and rebuild when a
 * seed, a data file or a template changes. A failed rebuild prints its messages
 * and keeps serving the last good site (the build only swaps in success).
 */
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { watch } from 'chokidar';
import { build, type BuildOptions } from './build.ts';
import { DigestError } from './messages.ts';

export interface ServeOptions extends BuildOptions {
  readonly port: number;
  readonly watchPaths: readonly string[];
}

export async function serve(options: ServeOptions, print: (line: string) => void): Promise<{ close(): Promise<void> }> {
  const rebuild = async (reason: string): Promise<boolean> => {
    try {
      const summary = await build(options);
      print(`${reason}: built ${summary.stories} stories, ${summary.pages} pages in ${(summary.milliseconds / 1000).toFixed(2)} s`);
      return true;
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      print(`${error.message}\n(still serving the last good site)`);
      return false;
    }
  };
  await rebuild('initial build');
  const server = EleventyDevServer.getServer('news-digest', options.outDir, { pathPrefix: '/', domDiff: false, showVersion: false, logger: { log: () => {}, info: () => {}, error: print, forceLog: () => {} } });
  server.serve(options.port);
  print(`serving ${options.outDir} at http://localhost:${options.port}/ (Ctrl-C to stop)`);

  let queued: Promise<void> = Promise.resolve();
  const watcher = watch([...options.watchPaths], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 } });
  watcher.on('all', (event, path) => {
    // Rebuilds run one at a time; a burst of saves becomes consecutive rebuilds.
    queued = queued.then(async () => {
      if (await rebuild(`${event} ${path}`)) server.reload({ type: 'html' });
    });
  });
  return {
    async close() {
      await watcher.close();
      await server.close();
    },
  };
}
