import { createLogger, runMain, startTracing } from '@bookstore/server-core';
import { loadConfig, loadPrepareConfig } from './config.js';
import { prepareTemplate, startEmbedded, type Embedded } from './embedded.js';

runMain(process.argv.includes('--prepare') ? prepare : start);

/** The supergraph in one process, until a signal stops it. */
async function start() {
  const config = loadConfig();
  const logger = createLogger('embedded', config.LOG_LEVEL);
  // Everything before this line: Node's start and loading (under tsx, compiling) every module.
  logger.info({ phase: 'modules loaded', ms: Math.round(performance.now()), cpuMs: cpuMs() }, 'start-up: modules loaded');
  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: 'bookstore-embedded', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const embedded = await startEmbedded(config, logger);
  logger.info({ phase: 'total', ms: Math.round(performance.now()), cpuMs: cpuMs() }, 'start-up: total, from the process start');
  // Settled already, or still building (setImmediate runs after every settled promise's callbacks).
  const storefront = await Promise.race([embedded.storefront.then(() => 'built' as const, () => 'failed' as const), new Promise<'building'>((resolve) => setImmediate(resolve, 'building'))]);
  process.stdout.write(banner(embedded, config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${embedded.dataDir}`, storefront));
  // A failure is logged by startEmbedded.
  if (storefront === 'building') embedded.storefront.then(() => process.stdout.write(`Storefront ready: ${publicUrl(embedded)}/\n`), () => undefined);
  const stop = async () => {
    await embedded.stop();
    await tracing?.shutdown();
  };
  return { logger, stop };
}

/**
 * `--prepare` (scripts/prepare.mjs, run by `npm ci`): makes the PGlite template the first `npm start`
 * would otherwise make, then ends by itself (nothing is left running) with code 0; 1 when no
 * template could be made.
 */
async function prepare() {
  const config = loadPrepareConfig();
  const logger = createLogger('embedded', config.LOG_LEVEL);
  const outcome = await prepareTemplate(config, logger);
  if (outcome === 'not made') throw new Error('No PGlite template was made (the warning above says why).');
  process.stdout.write(`PGlite template: ${{ made: 'made', existed: 'already there', 'not used': 'not used (NODE_ENV=production)' }[outcome]}; ${Math.round(performance.now())} ms, ${cpuMs()} ms of CPU.\n`);
  return { logger, stop: async () => undefined };
}

/** CPU time of this process so far. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

/** The router's address as a person types it. */
function publicUrl(embedded: Embedded): string {
  return embedded.routerUrl.replace('127.0.0.1', 'localhost');
}

function banner(embedded: Embedded, storage: string, storefront: 'built' | 'building' | 'failed'): string {
  const sandbox = publicUrl(embedded);
  const lines = [
    '',
    'Bookstore supergraph is running (embedded mode).',
    // The shop's build may still run: this console says when it is served ("Storefront ready").
    `  ${{ built: 'Storefront:', building: 'Storefront (being built):', failed: 'Storefront (build failed):' }[storefront].padEnd(29)}${sandbox}/`,
    `  Apollo Sandbox and GraphQL:  ${sandbox}/graphql`,
    ...Object.entries(embedded.subgraphUrls).map(([name, url]) => `  ${`${name} subgraph:`.padEnd(29)}${url}`),
    `  Prometheus metrics:          ${embedded.metricsUrl}/metrics`,
    `  Data:                        ${storage}`,
  ];
  if (embedded.demoAccounts.length > 0) {
    lines.push('  Demo accounts (login with username or email; stored in demo-credentials.json in the data directory):');
    for (const account of embedded.demoAccounts) lines.push(`    ${account.role.padEnd(10)} ${account.username.padEnd(10)} ${account.email.padEnd(32)} ${account.password}`);
  }
  lines.push('Stop with Ctrl+C.', '');
  return lines.join('\n');
}
