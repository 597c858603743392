import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import { Book, Review, User } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<ReviewsContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Review,
  Book,
  User,
};
