import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * Plans subscriptions with the federation query planner, as @apollo/gateway plans queries (it
 * refuses subscriptions itself), and queries for the router's fast path (fast-path.ts) with the
 * planner and settings the gateway uses, so both plan alike. Rebuilt whenever the router loads
 * a new supergraph.
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  /** The client-facing schema: what subscriptions are validated against. */
  readonly apiGraphQLSchema: GraphQLSchema;
  /** The supergraph as graphql-js sees it, for executeQueryPlan. */
  readonly supergraphGraphQLSchema: GraphQLSchema;
  /** Each subgraph's routing URL as the supergraph names it. */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  /** The subgraphs that own Subscription fields (orders and loans in the bookstore), in supergraph order. */
  readonly subscriptionOwners: readonly string[];
  /** Subscription plans by document (gone with it) and operation name (`plan`). */
  private readonly subscriptionPlans = new WeakMap<DocumentNode, Map<string, SubscriptionNode>>();
  /**
   * Plans with `planner` (default: a new one over `supergraph`, as @apollo/gateway makes it with
   * default settings). The router passes the gateway's own planner for the schema it just loaded.
   */
  constructor(
    supergraph: Supergraph,
    private readonly planner: QueryPlanner = new QueryPlanner(supergraph),
  ) {
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphGraphQLSchema = supergraph.schema.toGraphQLJSSchema();
    this.subgraphUrls = new Map(supergraph.subgraphs().values().map((s) => [s.name, s.url]));
    this.subscriptionOwners = supergraph
      .subgraphs()
      .values()
      .filter((s) => s.schema.schemaDefinition.rootType('subscription'))
      .map((s) => s.name);
  }

  /** A planner of its own for a supergraph's SDL. */
  static fromSdl(supergraphSdl: string): SubscriptionPlanner {
    return new SubscriptionPlanner(Supergraph.build(supergraphSdl));
  }

  /** A query's plan, as @apollo/gateway would make it (its planner, default settings). */
  planQuery(document: DocumentNode, operationName: string | undefined): QueryPlan {
    return this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
  }

  /**
   * The plan's Subscription node: a `primary` fetch on the owning subgraph and the `rest` for each
   * event. Kept per document and operation name: the graphql-ws server hands over the same
   * DocumentNode for the same text (ValidatedDocuments), and at 1,000 subscribers of one
   * subscription planning each anew was over a quarter of the router's busy time. Plans are read,
   * never changed, by the hub (as the gateway shares its cached query plans between requests).
   */
  plan(document: DocumentNode, operationName: string | undefined): SubscriptionNode {
    let plans = this.subscriptionPlans.get(document);
    const known = plans?.get(operationName ?? '');
    if (known) return known;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== 'Subscription') throw new Error(`expected a subscription plan, got ${plan.node?.kind ?? 'none'}`);
    if (!plans) this.subscriptionPlans.set(document, (plans = new Map()));
    plans.set(operationName ?? '', plan.node);
    return plan.node;
  }
}
