import type { z } from 'zod';
import type { TokenVerifier } from '@bookstore/server-core';
import type { Database } from './db.js';
import type { Consumer } from '@bookstore/events';
import type { Messaging } from './events/messaging.js';
import type { EventHandlers, SubgraphEvents } from './events/subgraph-events.js';
import type { EventTables } from './events/tables.js';
import type { Logger } from '@bookstore/server-core';
import type { RequestContext } from '@bookstore/server-core';
import type { SubgraphDefinition } from './subgraph-server.js';

/**
 * A subgraph's own settings: environment variables only it reads, with their defaults, the same
 * in services mode (its process) and embedded mode (every subgraph in one process).
 */
export interface SubgraphSettings<TShape extends z.ZodRawShape = z.ZodRawShape> {
  /** Its port in services mode (PORT) and embedded mode (<NAME>_PORT); 4001 to 4007 here. */
  port: number;
  /** Its own variables (not the shared ones: database, Redis, tokens, ports). */
  schema: z.ZodObject<TShape>;
  /**
   * Problems no single variable's schema can see (a provider that needs a model), each starting
   * with the variable's name, as ConfigError problems do.
   */
  check?: (settings: z.infer<z.ZodObject<TShape>>) => string[];
}

/** What every subgraph's `build` gets, whichever mode runs it. */
export interface SubgraphDeps<TSettings> {
  /** Its database, already migrated. */
  db: Database;
  /** Its own settings, parsed (see SubgraphSettings). */
  settings: TSettings;
  logger: Logger;
  /** Pub/sub and rate limits: on Redis in services mode, in this process in embedded mode. */
  messaging: Messaging;
  production: boolean;
  /** Where the process keeps files of its own (users keeps a generated signing key there). */
  dataDir: string;
  /** The token settings every verifier shares (users signs with them). */
  tokens: { issuer: string; audience: string; revocationPollMs: number };
}

/** What a subgraph that writes or consumes events gets besides: its outbox, relay and inbox. */
export interface EventfulDeps<TSettings> extends SubgraphDeps<TSettings> {
  events: SubgraphEvents;
}

/**
 * Every subgraph's resolver context, one shape for all: the request's (viewer, request id,
 * address, logger), the subgraph's dependencies as `build` made them, and this request's loaders.
 */
export interface SubgraphContext<TDeps, TLoaders> extends RequestContext {
  deps: TDeps;
  loaders: TLoaders;
}

/**
 * The `createContext` of every subgraph: its dependencies, and loaders made fresh per request so
 * batches and caches never leak between callers.
 */
export function subgraphContext<TDeps extends { db: Database }, TLoaders>(deps: TDeps, createLoaders: (db: Database) => TLoaders): (base: RequestContext) => SubgraphContext<TDeps, TLoaders> {
  return (base) => ({ ...base, deps, loaders: createLoaders(deps.db) });
}

/** A subgraph as `build` makes it from its dependencies. */
export interface BuiltSubgraph<TContext extends RequestContext = RequestContext> {
  graphql: SubgraphDefinition<TContext>;
  /** The handlers of the queue it consumes: required exactly when the descriptor names one. */
  handlers?: EventHandlers;
  /**
   * A subgraph that signs access tokens checks them with its own keys (users); every other one
   * verifies against the users subgraph's key set and revocation list, which its runner supplies.
   */
  verifyToken?: TokenVerifier;
  /** Releases what `build` started (users' revocation poller); runs after the server stopped. */
  stop?: () => void | Promise<void>;
}

interface DescriptorBase<TShape extends z.ZodRawShape> {
  /** Its name: the Postgres schema it owns, its logger's name, its event source and PGlite folder. */
  name: string;
  /** The committed drizzle-kit migrations of its schema, applied before `build`. */
  migrationsFolder: string;
  settings: SubgraphSettings<TShape>;
}

/** A subgraph outside the event flow (users): no outbox, no queue. */
export interface PlainSubgraphDescriptor<TShape extends z.ZodRawShape = z.ZodRawShape, TContext extends RequestContext = RequestContext> extends DescriptorBase<TShape> {
  events?: undefined;
  build(deps: SubgraphDeps<z.infer<z.ZodObject<TShape>>>): BuiltSubgraph<TContext> | Promise<BuiltSubgraph<TContext>>;
}

/** A subgraph in the event flow: its outbox and inbox, and the queue it consumes, if any. */
export interface EventfulSubgraphDescriptor<TShape extends z.ZodRawShape = z.ZodRawShape, TContext extends RequestContext = RequestContext> extends DescriptorBase<TShape> {
  events: {
    tables: EventTables;
    /** The queue it consumes (its name); `build` then returns the handlers. */
    consumes?: Consumer;
  };
  build(deps: EventfulDeps<z.infer<z.ZodObject<TShape>>>): BuiltSubgraph<TContext> | Promise<BuiltSubgraph<TContext>>;
}

/**
 * A subgraph's one descriptor (`subgraphs/<name>/src/subgraph.ts`): everything services mode
 * (`runSubgraphProcess`) and embedded mode need to run it, and nothing that listens.
 */
// The defaults are `any` so that a list of descriptors can hold subgraphs of different settings
// and contexts (a context is both read and written by resolvers, so no narrower type fits all).
/* eslint-disable @typescript-eslint/no-explicit-any */
export type SubgraphDescriptor<TShape extends z.ZodRawShape = any, TContext extends RequestContext = any> =
  | PlainSubgraphDescriptor<TShape, TContext>
  | EventfulSubgraphDescriptor<TShape, TContext>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Types a descriptor from its parts, so `build` sees its settings and, when declared, `events`. */
export function defineSubgraph<TShape extends z.ZodRawShape, TContext extends RequestContext>(descriptor: EventfulSubgraphDescriptor<TShape, TContext>): EventfulSubgraphDescriptor<TShape, TContext>;
export function defineSubgraph<TShape extends z.ZodRawShape, TContext extends RequestContext>(descriptor: PlainSubgraphDescriptor<TShape, TContext>): PlainSubgraphDescriptor<TShape, TContext>;
export function defineSubgraph(descriptor: SubgraphDescriptor): SubgraphDescriptor {
  return descriptor;
}

/** The subgraph's own settings picked from a parsed configuration holding them (a process's or embedded mode's). */
export function settingsOf<TShape extends z.ZodRawShape>(settings: SubgraphSettings<TShape>, config: Record<string, unknown>): z.infer<z.ZodObject<TShape>> {
  return Object.fromEntries(Object.keys(settings.schema.shape).map((key) => [key, config[key]])) as z.infer<z.ZodObject<TShape>>;
}
