import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { SummariesContext } from '../context.js';
import { Book } from './entities.js';
import { Mutation } from './mutation.js';

export const resolvers: GraphQLResolverMap<SummariesContext> = {
  DateTime: DateTimeScalar,
  Mutation,
  Book,
};
