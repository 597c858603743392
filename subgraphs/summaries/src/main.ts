import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { buildSummariesSubgraph, createSummaryProvider, summariesEventHandlers, summariesEventTables, summariesMigrationsFolder } from './subgraph.js';

// async, so a configuration error rejects and runMain prints it without a stack.
runMain(async () => {
  const config = loadConfig();
  // One provider for the API and the jobs: its rate limit covers the whole process.
  const provider = createSummaryProvider(config);
  return startSubgraphProcess({
    name: 'summaries',
    config,
    migrationsFolder: summariesMigrationsFolder,
    build: (db, events) => buildSummariesSubgraph({ db, events: events!, provider }),
    events: { tables: summariesEventTables, consume: { consumer: 'summaries', handlers: (db, _events, logger) => summariesEventHandlers({ db, provider, logger }) } },
  });
});
