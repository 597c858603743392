import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { createTestDatabase, type TestDatabase } from '@bookstore/testing';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

export interface TestAppOptions {
  /** Variables beside the free ports and the data directory (e.g. REVOCATIONS_POLL_MS). */
  env?: Record<string, string>;
  /** On a fresh PostgreSQL database of its own (services mode's storage, a schema per subgraph) instead of PGlite. Default false. */
  postgres?: boolean;
}

/**
 * The whole supergraph in one process, as `npm start` runs it, on free ports and in a data
 * directory of its own, logging nothing. `stop` stops it and removes the directory (and the
 * database, when on PostgreSQL): for `useHarness`.
 */
export async function startTestApp(name: string, { env = {}, postgres = false }: TestAppOptions = {}): Promise<Embedded> {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  const cleanUp = async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (postgres) database = await createTestDatabase(name.replace(/[^a-z0-9]/gi, '_'));
    dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
    const config = loadConfig({ ...freePorts(), DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...env });
    const app = await startEmbedded(config, createLogger(`${name}-test`, 'silent'));
    return {
      ...app,
      async stop() {
        await app.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
