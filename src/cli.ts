/**
 * `news-digest <command>`: argument parsing and printing only; the work is in
 * src/commands/ (build, check, serve, new).
 */
import { countOf } from './count.ts';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DigestError, escapeControl } from './errors.ts';
import { PROJECT_ROOT } from './project.ts';
import { digestSkeleton, skeletonDate } from './commands/new.ts';

const USAGE = `Usage: news-digest <command> [options]

Commands:
  build   parse seeds/, tag the stories and render the site into site/ (the default)
  check   validate the seeds without building; exit 1 if any has an error
  new     write a dated digest skeleton into seeds/ for an editor to paste into
  serve   build, serve the site with live reload, rebuild when seeds/data/templates change

Options:
  --seeds DIR      folder of digest files (default: seeds)
  --out DIR        output folder (default: site)
  --base-url URL   absolute URL the site is published at (default: data/site.yaml)
  --no-search      skip the search index (faster previews; /search/ finds nothing)
  --no-cards       skip the social cards (faster previews; pages carry no og:image)
  --full           render every page, even when an incremental rebuild is possible
  --explain        with \`check\`: print each story's countries, pairs and topics with the cues and
                   scores that gave them
  --force          build into a non-empty folder news-digest did not write (its files are kept)
  --date YYYY-MM   with \`new\`: the issue's month or day (default: this month)
  --port N         with \`serve\`: the port (default: 8080)
  --host HOST      with \`serve\`: the address to listen on (default: 127.0.0.1, this machine only;
                   0.0.0.0 opens it to the network)
  --quiet          print only problems and the summary line (default when CI=true)
  -h, --help       show this help`;

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      seeds: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'site' },
      'base-url': { type: 'string' },
      'no-search': { type: 'boolean', default: false },
      'no-cards': { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      date: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'build'] = positionals;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quiet = values.quiet || process.env.CI === 'true';
  const log = (line: string): void => {
    if (!quiet || /: (error|warning):/.test(line)) console.error(escapeControl(line));
  };
  const buildOptions = {
    seedsDir: values.seeds, outDir: values.out, baseUrl: values['base-url'], search: !values['no-search'], cards: !values['no-cards'], incremental: !values.full, force: values.force, log,
  };

  switch (command) {
    // Each command loads only what it needs: `check` never loads Eleventy.
    case 'build': {
      const { build } = await import('./commands/build.ts');
      const summary = await build(buildOptions);
      const how = summary.full ? 'full' : `incremental, ${summary.rendered} rendered`;
      console.log(`news-digest: built ${countOf(summary.digests, 'digest')}, ${countOf(summary.stories, 'story', 'stories')}, ${countOf(summary.pages, 'page')} (${how}) into ${values.out} in ${(summary.milliseconds / 1000).toFixed(2)} s`);
      return;
    }
    case 'check': {
      const { checkSeeds } = await import('./commands/check.ts');
      const summary = await checkSeeds(values.seeds, values.explain ? (line) => console.log(escapeControl(line)) : log, undefined, { explain: values.explain });
      console.log(`news-digest: ${countOf(summary.files, 'seed file')}, ${countOf(summary.stories, 'story', 'stories')}: no errors${summary.warnings ? `, ${countOf(summary.warnings, 'warning')}` : ''}${summary.corrections ? `, ${countOf(summary.corrections, 'correction')}` : ''}`);
      return;
    }
    case 'new': {
      const date = skeletonDate(values.date, new Date());
      if (!date) throw new DigestError(`Unexpected --date \`${values.date}\`, expected a real date as YYYY-MM or YYYY-MM-DD`);
      const skeleton = digestSkeleton(date);
      const path = join(values.seeds, skeleton.fileName);
      await writeFile(path, skeleton.text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new DigestError(`Unexpected existing file ${path}, expected a new digest: edit it, or pass another --date`);
        // A missing folder is most often a mistyped --seeds: say so rather than create a stray folder.
        if (error.code === 'ENOENT') throw new DigestError(`Unexpected --seeds \`${values.seeds}\`: no such folder, expected the folder of digests (create it first, or fix --seeds)`);
        throw new DigestError(`Cannot write ${path} (${error.code ?? error.message}): check that ${values.seeds} is a folder you can write to`, { cause: error });
      });
      console.log(`news-digest: wrote ${path}; paste the digest below its front matter, then run \`npm run check\``);
      return;
    }
    case 'serve': {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DigestError(`Unexpected --port \`${values.port}\`, expected a port number`);
      const { serve } = await import('./commands/serve.ts');
      await serve({ ...buildOptions, port, host: values.host, watchPaths: [values.seeds, join(PROJECT_ROOT, 'data'), join(PROJECT_ROOT, 'templates')] }, (line) => console.error(escapeControl(line)));
      return;
    }
    default:
      throw new DigestError(`Unexpected command \`${command}\`, expected build, check, new or serve\n\n${USAGE}`);
  }
}

/** Known failures print their message alone; anything else is a bug and keeps its stack. */
export function handleError(error: unknown): void {
  if (error instanceof DigestError) {
    console.error(error.message.split('\n').map(escapeControl).join('\n'));
  } else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\nRun \`news-digest --help\` for the options.`);
  } else {
    console.error('news-digest: internal error, please report it with the seed that caused it:');
    console.error(error);
  }
  process.exitCode = 1;
}
