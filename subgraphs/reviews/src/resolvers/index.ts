import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import { Book, Review, User } from './entities.js';
import { Mutation } from './mutation.js';

export const resolvers: GraphQLResolverMap<ReviewsContext> = {
  DateTime: DateTimeScalar,
  Mutation,
  Review,
  Book,
  User,
};
