import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { UsersContext } from '../context.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { AuthPayload, User } from './user.js';

export const resolvers: GraphQLResolverMap<UsersContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  User,
  AuthPayload,
};
