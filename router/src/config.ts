import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { env, messagingEnvSchema, parseEnv, sharedEnvSchema } from '@bookstore/server-core';
import { z } from 'zod';
import { isAddressOrRange } from './client-address.js';
import type { RouterOptions } from './router.js';

/** "users=http://users:4001/graphql,catalog=http://catalog:4002/graphql" -> a map by subgraph name. */
const subgraphUrls = z
  .string()
  .transform((value, ctx) => {
    const urls: Record<string, string> = {};
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [name, url] = pair.split('=', 2).map((s) => s?.trim());
      if (!name || !url || !URL.canParse(url)) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=url` });
        return z.NEVER;
      }
      urls[name] = url;
    }
    return urls;
  })
  .default({});

/**
 * How the router behaves (limits, timeouts, trust), whatever runs it: its own process and
 * embedded mode read the same variables (routerOptionsOf turns them into RouterOptions).
 */
export const routerSettingsSchema = z.object({
  /** WebSockets one client address may hold open at once, per router process (beyond: closed with 4429). */
  WS_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Subscribe messages one client address may send per minute (all routers together with REDIS_URL). */
  WS_SUBSCRIBES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** A WebSocket holding no subscription this long, in ms, is closed (1000). */
  WS_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /**
   * Subgraphs (comma-separated names) whose error messages reach clients as they are; the others'
   * errors keep their code but say only "Subgraph errors redacted.". Unset: every subgraph of the
   * supergraph (they are all ours); set it when the router fronts subgraphs you do not own.
   */
  TRUSTED_SUBGRAPHS: z
    .string()
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .optional(),
  /** Upper bound of one subgraph fetch, in milliseconds. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Safelist mode: a persisted query manifest; only its operations run. Unset: any operation (within the limits). */
  SAFELIST_PATH: z.string().min(1).optional(),
  /**
   * Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed: a
   * request from one is attributed to the right-most untrusted address in that header.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .refine((entries) => entries.every(isAddressOrRange), { message: 'must be comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,fd00::/8' }),
  /** Identical queries in flight (same text, variables and credentials) share one execution. */
  DEDUPLICATE_QUERIES: env.bool(true),
  /** Queries the router can answer as the gateway would, with nothing to report, skip Apollo Server's per-request work (router.ts, fastPath). */
  FAST_PATH: env.bool(true),
  /**
   * Who runs a fast-path query's plan: `router`, the router's executor (plan-executor.ts: the
   * gateway's fetches, its own shaping compiled per operation), or `gateway`, @apollo/gateway's
   * executeQueryPlan. Both answer the same (router/test/fast-path.e2e.ts); `gateway` is the
   * reference to fall back to.
   */
  PLAN_EXECUTOR: z.enum(['router', 'gateway']).default('router'),
  /** GraphQL requests one client address may make per minute (all replicas together with REDIS_URL). */
  // Up to 100 million: a load test from one address (the benchmarks send 30,000 requests a second
  // from one machine) must be able to lift it out of the way.
  REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(1_200),
  /** Deepest selection an operation may have (HTTP and subscriptions). */
  MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  /** Aliases per operation. */
  MAX_ALIASES: z.coerce.number().int().min(1).max(1_000).default(15),
  /** Lexical tokens per document, counted before parsing. */
  MAX_TOKENS: z.coerce.number().int().min(10).max(100_000).default(1_000),
  /** Directives per operation. */
  MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1_000).default(50),
  /** GraphQL Armor's cost estimate per operation. */
  MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
  /** Subscriptions one WebSocket connection may hold at once. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1_000).default(25),
  /** Reconnection attempts when a subgraph's subscription socket drops (exponential backoff from 1 s: 5 is about 30 s) before clients get an error. */
  SUBSCRIPTION_UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
  /** A WebSocket that sends no connection_init within this many ms is closed (4408). */
  WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
});

export type RouterSettings = z.infer<typeof routerSettingsSchema>;

/** The RouterOptions the settings set. */
export function routerOptionsOf(settings: RouterSettings): Pick<RouterOptions, 'trustedSubgraphs' | 'subgraphTimeoutMs' | 'safelistPath' | 'trustedProxies' | 'deduplicateQueries' | 'fastPath' | 'planExecutor' | 'requestsPerMinute' | 'limits' | 'subscriptions'> {
  return {
    trustedSubgraphs: settings.TRUSTED_SUBGRAPHS,
    subgraphTimeoutMs: settings.SUBGRAPH_TIMEOUT_MS,
    safelistPath: settings.SAFELIST_PATH,
    trustedProxies: settings.TRUSTED_PROXIES,
    deduplicateQueries: settings.DEDUPLICATE_QUERIES,
    fastPath: settings.FAST_PATH,
    planExecutor: settings.PLAN_EXECUTOR,
    requestsPerMinute: settings.REQUESTS_PER_MINUTE,
    limits: { maxDepth: settings.MAX_DEPTH, maxAliases: settings.MAX_ALIASES, maxTokens: settings.MAX_TOKENS, maxDirectives: settings.MAX_DIRECTIVES, maxCost: settings.MAX_COST },
    subscriptions: {
      maxPerConnection: settings.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      connectionInitWaitTimeoutMs: settings.WS_CONNECTION_INIT_TIMEOUT_MS,
      upstreamRetryAttempts: settings.SUBSCRIPTION_UPSTREAM_RETRIES,
      maxConnectionsPerAddress: settings.WS_CONNECTIONS_PER_ADDRESS,
      subscribesPerMinute: settings.WS_SUBSCRIBES_PER_MINUTE,
      idleTimeoutMs: settings.WS_IDLE_TIMEOUT_MS,
    },
  };
}

/** The router process: its settings, and where and how it runs. */
const schema = sharedEnvSchema.extend(routerSettingsSchema.shape).extend({
  PORT: env.port(4000),
  /** Prometheus `/metrics`, on a port of its own for the scraper (never on PORT, which is public). */
  METRICS_PORT: env.port(9400),
  /**
   * Router processes sharing the port (node:cluster), default: the machine's cores. On
   * Kubernetes set 1 and scale with replicas, so each pod's CPU limit matches one process.
   */
  ROUTER_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The composed supergraph the router serves; reloaded when the file changes. Default: the repository's. */
  SUPERGRAPH_PATH: z.string().min(1).default(fileURLToPath(new URL('../../supergraph.graphql', import.meta.url))),
  /** Overrides of the routing URLs written in the supergraph file (per environment). */
  SUBGRAPH_URLS: subgraphUrls,
  /** Redis shared by the router replicas for their per-client limits; unset, each process counts alone (in memory). */
  REDIS_URL: messagingEnvSchema.shape.REDIS_URL,
  /** Prefix of the router's Redis keys (the subgraphs' setting of the same name). */
  QUEUE_PREFIX: messagingEnvSchema.shape.QUEUE_PREFIX,
});


export type RouterConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): RouterConfig {
  return parseEnv(schema, environment);
}
