// `npm run compose` writes supergraph.graphql; `npm run compose:check` fails when it is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { composeFromConfig } from './composition.js';

const check = process.argv.includes('--check');
const composerVersion = (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string }).version;
const result = await composeFromConfig('supergraph.yaml', composerVersion);
if (!result.ok) {
  console.error(`Composition failed:\n  - ${result.errors.join('\n  - ')}`);
  process.exit(1);
}
if (check) {
  const committed = await readFile('supergraph.graphql', 'utf8').catch(() => '');
  if (committed !== result.supergraphSdl) {
    console.error('supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('supergraph.graphql is up to date.');
} else {
  await writeFile('supergraph.graphql', result.supergraphSdl);
  console.log('Wrote supergraph.graphql.');
}
