// The part of the test kit that needs no workspace package, so the server core's and the subgraph
// runtime's own tests can use it without a package cycle (@bookstore/testing re-exports it).
export * from './config.js';
export * from './graphql.js';
export * from './processes.js';
export * from './graphql-ws.js';
export * from './error-of.js';
export * from './redis.js';
export * from './pages.js';
export * from './use-harness.js';
