import { requireRole } from '@bookstore/server-core';
import { createdAtCursor, decodeTimeIdCursor, paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { UsersContext } from '../context.js';
import { countActiveUsers, listActiveUsers, type User } from '../db/queries.js';

const activeOnly = (user: User | null) => (user && !user.deletedAt ? user : null);

export const Query = {
  me: async (_: unknown, _args: unknown, ctx: UsersContext) => (ctx.viewer ? activeOnly(await ctx.loaders.userById.load(ctx.viewer.id)) : null),
  user: async (_: unknown, args: { id: string }, ctx: UsersContext) => activeOnly(await ctx.loaders.userById.load(parseId(args.id, 'id'))),
  /** Keyset-paginated by (createdAt, id), oldest first; totalCount is counted only when selected. */
  users(_: unknown, args: PageArgs, ctx: UsersContext) {
    requireRole(ctx.viewer, 'ADMIN');
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => listActiveUsers(ctx.deps.db, page),
      cursorOf: createdAtCursor,
      totalCount: () => countActiveUsers(ctx.deps.db),
    });
  },
};
