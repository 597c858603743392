import { requireSelfOrAdmin } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import type { User } from '../db/queries.js';
import type { AuthPayload } from '../commands/issue-session.js';

/**
 * A user the caller has just proven to be, with a password or a refresh token: the request
 * carried no access token yet, but the AuthPayload's own user may see their email.
 */
type ProvenUser = User & { provenInThisRequest?: true };

export const userResolvers = {
  __resolveReference: (reference: { id: string }, ctx: UsersContext) => ctx.users.load(reference.id.toLowerCase()),
  email: (user: ProvenUser, _args: unknown, ctx: UsersContext) => {
    if (!user.provenInThisRequest) requireSelfOrAdmin(ctx.viewer, user.id);
    return user.email;
  },
};

export const authPayloadResolvers = {
  user: (payload: AuthPayload): ProvenUser => ({ ...payload.user, provenInThisRequest: true }),
};
