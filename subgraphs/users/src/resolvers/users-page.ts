import { decodeCursor, isUuid, pageSize, toConnection, type Connection, type Database, type PageArgs } from '@bookstore/kit';
import { countActiveUsers, listActiveUsers, type User } from '../db/queries.js';

type CursorKey = [createdAt: string, id: string];

function isCursorKey(key: unknown[]): key is CursorKey {
  const [createdAt, id] = key;
  return key.length === 2 && typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && isUuid(id);
}

/** `users`, keyset-paginated by (createdAt, id); totalCount is counted only when selected. */
export async function usersPage(db: Database, args: PageArgs): Promise<Connection<User>> {
  const first = pageSize(args.first);
  const key = decodeCursor(args.after, isCursorKey);
  const cursor = key ? { createdAt: new Date(key[0]), id: key[1] } : null;
  const rows = await listActiveUsers(db, cursor, first + 1);
  return toConnection(rows, first, (user) => [user.createdAt.toISOString(), user.id], () => countActiveUsers(db));
}
