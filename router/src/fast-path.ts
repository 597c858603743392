import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { ApolloServerPlugin, GraphQLRequestListener, HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { inSpan, SpanKind, tracingActive } from '@bookstore/server-core';
import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  isEnumType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  print,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import Negotiator from 'negotiator';
import type { RouterContext } from './context.js';
import { SubgraphDataSource } from './data-source.js';
import { PlanExecutor, type SendFetch } from './plan-executor.js';
import { ResponseShaper } from './response-shaper.js';
import { SubgraphAnswers, type SubgraphAnswer } from './subgraph-answers.js';
import type { SubscriptionPlanner } from './subscriptions/planner.js';

/** Distinct operations (document and operation name) whose preparation is kept, per supergraph. */
const OPERATION_CACHE_SIZE = 1_000;

/** What the supergraph the fast path serves is made of; a new one is built on each reload. */
export interface FastPathSupergraph {
  /** The client-facing schema, the one the gateway validates and executes against. */
  apiSchema: GraphQLSchema;
  /** Plans as the gateway does, and holds the schemas executeQueryPlan takes. */
  planner: SubscriptionPlanner;
  dataSources: ServiceMap;
}

export interface FastPathOptions {
  /** The router's own validation rules (limits), on top of the GraphQL spec's. */
  rules: readonly ValidationRule[];
  /** The metrics plugin Apollo Server runs, so a fast answer is counted the same way. */
  metrics: ApolloServerPlugin<RouterContext>;
  /** Plans run by the router's executor (plan-executor.ts) where it can; false: always by the gateway's. Default true. */
  routerExecutor?: boolean;
  /** Told how each request the fast path took ended (router_fast_path_total). */
  onOutcome?: (outcome: FastPathOutcome) => void;
}

/**
 * A plan run by the router's executor, by the gateway's executor (plans with @defer or data
 * rewrites), a single fetch's data passed through, or the gateway's replay through Apollo Server.
 */
export type FastPathOutcome = 'executed' | 'gateway_executed' | 'passed_through' | 'replayed';

/** An operation checked and planned once: what every later request of it reuses. */
interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  operationContext: ReturnType<typeof buildOperationContext>;
  plan: QueryPlan;
  /** Set when the plan is one fetch whose answer is already the client's: its data passes through. */
  passThrough: PassThrough | undefined;
  /** Otherwise the plan run and the answer shaped here, when the plan and operation allow (else the gateway's executor). */
  executor: PlanExecutor | undefined;
}

/** The request body fields the fast path takes; anything else goes to Apollo Server. */
interface PlainRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  /** What the answer is sent as, negotiated from the Accept header as Apollo Server does. */
  contentType: string;
}

/**
 * The router's fast path for queries and mutations: what Apollo Server and the gateway's
 * executor redo on every request (hashing, parsing and validation caches, plugin hooks,
 * operation context, plan lookup, re-reading the operation for the response shaper) is done once
 * per distinct operation here, and a plan that is a single fetch answering exactly the client's
 * selection passes the subgraph's data through without reshaping. @apollo/gateway stays the
 * planner and the reference: this path answers only when the gateway would answer the same with
 * nothing to report; every other request (subscriptions, introspection, errors of any kind,
 * persisted queries, other content types) is Apollo Server's, and a result with errors is shaped
 * again by the gateway over the same subgraph answers (SubgraphAnswers), never fetched twice; a
 * mutation's replay refuses any subgraph request the record lacks, so it never runs twice.
 * Mutations are passed through or run by the gateway's executor (the router's shapes queries only).
 * router/test/fast-path.e2e.ts compares both paths on a corpus of federated queries and mutations.
 */
export class FastPath {
  private readonly prepared = new Map<string, Prepared | null>();
  private readonly rules: readonly ValidationRule[];

  constructor(
    private readonly supergraph: FastPathSupergraph,
    private readonly options: FastPathOptions,
  ) {
    // Introspection is Apollo Server's: it hides it in production, and the gateway answers it itself.
    this.rules = [...specifiedRules, NoSchemaIntrospectionCustomRule, ...options.rules];
  }

