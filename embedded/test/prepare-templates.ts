import { createLogger } from '@bookstore/server-core';
import { freePorts, loadConfig } from '../src/config.js';
import { prepareTemplate } from '../src/embedded.js';

/**
 * Runs once before the e2e suite: makes the PGlite templates (seeded and empty) every embedded
 * test's fresh data directory then starts from, one at a time, instead of the parallel test files
 * each running initdb, seven schemas' migrations and the seeding on a loaded machine. Nothing to
 * do once they exist (`npm ci` makes the seeded one; they stay in PGLITE_TEMPLATES_DIR until a
 * migration changes).
 */
export default async function prepareTemplates(): Promise<void> {
  const logger = createLogger('prepare-templates', 'warn');
  for (const seeded of [true, false]) await prepareTemplate(loadConfig({ ...freePorts(), SEED_DEMO_DATA: String(seeded) }), logger);
}
