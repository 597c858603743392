export * from './channel-iterator.js';
export * from './job-queue.js';
export * from './messaging.js';
export * from './pubsub.js';
export * from './subgraph-events.js';
export * from './tables.js';
