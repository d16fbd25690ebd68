/**
 * The stretch of a build that must not be cut short: files moving into the
 * output folder, the manifest and the permalink registry. Ctrl-C (SIGINT),
 * SIGTERM or SIGHUP there would leave half the old site and half the new one,
 * or new URLs published and not registered; such a signal is held until the
 * stretch is over, then raised again, so that the build still stops with the
 * signal's own exit status (130 for SIGINT). SIGKILL cannot be held: the
 * manifest and the next build's clean-up cover it.
 */
const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface HeldSignals {
  /** End the stretch: a signal that came meanwhile stops the process now. */
  readonly release: () => void;
}

/** Hold stop signals from now on; the note that one came goes to stderr, quiet or not (it explains the wait). */
export function holdStopSignals(): HeldSignals {
  let caught: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals): void => {
    if (caught === undefined) process.stderr.write(`news-digest: ${signal} while the site is being updated: stopping once every file is in place\n`);
    caught ??= signal;
  };
  for (const signal of STOPS) process.on(signal, hold);
  return {
    release: () => {
      for (const signal of STOPS) process.off(signal, hold);
      if (caught !== undefined) process.kill(process.pid, caught);
    },
  };
}
