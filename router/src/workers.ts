import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@bookstore/server-core';

/** Restarts allowed within `RESTART_WINDOW_MS` before the primary gives up (a crash loop). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * Runs the router in `count` node:cluster worker processes sharing one port (the primary
 * accepts connections and hands them out round-robin). JavaScript runs on one core per process,
 * so workers are how one router instance uses a machine's cores. The primary restarts a worker
 * that dies; `stop` sends SIGTERM to every worker and resolves once all have drained and exited.
 */
export function startRouterWorkers(count: number, logger: Logger): { stop: () => Promise<void> } {
  const restarts: number[] = [];
  let stopping = false;

  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map((worker) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.process.kill('SIGTERM');
        return exited;
      }),
    );
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      logger.error({ code, signal }, `router workers keep dying (${restarts.length} in a minute); stopping`);
      void stop().then(() => process.exit(1));
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'router worker died; starting another');
    cluster.fork();
  });

  for (let i = 0; i < count; i++) cluster.fork();
  logger.info({ workers: count }, 'router workers started');
  return { stop };
}
