import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { QueryPlanner } from '@apollo/query-planner';
import { ApolloServer, type ApolloServerOptions, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { graphqlHandler, refuseSubscriptionsOverHttp, HttpService, staticSite, logUnexpectedErrors, RateLimitedError, RateLimits, requestErrorStatus, sendError, serveApollo, ServiceMetrics, type Logger, type RevocationWatch, type TokenVerifier } from '@bookstore/server-core';
import { disableGatewayPhoneHome } from './gateway-env.js';
import { Counter } from 'prom-client';
import { ClientAddress } from './client-address.js';
import { InflightQueries } from './inflight.js';
import { routerContext, type RouterContext } from './context.js';
import { SubgraphDataSource, SubgraphPools } from './data-source.js';
import { errorResponsePlugin, reportingGateway, routerErrorFormatter } from './errors.js';
import { assertTokenLimit, defaultLimits, operationRules, type OperationLimits } from './limits.js';
import { SubscriptionHub } from './subscriptions/hub.js';
import { SubscriptionPlanner } from './subscriptions/planner.js';
import { UpstreamPool } from './subscriptions/upstream.js';
import { attachSubscriptionServer } from './subscriptions/ws-server.js';
import { WsClientLimits, type WsClientLimitOptions } from './subscriptions/client-limits.js';
import { Safelist } from './safelist.js';
import { FastPath, type FastPathOutcome } from './fast-path.js';
import { supergraphFromFile } from './supergraph-file.js';

/** Operation texts remembered as within the token limit and on the safelist (oldest forgotten first), and the longest one remembered. */
const PASSED_QUERIES = 1_000;
const PASSED_QUERY_MAX_LENGTH = 10_000;

export interface RouterOptions {
  /** Path of the composed supergraph SDL; the router reloads it when it changes. */
  supergraphPath: string;
  /** Routing URLs by subgraph name, overriding those in the supergraph file (default: none). */
  subgraphUrls?: Record<string, string>;
  /** Verifies access tokens against the users subgraph's JWKS (and its revocation list). */
  verifyToken: TokenVerifier;
  /** The revocation list `verifyToken` checks: open WebSockets whose token it revokes are closed (4403). Unset: none. */
  revocations?: RevocationWatch;
  logger: Logger;
  /** Production: no Sandbox landing page, no introspection, no stack traces. */
  production: boolean;
  /** Upper bound of one subgraph fetch; default 30 000 ms. */
  subgraphTimeoutMs?: number;
  /** Sent to every subgraph (HTTP and WebSocket) so they know the request came through the router. */
  subgraphSecret?: string;
  /** GraphQL requests one client address may make per minute; default 1200. */
  requestsPerMinute?: number;
  /**
   * Where per-client limits are counted: `new RateLimits({ redis, prefix })` shares them among
   * router replicas; default this process's memory.
   */
  rateLimits?: RateLimits;
  /** Safelist mode: only operations in this persisted query manifest run (HTTP and subscriptions). */
  safelistPath?: string;
  /** Proxies whose X-Forwarded-For names the client (addresses or CIDR ranges); default none. */
  trustedProxies?: string[];
  /**
   * Subgraphs whose error messages reach clients as they are (DESIGN.md, Errors across the
   * router); another subgraph's errors keep their code but not their message. Default: all.
   */
  trustedSubgraphs?: string[];
  /** Identical queries in flight (same text, variables and credentials) share one execution; default true. */
  deduplicateQueries?: boolean;
  /**
   * Queries and mutations the router can answer exactly as the gateway would, with nothing to report, skip
   * Apollo Server's per-request work and reuse one preparation per operation (fast-path.ts);
   * default true. Off: every request runs through Apollo Server and the gateway's executor.
   */
  fastPath?: boolean;
  /** Who runs a fast-path query's plan: the router's executor (default) or the gateway's (the reference). */
  planExecutor?: 'router' | 'gateway';
  /**
   * A web app served from this folder at `/` and every other GET path but `/graphql`, `/health`
   * and `/ready` (the storefront's built files in embedded mode); default none. `built`: the
   * folder is still being built, and those paths answer 503 until it settles (`staticSite`).
   */
  site?: { dir: string; built?: Promise<unknown> };
  /** Operation limits for HTTP and subscriptions alike; defaults in `defaultLimits`. */
  limits?: Partial<Omit<OperationLimits, 'exposeLimits'>>;
  subscriptions?: {
    /** Default 25. */
    maxPerConnection?: number;
    /** Default 3 000 ms. */
    connectionInitWaitTimeoutMs?: number;
    /** Upstream reconnection attempts before a subscription errors; default 5 (about 30 s). */
    upstreamRetryAttempts?: number;
  } & WsClientLimitOptions;
}

export interface Router {
  gateway: ApolloGateway;
  service: HttpService;
  metrics: ServiceMetrics;
  /** Upstream work of subscriptions (tests and the benchmark read it). */
  subscriptions: SubscriptionHub;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Apollo Server with the router's fast path in front (fast-path.ts): what it leaves is Apollo's. */
class RouterApolloServer extends ApolloServer<RouterContext> {
  constructor(
    private readonly fastPath: () => FastPath | undefined,
    config: ApolloServerOptions<RouterContext>,
  ) {
    super(config);
  }

  override async executeHTTPGraphQLRequest(request: Parameters<ApolloServer<RouterContext>['executeHTTPGraphQLRequest']>[0]): Promise<HTTPGraphQLResponse> {
    const answered = await this.fastPath()?.execute(request.httpGraphQLRequest, request.context, (context) => super.executeHTTPGraphQLRequest({ ...request, context: async () => context }));
    return answered ?? super.executeHTTPGraphQLRequest(request);
  }
}

/**
 * A general federation router: it serves whatever supergraph file it is given, calling the
 * subgraphs that file names, so it can front any federated graph.
 */
export function createRouter(options: RouterOptions): Router {
  const { logger, production } = options;
  disableGatewayPhoneHome();
  const urlOf = (name: string, fileUrl: string | undefined) => {
    const target = options.subgraphUrls?.[name] ?? fileUrl;
    if (!target) throw new Error(`No routing URL for subgraph "${name}"`);
    return target;
  };
  const metrics = new ServiceMetrics('router');
  const fetchDuration = metrics.histogram('router_subgraph_fetch_duration_seconds', 'Subgraph fetches from the router until response headers, by subgraph and outcome.', ['subgraph', 'outcome']);
  const limits: OperationLimits = { ...defaultLimits, ...options.limits, exposeLimits: !production };
  const rules = operationRules(limits);
  const metricsPlugin = metrics.plugin<RouterContext>();
  const fastPathRequests = new Counter({ name: 'router_fast_path_total', help: 'Queries and mutations taken by the fast path, by outcome: executed (the router ran the plan), gateway_executed (the gateway ran it: @defer or data rewrites), passed_through (one fetch), replayed (answered by the gateway over the same subgraph answers).', labelNames: ['outcome'], registers: [metrics.registry] });
  const onOutcome = (outcome: FastPathOutcome) => fastPathRequests.inc({ outcome });
  const pools = new SubgraphPools();
  const dataSource = (name: string, fileUrl: string | undefined) =>
    new SubgraphDataSource({ name, url: urlOf(name, fileUrl), pools, timeoutMs: options.subgraphTimeoutMs ?? 30_000, routerSecret: options.subgraphSecret, fetchDuration });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(options.supergraphPath, logger),
    buildService: ({ name, url }) => dataSource(name, url),
    logger: {
      debug: (message: unknown) => logger.debug(String(message)),
      info: (message: unknown) => logger.info(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    },
  });

  // Subscriptions: @apollo/gateway refuses them, so the router plans and serves them itself
  // (DESIGN.md, Subscriptions), with a planner and data sources for each loaded supergraph.
  // The fast path, when on, plans queries with the same planner and its own operation cache.
  let current: { planner: SubscriptionPlanner; dataSources: ServiceMap; fastPath: FastPath | undefined } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const planner = plannerOfGateway(gateway) ?? SubscriptionPlanner.fromSdl(coreSupergraphSdl);
    const dataSources: ServiceMap = Object.fromEntries([...planner.subgraphUrls].map(([name, url]) => [name, dataSource(name, url)]));
    current = { planner, dataSources, fastPath: options.fastPath === false ? undefined : new FastPath({ apiSchema, planner, dataSources }, { rules, metrics: metricsPlugin, onOutcome, routerExecutor: options.planExecutor !== 'gateway' }) };
  });

  const formatError = routerErrorFormatter(options.trustedSubgraphs ? new Set(options.trustedSubgraphs) : undefined);
  const hub = new SubscriptionHub({
    upstream: new UpstreamPool({ logger, retryAttempts: options.subscriptions?.upstreamRetryAttempts, routerSecret: options.subgraphSecret }),
    dataSources: () => current?.dataSources ?? {},
    subgraphUrl: (planner, name) => urlOf(name, planner.subgraphUrls.get(name)),
    logger,
    formatError,
  });
  const safelist = options.safelistPath ? Safelist.fromManifest(options.safelistPath) : undefined;
  if (safelist) metrics.trustOperationNames(safelist.names);
  // Before any parsing: the cheap checks on the operation's text.
  // Both depend on the text alone and never change: a text that passed once (the same few
  // operations, sent again and again) passes again without lexing or hashing it.
  const passedQueries = new Set<string>();
  const checkQuery = (query: string) => {
    if (passedQueries.has(query)) return;
    assertTokenLimit(query, limits);
    safelist?.check(query);
    if (query.length > PASSED_QUERY_MAX_LENGTH) return;
    if (passedQueries.size >= PASSED_QUERIES) passedQueries.delete(passedQueries.values().next().value!);
    passedQueries.add(query);
  };

  const perClient = { name: 'router-client', points: options.requestsPerMinute ?? 1_200, durationSeconds: 60 };
  const rateLimits = options.rateLimits ?? new RateLimits();
  const clientAddress = new ClientAddress(options.trustedProxies ?? []);
  const inflight = new InflightQueries();
  const sharedQueries = new Counter({ name: 'router_inflight_shared_total', help: 'Queries answered by joining an identical query already in flight.', registers: [metrics.registry] });
  const graphql = graphqlHandler<RouterContext>({
      // Requests arrive only after listen(), by which time `apollo` below exists.
      get server(): ApolloServer<RouterContext> {
        return apollo;
      },
      context: routerContext(options.verifyToken, logger, (req) => clientAddress.of(req)),
      checkQuery,
      ...(options.deduplicateQueries === false ? {} : { shareKey: (req, body) => inflight.keyOf(req, body), onShared: () => sharedQueries.inc() }),
    });
  const service: HttpService = new HttpService({
    name: 'router',
    logger,
    // The general per-client limit comes first: a flood costs one counter, not a parse.
    graphql: async (req, res, requestId) => {
      try {
        await rateLimits.consume(perClient, clientAddress.of(req));
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        return sendError(res, 429, error);
      }
      return graphql(req, res, requestId);
    },
    ready: async () => {
      if (!gateway.schema) throw new Error('supergraph not loaded');
    },
    metrics,
    ...(options.site ? { site: staticSite(options.site) } : {}),
  });
  const apollo: ApolloServer<RouterContext> = new RouterApolloServer(() => current?.fastPath, {
    gateway: reportingGateway(gateway),
    introspection: !production,
    // No "Did you mean ...?" in production: suggestions reveal the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: production,
    validationRules: rules,
    // A stack trace through the gateway tells a client nothing; the log keeps the original
    // under the request id that a masked error carries.
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runMain drains workers, then servers, then closes the database); Apollo's
    // own handler would stop the server and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: service.httpServer, stopGracePeriodMillis: 10_000 }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      logUnexpectedErrors(),
      requestErrorStatus(),
      errorResponsePlugin(),
      metricsPlugin,
      // @apollo/gateway cannot run a subscription over HTTP (it would be a 500): say where it goes.
      refuseSubscriptionsOverHttp(),
    ],
  });
  const subscriptionServer = attachSubscriptionServer({
    httpServer: service.httpServer,
    hub,
    planner: () => current?.planner,
    verifyToken: options.verifyToken,
    revocations: options.revocations,
    rules,
    checkQuery,
    formatError,
    maxSubscriptionsPerConnection: options.subscriptions?.maxPerConnection,
    connectionInitWaitTimeoutMs: options.subscriptions?.connectionInitWaitTimeoutMs,
    clientLimits: new WsClientLimits(options.subscriptions ?? {}, rateLimits),
    clientAddress: (req) => clientAddress.of(req),
    production,
    logger,
  });
  // By owning subgraph (every one in the supergraph, at zero too), so one owner's trouble shows as its own.
  const byOwner = () => hub.byOwner(current?.planner.subscriptionOwners ?? []);
  metrics.gaugeOnScrape('router_subscriptions_active', 'Client subscriptions being served, by owning subgraph.', ['subgraph'], () => byOwner().map(({ subgraph, subscribers }) => ({ labels: { subgraph }, value: subscribers })));
  metrics.gaugeOnScrape('router_subscription_upstreams', 'Upstream subscriptions shared by identical client subscriptions, by owning subgraph.', ['subgraph'], () =>
    byOwner().map(({ subgraph, upstreams }) => ({ labels: { subgraph }, value: upstreams })),
  );
  metrics.gaugeOnScrape('router_websocket_connections', 'Open client WebSocket connections.', [], () => [{ labels: {}, value: subscriptionServer.connections }]);
  const http = serveApollo(apollo, service);
  return {
    gateway,
    service,
    metrics,
    subscriptions: hub,
    listen: http.listen,
    async stop() {
      // Sockets first (clients reconnect elsewhere), then HTTP drains; stopping Apollo Server
      // stops the gateway too, which closes the supergraph file watcher.
      await subscriptionServer.close();
      await http.stop();
      await pools.close();
    },
  };
}

/**
 * The gateway has just built the supergraph and a query planner for the schema it loaded (it sets
 * its private `queryPlanner` before telling onSchemaLoadOrUpdate listeners). Planning with that
 * planner plans exactly as the gateway does and saves building both again (about 0.1-0.2 s of a
 * start, and their memory). Undefined when this gateway version keeps no such field: the router
 * then builds its own from the SDL.
 */
function plannerOfGateway(gateway: ApolloGateway): SubscriptionPlanner | undefined {
  const planner = (gateway as unknown as { queryPlanner?: unknown }).queryPlanner;
  return planner instanceof QueryPlanner ? new SubscriptionPlanner(planner.supergraph, planner) : undefined;
}
