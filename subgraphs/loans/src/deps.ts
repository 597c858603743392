import type { Database, SubgraphEvents } from '@bookstore/subgraph-runtime';
import type { LoanRules } from './domain/rules.js';

/** Everything the loans subgraph needs; built by its descriptor or a test, never from the environment. */
export interface LoansDependencies {
  /** The loans database, already migrated. */
  db: Database;
  /** Writes the delayed `loan.due` events in the transactions of the loans they are about. */
  events: SubgraphEvents;
  rules: LoanRules;
}
