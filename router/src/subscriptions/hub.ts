import { randomUUID } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import type { SubscriptionNode } from '@apollo/query-planner';
import { ErrorCode, isUnexpectedError, type Credentials, type Logger } from '@bookstore/server-core';
import { print, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { enrichEvent } from './enrich.js';
import { fresher, identityOf } from './identity.js';
import type { SubscriptionPlanner } from './planner.js';
import { PushIterator } from './push-iterator.js';
import type { UpstreamPool, UpstreamTarget } from './upstream.js';

/** One client's subscription, already validated and planned. */
export interface SubscriptionRequest {
  planner: SubscriptionPlanner;
  node: SubscriptionNode;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** The caller's, from its socket's connection_init; null when anonymous. */
  credentials: Credentials | null;
}

export interface HubOptions {
  upstream: UpstreamPool;
  /** The router's data sources and each subgraph's URL, for the planner in use. */
  dataSources: (planner: SubscriptionPlanner) => ServiceMap;
  subgraphUrl: (planner: SubscriptionPlanner, name: string) => string;
  logger: Logger;
  /** The router's error formatter (routerErrorFormatter): what a client may see of an error. */
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** Events one subscriber may fall behind before it is ended, default 100. */
  bufferSize?: number;
}

/** Counters for tests and the benchmark: how much upstream work the subscribers cost. */
export interface HubStats {
  /** Upstream subscriptions opened (on the owning subgraph). */
  upstreamSubscriptions: number;
  /** Events enriched (once per event, however many subscribers share it). */
  enrichments: number;
  /** Subgraph fetches made by those enrichments (`_entities` for other subgraphs' fields). */
  fetches: number;
}

/** What a client receives per event: errors are already formatted (and masked). */
export type Result = FormattedExecutionResult;

interface Subscriber {
  iterator: PushIterator<Result>;
  credentials: Credentials | null;
}

const unavailable = (): Result => ({
  errors: [{ message: 'Updates are unavailable right now; subscribe again shortly.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
});

/**
 * Identical subscriptions (same document, variables and caller identity) share one upstream
 * subscription and one enrichment per event; each event's result fans out to every subscriber.
 */
export class SubscriptionHub {
  private readonly shared = new Map<string, SharedSubscription>();
  readonly stats: HubStats = { upstreamSubscriptions: 0, enrichments: 0, fetches: 0 };

  constructor(private readonly options: HubOptions) {}

  subscribe(request: SubscriptionRequest): AsyncIterableIterator<Result> {
    const owner = request.node.primary.serviceName;
    const target: UpstreamTarget = { subgraph: owner, url: this.options.subgraphUrl(request.planner, owner) };
    // The owner and its URL are part of the key: once a reloaded supergraph moves the field to
    // another subgraph or routes its owner elsewhere, new subscribers open an upstream there
    // rather than join one on the old owner.
    const key = JSON.stringify([target.subgraph, target.url, printed(request.document), request.operationName ?? null, stableJson(request.variables), identityOf(request.credentials)]);
    let shared = this.shared.get(key);
    if (!shared) {
      shared = new SharedSubscription(request, target, this.options, this.stats, () => this.shared.delete(key));
      this.shared.set(key, shared);
    }
    return shared.add(request);
  }

  /** Client subscriptions and the upstream subscriptions they share, by owning subgraph (`owners` are reported even at zero). */
  byOwner(owners: readonly string[]): { subgraph: string; subscribers: number; upstreams: number }[] {
    const counts = new Map(owners.map((subgraph) => [subgraph, { subgraph, subscribers: 0, upstreams: 0 }]));
    for (const shared of this.shared.values()) {
      const entry = counts.get(shared.owner) ?? { subgraph: shared.owner, subscribers: 0, upstreams: 0 };
      entry.subscribers += shared.subscriberCount;
      entry.upstreams++;
      counts.set(shared.owner, entry);
    }
    return [...counts.values()];
  }

  /** Subscriptions sharing upstream work right now. */
  get size(): number {
    return this.shared.size;
  }

  /** Client subscriptions served right now (several may share one upstream subscription). */
  get subscribers(): number {
    let count = 0;
    for (const shared of this.shared.values()) count += shared.subscriberCount;
    return count;
  }

  /** Upstream sockets acknowledged by subgraphs so far. */
  get upstreamConnections(): number {
    return this.options.upstream.connections;
  }

  close(): void {
    for (const shared of [...this.shared.values()]) shared.end(unavailable());
  }

  /** Closes every upstream socket (after close(), when the router stops). */
  async closeUpstream(): Promise<void> {
    await this.options.upstream.close();
  }
}

class SharedSubscription {
  private readonly subscribers = new Set<Subscriber>();
  private readonly unsubscribeUpstream: () => void;
  /** Events are enriched one after another, so subscribers see them in upstream order. */
  private chain: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(
    private readonly request: SubscriptionRequest,
    private readonly target: UpstreamTarget,
    private readonly options: HubOptions,
    private readonly stats: HubStats,
    private readonly onEmpty: () => void,
  ) {
    const { primary } = request.node;
    const variables = Object.fromEntries((primary.variableUsages ?? []).filter((name) => name in request.variables).map((name) => [name, request.variables[name]]));
    stats.upstreamSubscriptions++;
    this.unsubscribeUpstream = options.upstream.subscribe(
      target,
      request.credentials,
      { query: primary.operation, variables, ...(primary.operationName ? { operationName: primary.operationName } : {}) },
      {
        next: (result) => this.onUpstream(result),
        error: (error) => {
          // The subgraph refused (FORBIDDEN, NOT_FOUND...): its coded errors go to the client as they are.
          if (Array.isArray(error)) return this.end({ errors: this.format(error as GraphQLFormattedError[]) });
          options.logger.warn({ err: error, subgraph: this.owner }, 'upstream subscription failed');
          this.end(unavailable());
        },
        complete: () => this.end(),
      },
    );
  }

  /** The subgraph that owns the subscription's field: its upstream runs there. */
  get owner(): string {
    return this.target.subgraph;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  add(request: SubscriptionRequest): PushIterator<Result> {
    // A later token of the same caller keeps the upstream subscription alive past the first one's expiry.
    this.options.upstream.present(request.credentials);
    const subscriber: Subscriber = {
      credentials: request.credentials,
      iterator: new PushIterator<Result>(this.options.bufferSize ?? 100, () => this.remove(subscriber), () => ({
        errors: [{ message: 'This subscription fell too far behind and was ended; subscribe again.', extensions: { code: ErrorCode.RATE_LIMITED } }],
      })),
    };
    this.subscribers.add(subscriber);
    return subscriber.iterator;
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && !this.ended) {
      this.ended = true;
      this.unsubscribeUpstream();
      this.onEmpty();
    }
  }

  private onUpstream(result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }): void {
    const data = result.data;
    this.chain = this.chain.then(async () => {
      const requestId = `subscription-event-${randomUUID()}`;
      if (!data) return this.broadcast({ errors: this.format(result.errors ?? [], requestId) });
      try {
        const enriched = await enrichEvent(
          {
            planner: this.request.planner,
            node: this.request.node,
            document: this.request.document,
            operationName: this.request.operationName,
            variables: this.request.variables,
            dataSources: this.countedDataSources(),
            credentials: this.freshestCredentials(),
            logger: this.options.logger,
            requestId,
          },
          data,
        );
        this.stats.enrichments++;
        const errors = this.format([...(result.errors ?? []), ...(enriched.errors ?? [])], requestId);
        this.broadcast({ data: enriched.data ?? null, ...(errors.length > 0 ? { errors } : {}) });
      } catch (error) {
        this.options.logger.error({ err: error, subgraph: this.owner }, 'subscription event could not be enriched');
        this.broadcast(unavailable());
      }
    });
  }

  /**
   * Logs what is not the client's doing under `requestId` (as logUnexpectedErrors does over HTTP),
   * then formats for the client; a masked error carries that id, as over HTTP.
   */
  private format(errors: readonly GraphQLFormattedError[], requestId?: string): GraphQLFormattedError[] {
    for (const error of errors) if (isUnexpectedError(error)) this.options.logger.error({ err: error, requestId, subgraph: this.owner }, 'subscription event error');
    return errors.map((error) => {
      const formatted = this.options.formatError(error);
      return requestId && formatted.extensions?.['code'] === ErrorCode.INTERNAL_SERVER_ERROR ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted;
    });
  }

  private countedDataSources(): ServiceMap {
    const sources = this.options.dataSources(this.request.planner);
    return Object.fromEntries(
      Object.entries(sources).map(([name, source]) => [
        name,
        {
          process: (request: Parameters<typeof source.process>[0]) => {
            this.stats.fetches++;
            return source.process(request);
          },
        },
      ]),
    );
  }

  /** The `rest` fetches present the token that stays valid longest among the subscribers (a departed one's may be revoked). */
  private freshestCredentials(): Credentials | null {
    let best: Credentials | null = null;
    for (const subscriber of this.subscribers) best = fresher(best, subscriber.credentials);
    return best ?? this.request.credentials;
  }

  private broadcast(result: Result): void {
    for (const subscriber of this.subscribers) subscriber.iterator.push(result);
  }

  /** Ends every subscriber, after a last result when given (an error the client should see). */
  end(last?: Result): void {
    if (this.ended) return;
    this.ended = true;
    this.onEmpty();
    void this.chain.then(() => {
      for (const subscriber of [...this.subscribers]) {
        if (last) subscriber.iterator.push(last);
        subscriber.iterator.end();
      }
      this.unsubscribeUpstream();
    });
  }
}

/** JSON with sorted object keys, so equal variables give equal sharing keys. */
/** Printed documents, by document: the same text gives the same DocumentNode (ValidatedDocuments), so one print serves all its subscribers. */
const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
