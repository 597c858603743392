import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import type { UsersDeps } from '../domain/deps.js';
import { mutationResolvers } from './mutation.js';
import { queryResolvers } from './query.js';
import { authPayloadResolvers, userResolvers } from './user.js';

export function usersResolvers(deps: UsersDeps): GraphQLResolverMap<UsersContext> {
  return {
    DateTime: DateTimeScalar,
    Query: queryResolvers(deps),
    Mutation: mutationResolvers(deps),
    User: userResolvers,
    AuthPayload: authPayloadResolvers,
  };
}
