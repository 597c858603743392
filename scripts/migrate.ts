// npm run migrate [subgraph ...]: applies each subgraph's committed migrations to its schema in
// DATABASE_URL (services mode), e.g. as a deploy step before new replicas start. Subgraphs also
// migrate at start under the same advisory lock, so this is for operators who want schema
// changes to land (or fail) before a rollout. Refuses a schema a newer build migrated.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, env, parseEnv } from '@bookstore/server-core';
import { migratePostgresSchema } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

// The repository keeps migrations in subgraphs/<name>/src/db/migrations; the image's bundle of
// this script keeps them beside it in migrations/<name> (scripts/build.ts copies them).
const bundled = fileURLToPath(new URL('./migrations', import.meta.url));
const folderOf = existsSync(bundled)
  ? (name: string) => `${bundled}/${name}`
  : (name: string) => fileURLToPath(new URL(`../subgraphs/${name}/src/db/migrations`, import.meta.url));
const root = existsSync(bundled) ? bundled : fileURLToPath(new URL('../subgraphs', import.meta.url));
const all = readdirSync(root).filter((name) => existsSync(`${folderOf(name)}/meta/_journal.json`)).sort();

async function main(): Promise<void> {
  const { DATABASE_URL } = parseEnv(z.object({ DATABASE_URL: env.url() }), process.env);
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new ConfigError([`unknown subgraph ${unknown.join(', ')}; choose from ${all.join(', ')}`]);
  for (const schema of asked.length > 0 ? asked : all) {
    const { known, applied } = await migratePostgresSchema({ url: DATABASE_URL, schema, migrationsFolder: folderOf(schema) });
    console.log(`${schema}: ${applied} of ${known} migrations applied`);
  }
}

main().catch((error: unknown) => {
  const expected = error instanceof Error && ['ConfigError', 'SchemaNewerThanCodeError'].includes(error.name);
  console.error(expected ? error.message : error);
  process.exit(1);
});
