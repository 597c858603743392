import { requireSelfOrAdmin } from '@bookstore/server-core';
import type { UsersContext } from '../context.js';
import type { User as UserRow } from '../db/queries.js';
import type { AuthPayload as Session } from '../commands/issue-session.js';

/**
 * A user the caller has just proven to be, with a password or a refresh token: the request
 * carried no access token yet, but the AuthPayload's own user may see their email.
 */
type ProvenUser = UserRow & { provenInThisRequest?: true };

export const User = {
  __resolveReference: (reference: { id: string }, ctx: UsersContext) => ctx.loaders.userById.load(reference.id.toLowerCase()),
  email: (user: ProvenUser, _args: unknown, ctx: UsersContext) => {
    if (!user.provenInThisRequest) requireSelfOrAdmin(ctx.viewer, user.id);
    return user.email;
  },
};

export const AuthPayload = {
  user: (payload: Session): ProvenUser => ({ ...payload.user, provenInThisRequest: true }),
};
