import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { createLogger, ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { startSubgraphProcess } from '@bookstore/subgraph-runtime';
import { createTestDatabase, gql, type TestDatabase } from '@bookstore/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded } from '../src/embedded.js';
import { subgraphs } from '../src/subgraphs.js';
import { shelvesSubgraph } from './fixtures/shelves/subgraph.js';

// README "Adding a subgraph", proven: an eighth subgraph written as one descriptor runs in services
// mode (the code path of its main.ts) and in embedded mode (one more entry in the list), and the
// router serves it composed with the seven.
const root = fileURLToPath(new URL('../..', import.meta.url));
let database: TestDatabase;
let dir: string;

/** The repository's supergraph.yaml, plus the shelves subgraph. */
async function composeWithShelves(): Promise<string> {
  const config = parseYaml(await readFile(join(root, 'supergraph.yaml'), 'utf8')) as { subgraphs: Record<string, { routing_url: string; schema: { file: string } }> };
  const services = await Promise.all(
    Object.entries(config.subgraphs).map(async ([name, subgraph]) => ({ name, url: subgraph.routing_url, typeDefs: parse(await readFile(resolve(root, subgraph.schema.file), 'utf8')) })),
  );
  const shelvesSchema = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/shelves/schema.graphql');
  const composed = composeServices([...services, { name: 'shelves', url: 'http://127.0.0.1:4008/graphql', typeDefs: parse(await readFile(shelvesSchema, 'utf8')) }]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return composed.supergraphSdl;
}

beforeAll(async () => {
  database = await createTestDatabase('eighth_subgraph');
  dir = await mkdtemp(join(tmpdir(), 'eighth-'));
});
afterAll(async () => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an eighth subgraph from one descriptor', () => {
  it('runs in services mode, with its own settings and migrations', async () => {
    const secret = 'shelves-secret-shelves-secret-shelves-1';
    const shelves = await startSubgraphProcess(shelvesSubgraph, { DATABASE_URL: database.url, PORT: '0', METRICS_PORT: '0', SUBGRAPH_SECRET: secret, LOG_LEVEL: 'silent', SHELF_LABEL_PREFIX: 'Services: ' });
    try {
      const res = await gql(shelves.url, '{ shelves { label } labelPrefix }', {}, { headers: { [ROUTER_SECRET_HEADER]: secret } });
      expect(res.data).toEqual({ shelves: [], labelPrefix: 'Services: ' });
    } finally {
      await shelves.stop();
    }
  });

  it('runs in embedded mode as one more entry in the list, behind the router with the seven', async () => {
    const supergraphPath = join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, await composeWithShelves());
    const withShelves = [...subgraphs, shelvesSubgraph];
    const zero = freePorts(withShelves);
    const config = loadConfig({ ...zero, DATA_DIR: dir, DATABASE_URL: database.url, SUPERGRAPH_PATH: supergraphPath, SEED_DEMO_DATA: 'false', SHELF_LABEL_PREFIX: 'Embedded: ' }, withShelves);
    const app = await startEmbedded(config, createLogger('eighth-test', 'silent'), {}, withShelves);
    try {
      const registered = await gql(app.routerUrl, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: 'shelver@example.com', username: 'shelver', password: 'a long unusual passphrase 8' } });
      const token = registered.data!.register.accessToken as string;
      expect((await gql(app.routerUrl, 'mutation { addShelf(label: "Poetry") { label } }', {}, { token })).data).toEqual({ addShelf: { label: 'Embedded: Poetry' } });
      const res = await gql(app.routerUrl, '{ me { username } shelves { label } labelPrefix }', {}, { token });
      expect(res.data).toEqual({ me: { username: 'shelver' }, shelves: [{ label: 'Embedded: Poetry' }], labelPrefix: 'Embedded: ' });
    } finally {
      await app.stop();
    }
  });
});
