// `npm run seed`: applies migrations and seeds the demo catalogue and demo users into
// DATABASE_URL, or into the embedded PGlite data directory when it is unset.
import { join, resolve } from 'node:path';
import { catalogSubgraph, seedDemoCatalogue } from '@bookstore/catalog-subgraph';
import { openDatabase, openPglite, type DatabaseTarget } from '@bookstore/subgraph-runtime';
import { seedDemoUsers, usersSubgraph } from '@bookstore/users-subgraph';
import { loadConfig } from './config.js';
import { loadOrCreateDemoAccounts } from './demo-credentials.js';
import { assertPortsFree } from './ports.js';

const config = loadConfig();
const dataDir = resolve(config.DATA_DIR);
// PGlite files must not be opened by two processes: refuse while embedded mode is running.
if (!config.DATABASE_URL) await assertPortsFree({ 'router (is embedded mode running? stop it first)': config.PORT }, config.HOST);
const pglite = config.DATABASE_URL ? undefined : await openPglite(join(dataDir, 'pglite'));
const target: DatabaseTarget = pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: 2 };
try {
  const catalog = await openDatabase({ schema: 'catalog', target, migrationsFolder: catalogSubgraph.migrationsFolder });
  const users = await openDatabase({ schema: 'users', target, migrationsFolder: usersSubgraph.migrationsFolder });
  const { inserted } = await seedDemoCatalogue(catalog.db);
  const accounts = await loadOrCreateDemoAccounts(dataDir);
  await seedDemoUsers(users.db, accounts);
  await Promise.all([catalog.close(), users.close()]);
  process.stdout.write(
    `${inserted > 0 ? `Seeded ${inserted} books.` : 'The catalogue already has books; left it as it is.'}\n` +
      `Demo accounts (passwords in ${join(dataDir, 'demo-credentials.json')}): ${accounts.map((a) => a.username).join(', ')}\n`,
  );
} finally {
  await pglite?.close();
}
