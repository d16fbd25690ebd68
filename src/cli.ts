/**
 * `news-digest <command>`: argument parsing and printing only; the work is in build.ts.
 */
import { parseArgs } from 'node:util';
import { build } from './build.ts';
import { DigestError, escapeControl } from './messages.ts';

const USAGE = `Usage: news-digest build [--seeds DIR] [--out DIR] [--base-url URL] [--no-search] [--quiet]

Commands:
  build   parse seeds/, tag the stories and render the site into site/

Options:
  --seeds DIR      folder of digest files (default: seeds)
  --out DIR        output folder (default: site)
  --base-url URL   absolute URL the site is published at (default: data/site.yaml)
  --no-search      skip the search index (faster previews; /search/ finds nothing)
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
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'build'] = positionals;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (command !== 'build') throw new DigestError(`Unexpected command \`${command}\`, expected \`build\`\n\n${USAGE}`);
  const quiet = values.quiet || process.env.CI === 'true';
  const summary = await build({
    seedsDir: values.seeds,
    outDir: values.out,
    baseUrl: values['base-url'],
    search: !values['no-search'],
    log: (line) => {
      if (!quiet || /: (error|warning):/.test(line)) console.error(escapeControl(line));
    },
  });
  console.log(`news-digest: built ${summary.digests} digests, ${summary.stories} stories, ${summary.pages} pages into ${values.out} in ${(summary.milliseconds / 1000).toFixed(2)} s`);
}

/** Known failures print their message alone; anything else is a bug and keeps its stack. */
export function handleError(error: unknown): void {
  if (error instanceof DigestError) {
    console.error(error.message.split('\n').map(escapeControl).join('\n'));
  } else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${error.message}\nRun \`news-digest --help\` for the options.`);
  } else {
    console.error('news-digest: internal error, please report it with the seed that caused it:');
    console.error(error);
  }
  process.exitCode = 1;
}
