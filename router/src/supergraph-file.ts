import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@bookstore/server-core';

/** Waits for a burst of file events (editors and `rover` write in several steps) before reloading. */
const RELOAD_DEBOUNCE_MS = 200;

/**
 * Serves the supergraph from a file and hot-reloads it when the file changes. The directory is
 * watched, not the file, so atomic replacement (write temp, rename) is seen too. An invalid new
 * supergraph is logged and the router keeps serving the previous one.
 */
export function supergraphFromFile(path: string, logger: Logger): SupergraphSdlHook {
  const file = resolve(path);
  return async ({ update }) => {
    let current = await readFile(file, 'utf8');
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      let next: string;
      try {
        next = await readFile(file, 'utf8');
      } catch (error) {
        logger.warn({ err: error, file }, 'supergraph file unreadable; keeping the current one');
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        logger.info({ file }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ err: error, file }, 'new supergraph rejected; keeping the current one');
      }
    };
    const watcher = watch(dirname(file), (_event, name) => {
      if (name !== null && name !== basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), RELOAD_DEBOUNCE_MS);
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
