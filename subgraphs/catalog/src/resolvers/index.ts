import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/kit';
import type { CatalogContext } from '../context.js';
import { Author, Book, Category } from './entities.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<CatalogContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Book,
  Author,
  Category,
};
