import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createTokenVerifier, JWKS_PATH, MetricsServer, registriesSource, RevocationList, REVOCATIONS_PATH, revocationsOverHttp, startupPhases, type Logger, type TokenVerifier } from '@bookstore/server-core';
import { announcePgliteOwner, openMessaging, openPglite, runSubgraph, settingsOf, tolerateFailedTypeFetches, type DatabaseTarget, type RunningSubgraph, type SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { createRouter, type Router } from '@bookstore/router';
import { routerOptionsOf } from '@bookstore/router/config';
import { portOf, type EmbeddedConfig } from './config.js';
import { loadOrCreateDemoAccounts, type DemoAccount } from './demo-credentials.js';
import { seedDemoData, type DemoTargets } from './demo-data.js';
import { holdingEventLoop } from './event-loop-hold.js';
import { markJobsHandled, takeJobsHandledMark } from './jobs-handled.js';
import { PgliteTemplate } from './pglite-template.js';
import { assertPortsFree } from './ports.js';
import { storefrontSite } from './storefront.js';
import { subgraphs } from './subgraphs.js';

export interface Embedded {
  routerUrl: string;
  /** Where `/metrics` of every service is served (not the public port). */
  metricsUrl: string;
  /** The router itself (tests read its subscription counters). */
  router: Router;
  subgraphUrls: Record<string, string>;
  dataDir: string;
  /** Demo accounts with their passwords (empty when seeding is off). */
  demoAccounts: DemoAccount[];
  /**
   * Settles once the storefront at `/` is served: at once when its build was there already,
   * else when the build that began with this start ends (rejects if it fails; logged here).
   * Until then `/` answers 503, while the API, `/health` and Sandbox already answer.
   */
  storefront: Promise<void>;
  stop(): Promise<void>;
}

/** Hooks for tests. */
export interface EmbeddedHooks {
  /** Every SQL statement, with the subgraph that ran it (tests count queries per subgraph). */
  onQuery?: (subgraph: string, query: string) => void;
}

/**
 * Embedded mode: every subgraph descriptor on its own port, the router in front, one PGlite
 * instance shared through a Postgres schema per subgraph, in-process jobs and pub/sub, demo data
 * seeded when missing. It reads the same settings as services mode (config.ts). Everything
 * started is stopped again if a later step fails, so a failed start leaves no port or file
 * handle behind.
 */
export function startEmbedded(config: EmbeddedConfig, logger: Logger, hooks: EmbeddedHooks = {}, descriptors: readonly SubgraphDescriptor[] = subgraphs): Promise<Embedded> {
  return holdingEventLoop(() => start(config, logger, hooks, descriptors));
}

async function start(config: EmbeddedConfig, logger: Logger, hooks: EmbeddedHooks, descriptors: readonly SubgraphDescriptor[]): Promise<Embedded> {
  const phase = startupPhases(logger);
  const dataDir = resolve(config.DATA_DIR);
  const production = config.NODE_ENV === 'production';
  // The subgraphs answer only the router, here as in services mode; one process needs no fixed secret.
  const routerSecret = config.SUBGRAPH_SECRET ?? randomBytes(32).toString('base64url');
  await assertPortsFree(
    {
      router: config.PORT,
      'metrics endpoint': config.METRICS_PORT,
      ...Object.fromEntries(descriptors.map((descriptor) => [`${descriptor.name} subgraph`, portOf(config, descriptor)])),
    },
    config.HOST,
  );
  await mkdir(dataDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await stopInReverse(stops, logger);
  };
  try {
    // The storefront's build (when web/dist is missing or stale) runs in a process of its own
    // while everything else starts: the router does not wait for it (storefront.ts).
    const site = await storefrontSite(logger);
    site.built.catch((error: unknown) => {
      if (!stopping) logger.error({ err: error }, "the storefront's build failed; / answers 503 until a start builds it (the API is not affected)");
    });
    const { pglite, messaging, revocations, verifyToken, running, demoAccounts } = await startSubgraphs({ config, logger, hooks, descriptors, dataDir, production, routerSecret, stops, phase });

    const subgraphUrls = Object.fromEntries(running.map((subgraph) => [subgraph.name, `${subgraph.url}/graphql`]));
    const router = createRouter({
      supergraphPath: config.SUPERGRAPH_PATH,
      subgraphUrls,
      verifyToken,
      revocations,
      logger: logger.child({ service: 'router' }),
      production,
      subgraphSecret: routerSecret,
      rateLimits: messaging.rateLimits,
      ...routerOptionsOf(config),
      site: { dir: site.dir, built: site.built },
    });
    stops.push(router.stop);
    const routerUrl = await router.listen(config.PORT, config.HOST);
    phase('router listening');
    // One metrics port for the process: the router's series and every subgraph's, by `service`.
    const registries = [router.metrics, ...running.map((subgraph) => subgraph.metrics)].map((metrics) => metrics.registry);
    const metricsServer = new MetricsServer({ name: 'embedded', source: registriesSource(registries), logger });
    stops.push(() => metricsServer.stop());
    const metricsUrl = await metricsServer.listen(config.METRICS_PORT, config.HOST);
    await announcePgliteOwner(pglite, `${routerUrl}/graphql`);
    // A start's replay of recent events (in-process jobs die with a process) no longer competes
    // with the start itself.
    for (const subgraph of running) subgraph.startEvents();
    return { routerUrl, metricsUrl, router, subgraphUrls, dataDir, demoAccounts, storefront: site.built, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What prepareTemplate found or did. */
export type Preparation = 'made' | 'existed' | 'not used' | 'not made';

/**
 * Makes the PGlite template a fresh DATA_DIR starts from (pglite-template.ts) unless it exists:
 * `--prepare` (main.ts), which `npm ci` runs (scripts/prepare.mjs), and the e2e suite's global
 * setup. The subgraphs start on config's ports (free ones: freePorts) over a temporary data
 * directory, removed afterwards; no router starts, and nothing listens once this settles.
 * 'not used': production and DATABASE_URL use no template. 'not made': see PgliteTemplate.save.
 */
export function prepareTemplate(config: EmbeddedConfig, logger: Logger, descriptors: readonly SubgraphDescriptor[] = subgraphs): Promise<Preparation> {
  return holdingEventLoop(() => prepare(config, logger, descriptors));
}

async function prepare(config: EmbeddedConfig, logger: Logger, descriptors: readonly SubgraphDescriptor[]): Promise<Preparation> {
  const production = config.NODE_ENV === 'production';
  if (production || config.DATABASE_URL) return 'not used';
  const template = await PgliteTemplate.of(config.PGLITE_TEMPLATES_DIR, descriptors, config.SEED_DEMO_DATA, logger);
  if (template.exists) return 'existed';
  const dataDir = await mkdtemp(join(tmpdir(), 'bookstore-prepare-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const routerSecret = randomBytes(32).toString('base64url');
    await startSubgraphs({ config, logger, hooks: {}, descriptors, dataDir, production, routerSecret, stops, phase: startupPhases(logger) });
  } finally {
    await stopInReverse(stops, logger);
    await rm(dataDir, { recursive: true, force: true });
  }
  return template.exists ? 'made' : 'not made';
}

/** Stops what was started, the last first; a failing stop is logged and the others still run. */
async function stopInReverse(stops: (() => Promise<void>)[], logger: Logger): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
}

/** What startSubgraphs needs from its caller. */
interface StartContext {
  config: EmbeddedConfig;
  logger: Logger;
  hooks: EmbeddedHooks;
  descriptors: readonly SubgraphDescriptor[];
  dataDir: string;
  production: boolean;
  /** What the router and the seed send the subgraphs. */
  routerSecret: string;
  /** Everything opened registers its stop here, so the caller stops it whatever fails later. */
  stops: (() => Promise<void>)[];
  phase: (phase: string) => void;
}

/**
 * Everything a start opens before its router: the database (PGlite, loaded from the template when
 * there is one, or DATABASE_URL), messaging, the revocation list and every subgraph on its port,
 * with the demo data seeded. A new PGlite database is saved as the template before any client can
 * reach it.
 */
async function startSubgraphs({ config, logger, hooks, descriptors, dataDir, production, routerSecret, stops, phase }: StartContext) {
  let pglite: PGlite | undefined;
  // Set when this start makes a new database the next fresh start can begin from.
  let newTemplate: PgliteTemplate | undefined;
  // In-process events relayed before this need no replay (jobs-handled.ts).
  let replayAfter: Date | undefined;
  if (!config.DATABASE_URL) {
    // A restart needs no template, nor its name, which reads and hashes every subgraph's migration
    // files (63 reads one after another before PGlite can open: 9 ms alone, more beside a start).
    const template = production || !PgliteTemplate.wanted(dataDir) ? undefined : await PgliteTemplate.of(config.PGLITE_TEMPLATES_DIR, descriptors, config.SEED_DEMO_DATA, logger);
    const opened = template ? await template.open(dataDir) : { pglite: await openPglite(join(dataDir, 'pglite')), loaded: false, makeTemplate: false };
    pglite = opened.pglite;
    if (opened.makeTemplate) newTemplate = template;
    stops.push(() => opened.pglite.close());
    // A template is taken once its start's events were all handled (PgliteTemplate.save).
    const mark = await takeJobsHandledMark(dataDir);
    replayAfter = opened.loaded ? new Date() : mark;
    phase(opened.loaded ? 'PGlite loaded from the template' : 'PGlite opened');
  }
  const target: DatabaseTarget = pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: 5 };
  if (!pglite) tolerateFailedTypeFetches(logger);
  const messaging = await openMessaging({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger });
  stops.push(async () => {
    await messaging.close();
    // Only for this process's own PGlite: no other process relays into its outboxes.
    if (pglite && messaging.lostNoJobs()) await markJobsHandled(dataDir, new Date());
  });
  const tokens = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, revocationPollMs: config.REVOCATIONS_POLL_MS };
  // One revocation list for the process, polled from the token signer (users) as in services
  // mode; the key set is its too, so its URL is known once it listens.
  const revocations = new RevocationList({ intervalMs: config.REVOCATIONS_POLL_MS, logger });
  stops.push(async () => revocations.stop());
  let verifyToken: TokenVerifier | undefined;
  let signerListens!: (verifier: TokenVerifier) => void;
  const signer = new Promise<TokenVerifier>((resolve) => (signerListens = resolve));
  // The subgraphs start together; each verifies tokens with the signer's verifier once it has
  // one. Nothing asks before the router listens, after every subgraph started.
  const verifyOnceSignerListens: TokenVerifier = async (token) => (await signer)(token);
  const startOne = async (descriptor: SubgraphDescriptor): Promise<RunningSubgraph> => {
    const onQuery = hooks.onQuery;
    const subgraph = await runSubgraph(descriptor, {
      target,
      settings: settingsOf(descriptor.settings, config),
      messaging,
      verifyToken: () => verifyOnceSignerListens,
      tokens,
      port: portOf(config, descriptor),
      host: config.HOST,
      logger: logger.child({ subgraph: descriptor.name }),
      production,
      dataDir,
      routerSecret,
      // One process: its CPU and memory are reported once, with the router's series.
      processMetrics: false,
      // Relays and consumers start once the router listens (startEmbedded).
      startEvents: false,
      replayAfter,
      ...(onQuery ? { onQuery: (query: string) => onQuery(descriptor.name, query) } : {}),
    });
    stops.push(subgraph.stop);
    if (subgraph.issuesTokens) {
      revocations.start(revocationsOverHttp(new URL(REVOCATIONS_PATH, subgraph.url), { routerSecret }));
      verifyToken = createTokenVerifier({ keys: new URL(JWKS_PATH, subgraph.url), issuer: tokens.issuer, audience: tokens.audience, revocations });
      signerListens(verifyToken);
    }
    return subgraph;
  };
  // Every start settles before a failure is thrown, so each one that did start is stopped.
  const started = await Promise.allSettled(descriptors.map(startOne));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const running = started.map((result) => (result as PromiseFulfilledResult<RunningSubgraph>).value);
  if (!verifyToken) throw new Error('No subgraph signs tokens (users): the router and the others verify tokens against its key set.');
  phase('subgraphs started');
  const byName = Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph]));

  let demoAccounts: DemoAccount[] = [];
  if (config.SEED_DEMO_DATA) {
    demoAccounts = await loadOrCreateDemoAccounts(dataDir);
    await seedDemoData(byName as unknown as DemoTargets, demoAccounts, routerSecret, logger);
    phase('demo data seeded');
  }
  if (pglite && newTemplate) {
    // Taken once the start's events are handled, and before the router serves anyone: no
    // shopper's data goes into the next fresh start's.
    for (const subgraph of running) subgraph.startEvents();
    await newTemplate.save(pglite, dataDir, running);
    phase('PGlite template saved');
  }
  return { pglite, messaging, revocations, verifyToken, running, demoAccounts };
}
