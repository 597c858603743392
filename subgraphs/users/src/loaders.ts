import { rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { findUsersByIds, type User } from './db/queries.js';

/** Per-request batching: the user lookups of one GraphQL execution tick become one query. */
export interface UsersLoaders {
  /** Users by lower-case id, deleted ones included. */
  userById: DataLoader<string, User | null>;
}

export function createLoaders(db: Database): UsersLoaders {
  return {
    // Ids that are not UUIDs cannot exist (uuidsOnly).
    userById: rowLoader(uuidsOnly((ids) => findUsersByIds(db, ids)), (user) => user.id),
  };
}
