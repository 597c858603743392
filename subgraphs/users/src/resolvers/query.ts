import { parseId, requireRole, type PageArgs } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import type { User } from '../db/queries.js';
import type { UsersDeps } from '../domain/deps.js';
import { usersPage } from './users-page.js';

const activeOnly = (user: User | null) => (user && !user.deletedAt ? user : null);

export function queryResolvers(deps: UsersDeps) {
  return {
    me: async (_: unknown, _args: unknown, ctx: UsersContext) => (ctx.viewer ? activeOnly(await ctx.users.load(ctx.viewer.id)) : null),
    user: async (_: unknown, args: { id: string }, ctx: UsersContext) => activeOnly(await ctx.users.load(parseId(args.id, 'id'))),
    users: (_: unknown, args: PageArgs, ctx: UsersContext) => {
      requireRole(ctx.viewer, 'ADMIN');
      return usersPage(deps.db, args);
    },
  };
}