  /**
   * The response to a request the fast path can answer alone, or undefined for Apollo Server to
   * answer it. `gateway` answers it through Apollo Server with the given context (a replay).
   */
  async execute(
    http: HTTPGraphQLRequest,
    buildContext: () => Promise<RouterContext>,
    gateway: (context: RouterContext) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse | undefined> {
    const request = plainRequest(http);
    if (!request) return undefined;
    const prepared = this.prepare(request);
    if (!prepared) return undefined;
    // Apollo Server's metrics plugin times the request from here; told of the answer only when
    // this path gives it (a replay through Apollo Server is counted there).
    const metrics = (await this.options.metrics.requestDidStart?.({} as never)) as GraphQLRequestListener<RouterContext> | void;
    let context: RouterContext;
    try {
      context = await buildContext();
    } catch {
      return undefined; // Apollo Server builds it again and answers the failure (e.g. 401) as usual
    }
    const { apiSchema } = this.supergraph;
    const definitions = prepared.operation.variableDefinitions;
    if (definitions?.length && getVariableValues(apiSchema, definitions, request.variables ?? {}).errors) return gateway(context);
    const answers = new SubgraphAnswers();
    context.subgraphAnswers = answers;
    const requestContext = this.requestContext(request, prepared, context);
    // The same `gateway.request` span the gateway opens around its executor, so a trace reads the
    // same whichever path answered (executeQueryPlan adds gateway.execute and gateway.fetch under it).
    const run = () =>
      prepared.passThrough
        ? this.passThrough(prepared.passThrough, request, requestContext)
        : prepared.executor
          ? this.runPlan(prepared.executor, request, requestContext)
          : this.executePlan(prepared, requestContext);
    const data = tracingActive() ? await inSpan('gateway.request', SpanKind.INTERNAL, { 'graphql.operation.type': prepared.operation.operation }, run) : await run();
    if (data === undefined) {
      this.options.onOutcome?.('replayed');
      answers.replay(prepared.operation.operation === 'mutation');
      return gateway(context);
    }
    this.options.onOutcome?.(prepared.passThrough ? 'passed_through' : prepared.executor ? 'executed' : 'gateway_executed');
    await metrics?.willSendResponse?.({ operationName: prepared.operation.name?.value ?? null, operation: prepared.operation } as never);
    const headers = new HeaderMap([['content-type', request.contentType]]);
    headers.set('cache-control', cacheControlOf(requestContext.overallCachePolicy));
    return { status: 200, headers, body: { kind: 'complete', string: `{"data":${typeof data === 'string' ? data : JSON.stringify(data)}}\n` } };
  }

  private prepare(request: PlainRequest): Prepared | undefined {
    const key = `${request.operationName ?? ''}\n${request.query}`;
    let prepared = this.prepared.get(key);
    if (prepared === undefined) {
      prepared = this.check(request);
      if (this.prepared.size >= OPERATION_CACHE_SIZE) this.prepared.delete(this.prepared.keys().next().value!);
      this.prepared.set(key, prepared);
    }
    return prepared ?? undefined;
  }

  /** Parsed, validated (spec, limits), a query, and planned; null when Apollo Server is to answer it. */
  private check({ query, operationName }: PlainRequest): Prepared | null {
    const { apiSchema, planner } = this.supergraph;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return null;
    }
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== 'query' && operation?.operation !== 'mutation') return null;
    if (validate(apiSchema, document, this.rules).length > 0) return null;
    let plan: QueryPlan;
    try {
      plan = planner.planQuery(document, operationName);
    } catch {
      return null;
    }
    const operationContext = buildOperationContext({ schema: apiSchema, operationDocument: document, operationName });
    const passFetch = passThroughFetch(plan, operation, document, this.supergraph);
    const source = passFetch && this.supergraph.dataSources[passFetch.serviceName];
    const passThrough = passFetch && source instanceof SubgraphDataSource ? { source, body: fetchBody(passFetch) } : undefined;
    const shaper = passThrough || this.options.routerExecutor === false ? undefined : ResponseShaper.compile(apiSchema, document, operation);
    const executor = shaper && PlanExecutor.compile(plan, planner.supergraphGraphQLSchema, shaper);
    return { document, operation, operationName, operationContext, plan, passThrough, executor };
  }

  /** What executeQueryPlan and the data sources read of Apollo Server's request context. */
  private requestContext(request: PlainRequest, prepared: Prepared, context: RouterContext): GatewayGraphQLRequestContext<RouterContext> {
    return {
      request: { query: request.query, operationName: request.operationName, variables: request.variables },
      context,
      logger: new RequestLogger(context),
      metrics: {},
      document: prepared.document,
      operationName: prepared.operationName ?? null,
      operation: prepared.operation,
      overallCachePolicy: new CachePolicy(),
    } as unknown as GatewayGraphQLRequestContext<RouterContext>;
  }

  /**
   * The plan run by the router's executor (plan-executor.ts), its fetches through the gateway's
   * data sources as executeQueryPlan sends them, under the gateway's span names when tracing.
   */
  private async runPlan(executor: PlanExecutor, request: PlainRequest, requestContext: GatewayGraphQLRequestContext<RouterContext>): Promise<Record<string, unknown> | undefined> {
    const { dataSources } = this.supergraph;
    const tracing = tracingActive();
    const send: SendFetch = async (fetch, variables, path) => {
      const service = dataSources[fetch.serviceName];
      if (!service) throw new Error(`No data source for the ${fetch.serviceName} subgraph`);
      const process = () =>
        service.process({
          kind: 'incoming operation' as never,
          request: { query: fetch.operation, variables, operationName: fetch.operationName },
          incomingRequestContext: requestContext,
          context: requestContext.context,
          document: fetch.operationDocumentNode,
          pathInIncomingRequest: path,
        } as never);
      return tracing ? inSpan('gateway.fetch', SpanKind.INTERNAL, { service: fetch.serviceName }, process) : process();
    };
    const execute = () => executor.execute(request.variables, send);
    return tracing ? inSpan('gateway.execute', SpanKind.INTERNAL, {}, execute) : execute();
  }

  /** The gateway's own execution of the plan; undefined when its result has anything to report. */
  private async executePlan(prepared: Prepared, requestContext: GatewayGraphQLRequestContext<RouterContext>): Promise<Record<string, unknown> | undefined> {
    const { planner, dataSources } = this.supergraph;
    let result: GatewayGraphQLResponse;
    try {
      result = await executeQueryPlan(prepared.plan, dataSources, requestContext, prepared.operationContext, planner.supergraphGraphQLSchema, planner.apiSchema);
    } catch {
      return undefined;
    }
    if (result.errors?.length || result.extensions || !result.data) return undefined;
    return result.data;
  }

  /**
   * The one fetch's data as it came, when it came whole and without errors: its JSON text as the
   * subgraph wrote it when the body held nothing else (no second serialisation), else the parsed object.
   */
  private async passThrough({ source, body }: PassThrough, request: PlainRequest, requestContext: GatewayGraphQLRequestContext<RouterContext>): Promise<Record<string, unknown> | string | undefined> {
    let answer: SubgraphAnswer;
    try {
      answer = await source.send(body(request.variables), requestContext.context, requestContext);
    } catch {
      return undefined;
    }
    const { graphql } = answer;
    if (graphql.errors?.length || !graphql.data || typeof graphql.data !== 'object') return undefined;
    return answer.dataText ?? graphql.data;
  }
}

