// `@bookstore/subgraph-runtime/testing`: test databases of either adapter and an observed pub/sub,
// for this package's own tests and, through @bookstore/testing, every other test. Nothing in a
// running process imports it.
export * from './test-database.js';
export * from './observe-pubsub.js';
