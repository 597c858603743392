import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded } from '../src/embedded.js';
import { PgliteTemplate } from '../src/pglite-template.js';
import { subgraphs } from '../src/subgraphs.js';

/**
 * Runs once before the e2e suite: makes the PGlite templates (seeded and empty) every embedded
 * test's fresh data directory then starts from, one start each and one at a time, instead of
 * the parallel test files each running initdb, seven schemas' migrations and the seeding on a
 * loaded machine. Nothing to do once they exist (they stay in PGLITE_TEMPLATES_DIR until a
 * migration changes).
 */
export default async function prepareTemplates(): Promise<void> {
  const logger = createLogger('prepare-templates', 'warn');
  for (const seeded of [true, false]) {
    const config = loadConfig({ ...freePorts(), SEED_DEMO_DATA: String(seeded) });
    if ((await PgliteTemplate.of(config.PGLITE_TEMPLATES_DIR, subgraphs, seeded, logger)).exists) continue;
    const dataDir = await mkdtemp(join(tmpdir(), 'prepare-template-'));
    try {
      const app = await startEmbedded({ ...config, DATA_DIR: dataDir }, logger);
      await app.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}
