import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig, loanRulesOf } from './config.js';
import { buildLoansSubgraph, loansEventHandlers, loansEventTables, loansMigrationsFolder } from './subgraph.js';

runMain(() => {
  const config = loadConfig();
  const rules = loanRulesOf(config);
  return startSubgraphProcess({
    name: 'loans',
    config,
    migrationsFolder: loansMigrationsFolder,
    build: (db, events) => buildLoansSubgraph({ db, events: events!, rules }),
    events: { tables: loansEventTables, consume: { consumer: 'loans', handlers: (db) => loansEventHandlers({ db }) } },
  });
});
