import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { OrdersContext } from '../context.js';
import { Order, OrderItem, User } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { Subscription } from './subscription.js';

export const resolvers: GraphQLResolverMap<OrdersContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Order,
  OrderItem,
  User,
};
