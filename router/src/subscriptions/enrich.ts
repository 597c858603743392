import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import type { Credentials, Logger } from '@bookstore/server-core';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { RouterContext } from '../context.js';
import { reportValueCompletion } from '../errors.js';
import { continueTrace } from '../trace-context.js';
import type { SubscriptionPlanner } from './planner.js';

export interface EnrichmentInput {
  planner: SubscriptionPlanner;
  node: SubscriptionNode;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** The router's data sources by subgraph name (they forward the caller's token). */
  dataSources: ServiceMap;
  /** Whose token the `rest` fetches present. */
  credentials: Credentials | null;
  logger: Logger;
  /** Identifies this event's fetches in subgraph logs, and its masked errors in the router's. */
  requestId: string;
}

/**
 * The service name the primary fetch is given in the plan run per event. Not the owning
 * subgraph's own: `rest` may fetch from the owner again (a field the owner contributes to an
 * entity another subgraph returned), and that fetch must reach the owner, not the event.
 */
const EVENT_SOURCE = '(subscription event)';

/**
 * Turns one upstream event (the data of the plan's `primary` fetch) into the client's result:
 * the gateway's own executeQueryPlan runs a plan whose first node is that primary fetch, served
 * from the event, followed by `rest`, so other subgraphs' fields come through `_entities` and
 * the result has exactly the client's selection. Its errors are formatted (not yet masked).
 */
export async function enrichEvent(input: EnrichmentInput, eventData: Record<string, unknown>): Promise<FormattedExecutionResult> {
  const { node } = input;
  const serviceMap: ServiceMap = { ...input.dataSources, [EVENT_SOURCE]: { process: async () => ({ data: eventData }) } };
  const primary = { ...node.primary, serviceName: EVENT_SOURCE };
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node: node.rest ? { kind: 'Sequence', nodes: [primary, node.rest] } : primary };
  const operationContext = buildOperationContext({ schema: input.planner.apiGraphQLSchema, operationDocument: input.document, operationName: input.operationName });
  const { requestId } = input;
  const context: RouterContext = {
    credentials: input.credentials,
    requestId,
    clientIp: 'router',
    trace: continueTrace(undefined, undefined),
    log: input.logger.child({ requestId }),
  };
  const requestContext = {
    request: { variables: input.variables, operationName: input.operationName },
    context,
    logger: input.logger,
    metrics: {},
    document: input.document,
    operationName: input.operationName ?? null,
    operation: operationContext.operation,
  } as unknown as GatewayGraphQLRequestContext<RouterContext>;
  // As over HTTP, a field the gateway nulls while shaping the event is reported, never silent.
  const result = reportValueCompletion(await executeQueryPlan(queryPlan, serviceMap, requestContext, operationContext, input.planner.supergraphGraphQLSchema, input.planner.apiSchema));
  // The gateway's own errors are GraphQLErrors; those reportValueCompletion moved in are formatted already.
  const errors = (result.errors ?? []).map((error: GraphQLError | GraphQLFormattedError) => (error instanceof GraphQLError ? error.toJSON() : error));
  return { data: result.data ?? null, ...(errors.length > 0 ? { errors } : {}) };
}
