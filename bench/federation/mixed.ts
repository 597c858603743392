// The federation benchmark's mixed workload: what a shop's pages send, several operations with
// different variables, cycled by every connection, beside the single TestQuery that 50 clients
// repeat. Identical queries in flight are rarer here, as in real traffic, so deduplication
// flatters a gateway less, and per-operation caches meet several operations at once.
import type { GraphQLBody } from './measure.js';

const HOME = `query Home($first: Int) {
  topProducts(first: $first) { upc name price }
}`;

const PRODUCT_PAGE = `query ProductPage($first: Int) {
  topProducts(first: $first) {
    upc name price weight inStock shippingEstimate
    reviews { id body author { id username } }
  }
}`;

const ACCOUNT = `query Account($id: ID!) {
  user(id: $id) {
    id name username
    reviews { id body product { upc name price inStock } }
  }
}`;

const HEADER = `query Header { me { id name username } }`;

const PEOPLE = `query People { users { id name } }`;

/** The requests each connection sends in turn: 11 requests of 5 operations. */
export const MIXED_WORKLOAD: GraphQLBody[] = [
  { query: HOME, variables: { first: 5 }, operationName: 'Home' },
  { query: HEADER, operationName: 'Header' },
  { query: PRODUCT_PAGE, variables: { first: 1 }, operationName: 'ProductPage' },
  { query: HOME, variables: { first: 9 }, operationName: 'Home' },
  { query: ACCOUNT, variables: { id: '1' }, operationName: 'Account' },
  { query: PRODUCT_PAGE, variables: { first: 3 }, operationName: 'ProductPage' },
  { query: HEADER, operationName: 'Header' },
  { query: ACCOUNT, variables: { id: '2' }, operationName: 'Account' },
  { query: PEOPLE, operationName: 'People' },
  { query: HOME, variables: { first: 3 }, operationName: 'Home' },
  { query: ACCOUNT, variables: { id: '6' }, operationName: 'Account' },
];
