import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { gql, useTempDir } from '@bookstore/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';
import { PgliteTemplate } from '../src/pglite-template.js';
import { subgraphs } from '../src/subgraphs.js';

// A fresh data directory starts from the template the first fresh start left: the same demo
// data and accounts, a working database, and the template never takes in a used database.
const logger = createLogger('pglite-template-test', 'silent');
const root = useTempDir('pglite-template-');
const started: Embedded[] = [];

afterAll(async () => {
  await Promise.all(started.map((app) => app.stop()));
});

async function start(dataDir: string): Promise<Embedded> {
  const app = await startEmbedded(loadConfig({ ...freePorts(), DATA_DIR: join(root.path, dataDir), PGLITE_TEMPLATES_DIR: join(root.path, 'templates') }), logger);
  started.push(app);
  return app;
}

async function stop(app: Embedded): Promise<void> {
  started.splice(started.indexOf(app), 1);
  await app.stop();
}

const BOOKS = '{ books(first: 1, sort: TITLE) { totalCount edges { node { title } } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { user { username role } } }';

describe('PGlite templates', () => {
  it('a fresh data directory starts from the template the first fresh start made', async () => {
    const template = await PgliteTemplate.of(join(root.path, 'templates'), subgraphs, true, logger);
    expect(template.exists).toBe(false);
    const first = await start('first');
    const firstBooks = (await gql(`${first.routerUrl}/graphql`, BOOKS)).data;
    expect(firstBooks?.['books'].totalCount).toBeGreaterThan(0);
    await stop(first);
    expect(template.exists).toBe(true);
    const madeAt = (await stat(join(root.path, 'templates'))).mtimeMs;

    const second = await start('second');
    // The template's demo accounts, passwords and all, come with its data.
    expect(second.demoAccounts).toEqual(first.demoAccounts);
    const admin = second.demoAccounts.find((account) => account.role === 'ADMIN')!;
    const login = await gql(`${second.routerUrl}/graphql`, LOGIN, { i: { login: admin.username, password: admin.password } });
    expect(login.data).toEqual({ login: { user: { username: admin.username, role: 'ADMIN' } } });
    expect((await gql(`${second.routerUrl}/graphql`, BOOKS)).data).toEqual(firstBooks);
    const registered = await gql(`${second.routerUrl}/graphql`, 'mutation($i: RegisterInput!) { register(input: $i) { user { username } } }', {
      i: { email: 'templated@example.com', username: 'templated', password: 'a rather long passphrase 9' },
    });
    expect(registered.errors).toBeUndefined();
    await stop(second);

    // A restart of a used directory changes no template: nobody's data leaks into the next start.
    await stop(await start('second'));
    expect((await stat(join(root.path, 'templates'))).mtimeMs).toBe(madeAt);
    const third = await start('third');
    const login3 = await gql(`${third.routerUrl}/graphql`, LOGIN, { i: { login: 'templated', password: 'a rather long passphrase 9' } });
    expect(login3.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // Four starts of the whole stack, on a machine other test files share.
  }, 600_000);
});
