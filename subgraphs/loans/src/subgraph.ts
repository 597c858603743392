import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { loanRulesOf, loansSettings } from './config.js';
import type { LoansContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { LoansDependencies } from './deps.js';
import { loansEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The loans subgraph (owns Loan and Hold; extends Book and User) and its event handlers, built from its dependencies; it never listens. */
export function buildLoans(deps: LoansDependencies): BuiltSubgraph<LoansContext> {
  return {
    graphql: { name: 'loans', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: loansEventHandlers(deps.rules),
  };
}

/** The loans subgraph as services mode and embedded mode run it. */
export const loansSubgraph = defineSubgraph({
  name: 'loans',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: loansSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'loans' },
  build: ({ db, events, messaging, settings }) => buildLoans({ db, events, pubsub: messaging.pubsub, rules: loanRulesOf(settings) }),
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { LoansContext } from './context.js';
export type { LoansDependencies } from './deps.js';
export { defaultLoanRules, type LoanRules } from './domain/rules.js';
export { hasLendingCopies, seedDemoLendingCopies } from './seed/seed-demo-lending-copies.js';