/** A single fetch passed through: its subgraph's data source, and its request body given the client's variables. */
interface PassThrough {
  source: SubgraphDataSource;
  body: (variables: Record<string, unknown> | undefined) => string;
}

/**
 * The body the gateway sends for `fetch` (executeFetch: the fetch's operation, the variables it
 * uses that the client gave, its operation name), byte for byte as SubgraphDataSource.process
 * serialises it, so a replay finds the recorded answer: only the variables are serialised per
 * request; the operation's text, escaped once here, is most of the body.
 */
export function fetchBody(fetch: Pick<FetchNode, 'operation' | 'operationName' | 'variableUsages'>): PassThrough['body'] {
  const head = `{"query":${JSON.stringify(fetch.operation)},"variables":`;
  const tail = fetch.operationName === undefined ? '}' : `,"operationName":${JSON.stringify(fetch.operationName)}}`;
  const usages = fetch.variableUsages ?? [];
  if (usages.length === 0) {
    const whole = `${head}{}${tail}`;
    return () => whole;
  }
  return (given) => {
    const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of usages) {
      const value = given?.[name];
      if (given && Object.hasOwn(given, name) && value !== undefined) variables[name] = value;
    }
    return `${head}${JSON.stringify(variables)}${tail}`;
  };
}

/** The body of a POST that the fast path may answer: JSON in and out, a query string, no extensions (APQ). */
function plainRequest(http: HTTPGraphQLRequest): PlainRequest | undefined {
  if (http.method !== 'POST' || mimeType(http.headers.get('content-type')) !== 'application/json') return undefined;
  const contentType = contentTypeFor(http.headers.get('accept'));
  if (!contentType) return undefined;
  const body = http.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (typeof query !== 'string' || extensions !== undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query, operationName: operationName ?? undefined, variables: (variables ?? undefined) as Record<string, unknown> | undefined, contentType };
}

