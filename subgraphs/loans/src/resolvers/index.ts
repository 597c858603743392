import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import { Book, Hold, Loan, User } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { LibraryUpdate, Subscription } from './subscription.js';

export const resolvers: GraphQLResolverMap<LoansContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Loan,
  Hold,
  LibraryUpdate,
  Book,
  User,
};
