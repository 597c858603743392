// The whole test kit: the workspace-free base, the server core's test issuer, the subgraph runtime's
// test databases, and what needs all of them (events, the subgraph testbed, the contract suite).
export * from '@bookstore/testing-base';
export * from '@bookstore/server-core/testing';
export * from '@bookstore/subgraph-runtime/testing';
export * from './subgraph-contract.js';
export * from './events.js';
export * from './subgraph-testbed.js';