/** The media types Apollo Server offers a single result in, in its order (chooseContentTypeForSingleResultResponse). */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const SINGLE_RESULT_TYPES = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, 'application/json; callbackSpec=1.0; charset=utf-8'];
/** Accept headers a router sees are few (one per client library): each is negotiated once. */
const negotiated = new Map<string, string | undefined>();
const NEGOTIATED_SIZE = 100;

/**
 * The content type Apollo Server would answer a successful query with, negotiated as it does
 * (the same negotiator, offers and order), or undefined when that is not JSON or GraphQL over
 * HTTP's response type (Apollo Server answers those itself, 406 included).
 */
function contentTypeFor(accept: string | undefined): string | undefined {
  if (!accept) return APPLICATION_JSON;
  if (negotiated.has(accept)) return negotiated.get(accept);
  const preferred = new Negotiator({ headers: { accept } }).mediaType(SINGLE_RESULT_TYPES);
  const type = preferred === APPLICATION_JSON || preferred === GRAPHQL_RESPONSE_JSON ? preferred : undefined;
  if (negotiated.size < NEGOTIATED_SIZE) negotiated.set(accept, type);
  return type;
}

function mimeType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const end = contentType.indexOf(';');
  return (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}

/**
 * The single fetch of a plan when its answer is already the client's: the subgraph is sent the
 * client's operation itself (same selections, arguments, directives and variables; no fragments,
 * which the planner inlines, no `__typename` the planner adds for abstract types), nothing is
 * rewritten, and no enum in the selection has values the API hides (the gateway nulls those).
 * The gateway's shaping would then rebuild the same object: nulls and non-null propagation were
 * already the subgraph's, under the same types.
 */
function passThroughFetch(plan: QueryPlan, operation: OperationDefinitionNode, document: DocumentNode, supergraph: FastPathSupergraph): FetchNode | undefined {
  const fetch = plan.node;
  if (fetch?.kind !== 'Fetch' || fetch.requires || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return undefined;
  if (document.definitions.length !== 1) return undefined;
  if (operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename')) return undefined;
  if (printAnonymous(parse(fetch.operation, { noLocation: true }).definitions[0] as OperationDefinitionNode) !== printAnonymous(operation)) return undefined;
  return selectsHiddenEnumValues(document, supergraph) ? undefined : fetch;
}

function printAnonymous(operation: OperationDefinitionNode): string {
  return print({ ...operation, name: undefined });
}

/** Whether a leaf of the operation is an enum some of whose values the API schema hides (@inaccessible). */
function selectsHiddenEnumValues(document: DocumentNode, { apiSchema, planner }: FastPathSupergraph): boolean {
  const typeInfo = new TypeInfo(apiSchema);
  let hidden = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : undefined;
        if (!named || !isEnumType(named)) return;
        const full = planner.supergraphGraphQLSchema.getType(named.name);
        if (!isEnumType(full) || full.getValues().length !== named.getValues().length) hidden = true;
      },
    }),
  );
  return hidden;
}

/**
 * What executeQueryPlan logs to, read from the request context up front: the request's logger,
 * made only when something is logged (RouterContext.log is a pino child made on first use).
 */
class RequestLogger {
  constructor(private readonly context: RouterContext) {}
  debug(message: unknown): void {
    this.context.log.debug(String(message));
  }
  info(message: unknown): void {
    this.context.log.info(String(message));
  }
  warn(message: unknown): void {
    this.context.log.warn(String(message));
  }
  error(message: unknown): void {
    this.context.log.error(String(message));
  }
}

/**
 * The part of Apollo Server's cache policy the data sources restrict (restrictCachePolicy in
 * data-source.ts), and the header Apollo's cache control plugin makes of it.
 */
class CachePolicy {
  maxAge: number | undefined;
  scope: 'PUBLIC' | 'PRIVATE' | undefined;

  restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }
}

function cacheControlOf(policy: unknown): string {
  const { maxAge, scope } = policy as CachePolicy;
  return maxAge ? `max-age=${maxAge}, ${(scope ?? 'PUBLIC').toLowerCase()}` : 'no-store';
}
