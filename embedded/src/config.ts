import { fileURLToPath } from 'node:url';
import { ConfigError, env, messagingEnvSchema, parseEnv, sharedEnvSchema } from '@bookstore/server-core';
import { settingsOf, type SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { routerSettingsSchema } from '@bookstore/router/config';
import { z } from 'zod';
import { portVariableOf, subgraphs } from './subgraphs.js';

/** Where embedded mode runs and what it keeps; the router's and every subgraph's settings come beside these. */
const processSchema = sharedEnvSchema.omit({ JWKS_URL: true, REVOCATIONS_URL: true }).extend({
  /** A person reads this console: only warnings and errors, so the start-up banner stands out. */
  LOG_LEVEL: env.logLevel().default('warn'),
  /** The router (and Apollo Sandbox). */
  PORT: env.port(4000),
  /** Prometheus `/metrics` of the whole process (the router and every subgraph), for the scraper. */
  METRICS_PORT: env.port(9400),
  /** Redis for jobs, pub/sub and rate limits; unset, they run in this process. */
  REDIS_URL: env.url().optional(),
  /** Prefix of Redis keys and channels when REDIS_URL is set. */
  QUEUE_PREFIX: messagingEnvSchema.shape.QUEUE_PREFIX,
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PGlite data, the signing key and the demo credentials live here. */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Where prepared PGlite data directories are kept (pglite-template.ts): a fresh DATA_DIR starts
   * from one instead of running initdb, migrations and seeding. Not used in production.
   */
  PGLITE_TEMPLATES_DIR: z.string().min(1).default('node_modules/.cache/bookstore/pglite-templates'),
  /** Use this PostgreSQL instead of PGlite (a schema per subgraph, as in services mode). */
  DATABASE_URL: env.url().optional(),
  /** Seed the demo catalogue and demo users when they are missing; default: yes, except in production. */
  SEED_DEMO_DATA: env.bool(undefined),
  SUPERGRAPH_PATH: z.string().min(1).default(fileURLToPath(new URL('../../supergraph.graphql', import.meta.url))),
});

/**
 * One set of settings for both modes: embedded mode reads the router's settings and every
 * subgraph's own, under the same names their processes read. Two of them claiming one name would
 * make one silently win, so that stops the process at once.
 */
function embeddedSchema(descriptors: readonly SubgraphDescriptor[]) {
  const owners = new Map<string, string>(Object.keys(processSchema.shape).map((key) => [key, 'embedded mode']));
  for (const key of Object.keys(routerSettingsSchema.shape)) owners.set(key, 'the router');
  let shape: z.ZodRawShape = {};
  for (const descriptor of descriptors) {
    const own: z.ZodRawShape = { [portVariableOf(descriptor)]: env.port(descriptor.settings.port), ...descriptor.settings.schema.shape };
    for (const key of Object.keys(own)) {
      const owner = owners.get(key);
      if (owner) throw new Error(`${key} is a setting of both ${owner} and the ${descriptor.name} subgraph.`);
      owners.set(key, `the ${descriptor.name} subgraph`);
    }
    shape = { ...shape, ...own };
  }
  return processSchema.extend(routerSettingsSchema.shape).extend(shape);
}

export type EmbeddedConfig = z.infer<typeof processSchema> &
  z.infer<typeof routerSettingsSchema> & {
    SEED_DEMO_DATA: boolean;
    /** Every subgraph's port and own settings, by variable name (see embeddedSchema). */
    [subgraphSetting: string]: unknown;
  };

export function loadConfig(environment?: Record<string, string | undefined>, descriptors: readonly SubgraphDescriptor[] = subgraphs): EmbeddedConfig {
  const config = parseEnv(embeddedSchema(descriptors), environment) as EmbeddedConfig;
  const problems = descriptors.flatMap((descriptor) => descriptor.settings.check?.(settingsOf(descriptor.settings, config)) ?? []);
  if (problems.length > 0) throw new ConfigError(problems);
  // Demo accounts with printed passwords have no place in a production shop unless asked for.
  return { ...config, SEED_DEMO_DATA: config.SEED_DEMO_DATA ?? config.NODE_ENV !== 'production' };
}

/**
 * Every port embedded mode opens set to 0 (a free one each), as tests, benchmarks and scripts
 * start it beside whatever else runs on the machine.
 */
export function freePorts(descriptors: readonly SubgraphDescriptor[] = subgraphs): Record<string, string> {
  return { PORT: '0', METRICS_PORT: '0', ...Object.fromEntries(descriptors.map((descriptor) => [portVariableOf(descriptor), '0'])) };
}

/**
 * The settings of `--prepare` (main.ts), which makes the PGlite template a plain `npm start` uses:
 * every port free, and PGlite with in-process jobs whatever DATABASE_URL and REDIS_URL say.
 */
export function loadPrepareConfig(environment: Record<string, string | undefined> = process.env): EmbeddedConfig {
  return loadConfig({ ...environment, ...freePorts(), DATABASE_URL: undefined, REDIS_URL: undefined });
}

/** A subgraph's port in this configuration. */
export function portOf(config: EmbeddedConfig, descriptor: Pick<SubgraphDescriptor, 'name'>): number {
  return config[portVariableOf(descriptor)] as number;
}
