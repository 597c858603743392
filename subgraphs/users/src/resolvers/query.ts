import { parseId, requireRole, type PageArgs } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import type { User } from '../db/queries.js';
import { usersPage } from './users-page.js';

const activeOnly = (user: User | null) => (user && !user.deletedAt ? user : null);

export const Query = {
  me: async (_: unknown, _args: unknown, ctx: UsersContext) => (ctx.viewer ? activeOnly(await ctx.loaders.userById.load(ctx.viewer.id)) : null),
  user: async (_: unknown, args: { id: string }, ctx: UsersContext) => activeOnly(await ctx.loaders.userById.load(parseId(args.id, 'id'))),
  users: (_: unknown, args: PageArgs, ctx: UsersContext) => {
    requireRole(ctx.viewer, 'ADMIN');
    return usersPage(ctx.deps.db, args);
  },
};
