import { isUuid, rowLoader, type Database, type RequestContext } from '@bookstore/kit';
import type DataLoader from 'dataloader';
import { findUsersByIds, type User } from './db/queries.js';

export interface UsersContext extends RequestContext {
  /** Users by lower-case id, deleted ones included; fresh per request. */
  users: DataLoader<string, User | null>;
}

export function createUsersContext(db: Database): (base: RequestContext) => UsersContext {
  return (base) => ({
    ...base,
    // Ids that are not UUIDs cannot exist, and would make the uuid comparison fail in SQL.
    users: rowLoader((ids) => findUsersByIds(db, ids.filter(isUuid)), (user) => user.id),
  });
}
