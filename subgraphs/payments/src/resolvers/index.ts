import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { PaymentsContext } from '../context.js';
import { Order, Payment, Refund, User } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<PaymentsContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Payment,
  Refund,
  Order,
  User,
};
