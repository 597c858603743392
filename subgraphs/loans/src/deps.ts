import type { Database, PubSub, SubgraphEvents } from '@bookstore/subgraph-runtime';
import type { LoanRules } from './domain/rules.js';

/** Everything the loans subgraph needs; built by its descriptor or a test, never from the environment. */
export interface LoansDependencies {
  /** The loans database, already migrated. */
  db: Database;
  /**
   * Writes the delayed `loan.due`, `loan.due_soon` and `hold.pickup_due` events and members'
   * `library.update` notifications in the transactions of the changes they are about.
   */
  events: SubgraphEvents;
  /** Where the relay announces `library.update`; the myLibraryUpdates subscription listens there. */
  pubsub: PubSub;
  rules: LoanRules;
}
