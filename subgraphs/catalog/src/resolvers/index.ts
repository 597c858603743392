import { DateTimeScalar, type GraphQLResolverMap } from '@bookstore/subgraph-runtime';
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
