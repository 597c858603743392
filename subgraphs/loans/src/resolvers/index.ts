import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import { Book, Loan, User } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<LoansContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Loan,
  Book,
  User,
};
