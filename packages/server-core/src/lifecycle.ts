import { safeErrorText, type Logger } from './logger.js';

/**
 * Runs `stop` once on SIGTERM or SIGINT (Kubernetes sends SIGTERM, then SIGKILL after the
 * grace period), then exits. A second signal exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'draining');
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.once(signal, onSignal);
}

/**
 * A process entry point: starts, then stops on signals. Start-up failures a person can fix
 * (bad config, a port in use, a data directory in use) print their message alone, without a
 * stack, and exit 1.
 */
export function runMain(start: () => Promise<{ stop: () => Promise<void>; logger: Logger; signals?: NodeJS.Signals[] }>): void {
  // Through a promise, so a synchronous throw in `start` (a config error) is reported the same way.
  Promise.resolve()
    .then(start)
    .then(
    ({ stop, logger, signals }) => stopOnSignals(stop, logger, signals),
    (error: unknown) => {
      const expected = error instanceof Error && ['ConfigError', 'PortInUseError', 'SchemaNewerThanCodeError', 'DataDirInUseError'].includes(error.name);
      // Anything else is printed with its stack, cleaned like a log line (a failed statement's parameters never reach the console).
      console.error(expected ? `\n${error.message}\n` : safeErrorText(error));
      process.exit(1);
    },
  );
}
