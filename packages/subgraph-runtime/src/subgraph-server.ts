import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { isInterfaceType, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { verifyAuthorization, type TokenVerifier } from '@bookstore/server-core';
import { logUnexpectedErrors, refuseSubscriptionsOverHttp } from '@bookstore/server-core';
import { BadUserInputError, maskError } from '@bookstore/server-core';
import { graphqlHandler, requestErrorStatus, type RouteHandler } from '@bookstore/server-core';
import type { Logger } from '@bookstore/server-core';
import type { ServiceMetrics } from '@bookstore/server-core';
import { HttpService, serveApollo } from '@bookstore/server-core';
import { clientIpOf } from '@bookstore/server-core';
import { fromRouter } from '@bookstore/server-core';
import { serveSubscriptions, type SubscriptionOptions } from './subscription-server.js';
import type { RequestContext } from '@bookstore/server-core';
import { refuseUnstorableText } from './unstorable-text.js';


export type { GraphQLResolverMap };

/** A subgraph as `subgraph.ts` builds it from its dependencies: no ports, no process state. */
export interface SubgraphDefinition<TContext extends RequestContext = RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Adds per-request state, typically fresh DataLoaders so batches never leak across requests. */
  createContext: (base: RequestContext) => TContext;
  /** Extra GET routes, e.g. the users subgraph's `/.well-known/jwks.json`. */
  routes?: Record<string, RouteHandler>;
  /** Extra GET routes answered only with the router's secret, like `/graphql` (the users subgraph's `/revocations`). */
  privateRoutes?: Record<string, RouteHandler>;
  /** Throws while a dependency is down; drives `/ready`. */
  ready?: () => Promise<void>;
}

export interface SubgraphServerOptions {
  verifyToken: TokenVerifier;
  logger: Logger;
  /** Production hides internals: no stack traces, masked unexpected errors (always masked), no landing page. */
  production: boolean;
  /**
   * How long in-flight requests may run after SIGTERM before connections are cut, and how long
   * WebSocket clients get to finish their close handshake; default 10_000 ms (10 seconds).
   */
  stopGracePeriodMillis?: number;
  /** graphql-ws settings; used only when the schema has a Subscription type. Defaults: see SubscriptionOptions. */
  subscriptions?: SubscriptionOptions;
  /** The router's shared secret: `/graphql` (HTTP and WebSocket) answers only requests carrying it. Unset: anyone. */
  routerSecret?: string;
  /** Prometheus metrics served at `/metrics`; unset: none. */
  metrics?: ServiceMetrics;
}

export interface SubgraphServer {
  apollo: ApolloServer<RequestContext>;
  service: HttpService;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `_entities` refuses a representation that names no entity of this subgraph (or is no object)
 * as the caller's mistake: @apollo/subgraph's resolver would throw a plain Error, masked as an
 * INTERNAL_SERVER_ERROR and logged as a crash.
 */
function checkRepresentations(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  field.resolve = (source, args: { representations: unknown[] }, context, info) => {
    args.representations.forEach((representation, i) => {
      const typename = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
      const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
      if (!type || !(isObjectType(type) || isInterfaceType(type))) {
        throw new BadUserInputError(`representations[${i}] must be an object whose __typename names an entity of this subgraph.`, `representations[${i}]`);
      }
    });
    return resolve(source, args, context, info);
  };
}

/** The one server factory every subgraph uses (CONVENTIONS.md 2). */
export function createSubgraphServer<TContext extends RequestContext>(definition: SubgraphDefinition<TContext>, options: SubgraphServerOptions): SubgraphServer {
  const contextFor = async (req: IncomingMessage, requestId: string): Promise<TContext> => {
    const log = options.logger.child({ requestId });
    const credentials = await verifyAuthorization(req.headers.authorization, options.verifyToken);
    return definition.createContext({ viewer: credentials?.viewer ?? null, credentials, requestId, clientIp: clientIpOf(req), log });
  };
  const handler = graphqlHandler<RequestContext>({
    // Requests arrive only after listen(), by which time `apollo` below exists.
    get server(): ApolloServer<RequestContext> {
      return apollo;
    },
    context: contextFor,
  });
  const service: HttpService = new HttpService({
    name: `${definition.name} subgraph`,
    logger: options.logger,
    graphql: handler,
    routes: definition.routes,
    privateRoutes: definition.privateRoutes,
    ready: definition.ready,
    admits: (req) => admitted(req.headers),
    metrics: options.metrics,
  });
  const schema = buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
  checkRepresentations(schema);
  const stopGracePeriodMillis = options.stopGracePeriodMillis ?? 10_000;
  const admitted = fromRouter(options.routerSecret);
  // Subscriptions ride graphql-ws on the same server and path; HTTP (and /health, /ready) is untouched.
  const subscriptions = schema.getSubscriptionType()
    ? serveSubscriptions({
        httpServer: service.httpServer,
        schema,
        createContext: definition.createContext,
        verifyToken: options.verifyToken,
        admits: admitted,
        logger: options.logger,
        production: options.production,
        stopGracePeriodMillis,
        options: options.subscriptions,
      })
    : undefined;
  const apollo: ApolloServer<RequestContext> = new ApolloServer<RequestContext>({
    schema,
    // Errors go to the router, which shows clients only their allowed extensions; the log keeps stacks.
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runMain drains workers, then servers, then closes the database); Apollo's
    // own handler would stop the server and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    formatError: maskError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: service.httpServer, stopGracePeriodMillis }),
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces feed Apollo Studio, which this product does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // No schema here sets a cache hint, so the default plugin only computed `no-store`, at the
      // cost of a policy object and a resolver wrapper per field (a fifth of the catalog's CPU per
      // catalogue page, and its garbage). Without the header the router reads max-age 0: the same
      // `no-store` for clients.
      ApolloServerPluginCacheControlDisabled(),
      logUnexpectedErrors(),
      requestErrorStatus(),
      // Text PostgreSQL cannot store (U+0000, lone surrogates) or that no one types (C0 controls) never reaches a resolver.
      refuseUnstorableText(),
      refuseSubscriptionsOverHttp(),
      ...(options.metrics ? [options.metrics.plugin<RequestContext>()] : []),
    ],
  });
  // Sockets go first, with 1001 so the router resubscribes elsewhere: upgraded sockets would
  // otherwise hold the HTTP server open through Apollo's drain. /ready already says draining.
  const lifecycle = {
    start: () => apollo.start(),
    async stop() {
      await subscriptions?.close();
      await apollo.stop();
    },
  };
  return { apollo, service, ...serveApollo(lifecycle, service) };
}
