import { ConfigError, createTokenVerifier } from '@bookstore/server-core';
import { describeSubgraphContract, errorCode, walkPages, type GraphQLResponse, type TestPage } from '@bookstore/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersTable } from './db/schema.js';
import { ensureAdmin } from './commands/ensure-admin.js';
import { signAccessToken } from './domain/access-tokens.js';
import { loadSigningKeys } from './domain/signing-keys.js';
import { JWKS_PATH } from './jwks-route.js';
import { seedDemoUsers } from './seed/seed-demo-users.js';
import { adminSession, AUTH_FIELDS, loginAs, newAccount, PASSWORD, registerAccount, type Session } from './testing/documents.js';
import { startUsers, type UsersHarness } from './testing/harness.js';

let server: UsersHarness;
let admin: Session;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  server = await startUsers({ kind: 'postgres' });
  admin = await adminSession(server, 'root');
  alice = await registerAccount(server, newAccount({ username: 'alice', email: 'alice@example.com', name: 'Alice' }));
  bob = await registerAccount(server, newAccount({ username: 'bob', email: 'bob@example.com', name: 'Bob' }));
});
afterAll(async () => {
  await server?.stop();
});

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
const USER = 'query ($id: ID!) { user(id: $id) { id username name role createdAt } }';
const USER_EMAIL = 'query ($id: ID!) { user(id: $id) { id email } }';
const USERS = 'query ($first: Int, $after: String) { users(first: $first, after: $after) { totalCount edges { cursor node { id username } } pageInfo { hasNextPage endCursor } } }';
const UPDATE_PROFILE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id email username name } }';
const UPDATE_USER = 'mutation ($id: ID!, $input: UpdateProfileInput!) { updateUser(id: $id, input: $input) { id email username name role } }';
const SET_ROLE = 'mutation ($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }';
const DELETE_USER = 'mutation ($id: ID!) { deleteUser(id: $id) }';
const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id username name role createdAt } } }';
const ME = '{ me { id username role } }';

type UserConnection = TestPage<{ id: string; username: string }>;

const missingId = '00000000-0000-4000-8000-000000000000';

describe('register input', () => {
  it.each([
    ['email', { email: 'not-an-email' }, 'input.email must be a valid email address.'],
    ['email', { email: `${'a'.repeat(250)}@example.com` }, 'input.email must be at most 254 characters.'],
    ['username', { username: 'ab' }, 'input.username must be 3 to 30 characters long.'],
    ['username', { username: 'a'.repeat(31) }, 'input.username must be 3 to 30 characters long.'],
    ['username', { username: '9lives' }, 'input.username must start with a letter and contain only letters, digits, "_", "." and "-".'],
    ['password', { password: 'short-pw' }, 'input.password must be 10 to 128 characters long.'],
    ['password', { password: 'x'.repeat(129) }, 'input.password must be 10 to 128 characters long.'],
    ['password', { password: 'password123' }, 'input.password is too weak. This is a commonly used password. Add more words that are less common.'],
    ['name', { name: 'n'.repeat(101) }, 'input.name must be at most 100 characters.'],
  ])('rejects a bad %s: %j', async (field, override, message) => {
    const response = await server.request(REGISTER, { input: newAccount(override) });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } });
  });

  it('rejects a password built from the username', async () => {
    const response = await server.request(REGISTER, { input: newAccount({ username: 'zanzibarquokka', password: 'zanzibarquokka7' }) });
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^input\.password is too weak\./), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('makes the name optional', async () => {
    const session = await registerAccount(server, newAccount({ name: null }));
    expect(session.user.name).toBeNull();
  });
});

describe('me and user', () => {
  it('me is null when anonymous, the viewer otherwise', async () => {
    expect((await server.request(ME)).data).toEqual({ me: null });
    expect((await server.request(ME, {}, alice.accessToken)).data).toEqual({ me: { id: alice.user.id, username: 'alice', role: 'CUSTOMER' } });
  });

  it('user(id) is public, null when unknown, BAD_USER_INPUT when malformed', async () => {
    const found = await server.request(USER, { id: alice.user.id });
    expect(found.data?.['user']).toEqual({ id: alice.user.id, username: 'alice', name: 'Alice', role: 'CUSTOMER', createdAt: alice.user.createdAt });
    expect((await server.request(USER, { id: alice.user.id.toUpperCase() })).data?.['user']?.id).toBe(alice.user.id);
    expect((await server.request(USER, { id: missingId })).data).toEqual({ user: null });
    const malformed = await server.request(USER, { id: 'alice' });
    expect(malformed.errors?.[0]).toMatchObject({ message: 'id is not a valid id.', extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
  });
});

describe('email visibility', () => {
  it('shows the email to the user themself and to ADMIN', async () => {
    expect((await server.request(USER_EMAIL, { id: alice.user.id }, alice.accessToken)).data?.['user']).toEqual({ id: alice.user.id, email: 'alice@example.com' });
    expect((await server.request(USER_EMAIL, { id: alice.user.id }, admin.accessToken)).data?.['user']).toEqual({ id: alice.user.id, email: 'alice@example.com' });
  });

  it('is FORBIDDEN to another user and UNAUTHENTICATED to anonymous callers; other fields stay visible', async () => {
    const other = await server.request(USER_EMAIL, { id: alice.user.id }, bob.accessToken);
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.path).toEqual(['user', 'email']);
    expect(other.data).toEqual({ user: null });
    expect(errorCode(await server.request(USER_EMAIL, { id: alice.user.id }))).toBe('UNAUTHENTICATED');
    expect((await server.request(USER, { id: alice.user.id }, bob.accessToken)).data?.['user']?.username).toBe('alice');
  });
});

describe('access tokens', () => {
  const claims = () => ({ role: 'ADMIN', sub: admin.user.id });

  async function meWith(token: string) {
    const response = await server.request(ME, {}, token);
    return { code: errorCode(response), status: response.status, message: response.errors?.[0]?.message };
  }

  it('accepts its own tokens', async () => {
    expect((await server.request(ME, {}, admin.accessToken)).data?.['me']?.role).toBe('ADMIN');
  });

  it('refuses an expired token (past the 60 s skew)', async () => {
    const expired = await signAccessToken(server.keys, server.settings, { id: admin.user.id, role: 'ADMIN', tokenVersion: 0 }, new Date(Date.now() - (900 + 120) * 1000));
    expect(await meWith(expired)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: expect.stringMatching(/access token has expired/) });
  });

  it('refuses a token signed by another key, even under our kid', async () => {
    const other = await loadSigningKeys({ production: false });
    const forged = await signAccessToken({ ...other, kid: server.keys.kid }, server.settings, { id: admin.user.id, role: 'ADMIN', tokenVersion: 0 });
    expect(await meWith(forged)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const foreignKid = await signAccessToken(other, server.settings, { id: admin.user.id, role: 'ADMIN', tokenVersion: 0 });
    expect(await meWith(foreignKid)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses an unsigned alg "none" token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = { ...claims(), iss: server.settings.issuer, aud: server.settings.audience, iat: now, exp: now + 600 };
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
    expect(await meWith(unsigned)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses a wrong audience or issuer', async () => {
    for (const override of [{ audience: 'somebody-else' }, { issuer: 'https://evil.example' }]) {
      const token = await signAccessToken(server.keys, { ...server.settings, ...override }, { id: admin.user.id, role: 'ADMIN', tokenVersion: 0 });
      expect(await meWith(token)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });

  it('refuses a token without a role or with an unknown one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'ROOT' })
      .setProtectedHeader({ alg: 'ES256', kid: server.keys.kid })
      .setIssuer(server.settings.issuer)
      .setAudience(server.settings.audience)
      .setSubject(admin.user.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(server.keys.privateKey);
    expect(await meWith(token)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('serves its public keys at the JWKS endpoint, cacheable, verifying real tokens', async () => {
    const response = await fetch(`${server.url}${JWKS_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: server.keys.kid, kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const remote = createTokenVerifier({ keys: new URL(`${server.url}${JWKS_PATH}`), ...server.settings });
    await expect(remote(alice.accessToken)).resolves.toMatchObject({ viewer: { id: alice.user.id, role: 'CUSTOMER' } });
    const local = createTokenVerifier({ keys: createLocalJWKSet(jwks as never), ...server.settings });
    await expect(local(admin.accessToken)).resolves.toMatchObject({ viewer: { id: admin.user.id, role: 'ADMIN' } });
  });
});

describe('users', () => {
  it('is ADMIN only', async () => {
    expect(errorCode(await server.request(USERS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.request(USERS, {}, alice.accessToken))).toBe('FORBIDDEN');
  });

  it('pages through every active user once, in creation order', async () => {
    // One statement gives every row the same created_at, so only the id tie-break orders them.
    await server.db.insert(usersTable).values(
      Array.from({ length: 7 }, (_, i) => ({ email: `bulk${i}@example.com`, username: `bulk${i}`, passwordHash: null })),
    );
    const all = await server.request(USERS, { first: 100 }, admin.accessToken);
    const expected = all.data!['users'].edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(all.data!['users'].totalCount).toBe(expected.length);
    expect(all.data!['users'].pageInfo.hasNextPage).toBe(false);
    expect(expected.slice(0, 3)).toEqual([admin.user.id, alice.user.id, bob.user.id]);

    const seen = (await walkPages(3, async (after) => (await server.request<{ users: UserConnection }>(USERS, { first: 3, after }, admin.accessToken)).data!.users)).map((node) => node.id);
    expect(seen).toEqual(expected);
  });

  it('first: 0 returns no edges but says whether there are any', async () => {
    const response = await server.request(USERS, { first: 0 }, admin.accessToken);
    expect(response.data!['users']).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it.each([[101], [-1]])('rejects first: %i', async (first) => {
    const response = await server.request(USERS, { first }, admin.accessToken);
    expect(response.errors?.[0]).toMatchObject({ message: 'first must be an integer from 0 to 100.', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it.each(['garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","x"]').toString('base64url')])('rejects the cursor %j', async (after) => {
    const response = await server.request(USERS, { after }, admin.accessToken);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('counts only when totalCount is selected', async () => {
    const counts = (query: string) => server.countQueries(() => server.request(query, {}, admin.accessToken), /count\(/);
    expect(await counts('{ users(first: 1) { edges { node { id } } } }')).toBe(0);
    expect(await counts('{ users(first: 1) { totalCount } }')).toBe(1);
  });
});

/** Profile changes updateProfile and updateUser both refuse: the input, the field named, the message. */
const INVALID_PROFILE_CHANGES: [object, string, string][] = [
  [{}, 'input', 'input must set at least one of name, email and username.'],
  [{ email: null }, 'input.email', 'input.email cannot be null; omit it to keep the current value.'],
  [{ email: 'nope' }, 'input.email', 'input.email must be a valid email address.'],
  [{ username: 'x' }, 'input.username', 'input.username must be 3 to 30 characters long.'],
  [{ name: 'n'.repeat(101) }, 'input.name', 'input.name must be at most 100 characters.'],
];

describe('updateProfile', () => {
  it('needs a signed-in user', async () => {
    expect(errorCode(await server.request(UPDATE_PROFILE, { input: { name: 'X' } }))).toBe('UNAUTHENTICATED');
  });

  it('validates each field and wants at least one', async () => {
    const cases: [object, string, string][] = [...INVALID_PROFILE_CHANGES, [{ username: null }, 'input.username', 'input.username cannot be null; omit it to keep the current value.']];
    for (const [input, field, message] of cases) {
      const response = await server.request(UPDATE_PROFILE, { input }, bob.accessToken);
      expect(response.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    }
  });

  it('refuses an email or username another account has', async () => {
    const email = await server.request(UPDATE_PROFILE, { input: { email: 'ALICE@example.com' } }, bob.accessToken);
    expect(email.errors?.[0]).toMatchObject({ message: 'input.email is already registered.', extensions: { code: 'CONFLICT', field: 'input.email' } });
    const username = await server.request(UPDATE_PROFILE, { input: { username: 'Alice' } }, bob.accessToken);
    expect(username.errors?.[0]).toMatchObject({ message: 'input.username is already taken.', extensions: { code: 'CONFLICT', field: 'input.username' } });
  });

  it('updates the given fields only; null clears the name', async () => {
    const account = newAccount();
    const session = await registerAccount(server, account);
    const renamed = await server.request(UPDATE_PROFILE, { input: { username: 'Renamed.One', email: ' Renamed@Example.com ' } }, session.accessToken);
    expect(renamed.data?.['updateProfile']).toEqual({ id: session.user.id, email: 'renamed@example.com', username: 'Renamed.One', name: account.name });
    const cleared = await server.request(UPDATE_PROFILE, { input: { name: null } }, session.accessToken);
    expect(cleared.data?.['updateProfile']).toMatchObject({ username: 'Renamed.One', name: null });
    expect((await loginAs(server, 'renamed.one')).user.id).toBe(session.user.id);
  });
});

describe('updateUser', () => {
  it('is ADMIN only: UNAUTHENTICATED signed out, FORBIDDEN to the user themself and to a LIBRARIAN', async () => {
    expect(errorCode(await server.request(UPDATE_USER, { id: bob.user.id, input: { name: 'X' } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.request(UPDATE_USER, { id: bob.user.id, input: { name: 'X' } }, bob.accessToken))).toBe('FORBIDDEN');
    const librarian = await registerAccount(server);
    await server.request(SET_ROLE, { userId: librarian.user.id, role: 'LIBRARIAN' }, admin.accessToken);
    const librarianSession = await loginAs(server, librarian.user.username);
    expect(errorCode(await server.request(UPDATE_USER, { id: bob.user.id, input: { name: 'X' } }, librarianSession.accessToken))).toBe('FORBIDDEN');
    expect((await server.request(USER, { id: bob.user.id })).data?.['user']).toMatchObject({ name: 'Bob' });
  });

  it("validates like updateProfile, naming the field, and checks the user's id", async () => {
    const cases = INVALID_PROFILE_CHANGES;
    for (const [input, field, message] of cases) {
      const response = await server.request(UPDATE_USER, { id: bob.user.id, input }, admin.accessToken);
      expect(response.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    const malformed = await server.request(UPDATE_USER, { id: 'bob', input: { name: 'X' } }, admin.accessToken);
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    expect(errorCode(await server.request(UPDATE_USER, { id: missingId, input: { name: 'X' } }, admin.accessToken))).toBe('NOT_FOUND');
  });

  it('refuses an email or username another account has, as a CONFLICT naming it', async () => {
    const email = await server.request(UPDATE_USER, { id: bob.user.id, input: { email: 'ALICE@example.com' } }, admin.accessToken);
    expect(email.errors?.[0]).toMatchObject({ message: 'input.email is already registered.', extensions: { code: 'CONFLICT', field: 'input.email' } });
    const username = await server.request(UPDATE_USER, { id: bob.user.id, input: { username: 'Alice' } }, admin.accessToken);
    expect(username.errors?.[0]).toMatchObject({ message: 'input.username is already taken.', extensions: { code: 'CONFLICT', field: 'input.username' } });
  });

  it("changes the given fields of another user's profile only, who then signs in by the new username", async () => {
    const account = newAccount();
    const session = await registerAccount(server, account);
    const changed = await server.request(UPDATE_USER, { id: session.user.id.toUpperCase(), input: { username: 'Edited.By.Admin', email: ' Edited@Example.com ' } }, admin.accessToken);
    expect(changed.data?.['updateUser']).toEqual({ id: session.user.id, email: 'edited@example.com', username: 'Edited.By.Admin', name: account.name, role: 'CUSTOMER' });
    const cleared = await server.request(UPDATE_USER, { id: session.user.id, input: { name: null } }, admin.accessToken);
    expect(cleared.data?.['updateUser']).toMatchObject({ username: 'Edited.By.Admin', name: null });
    expect((await loginAs(server, 'edited.by.admin')).user).toMatchObject({ id: session.user.id, email: 'edited@example.com' });
  });

  it('is NOT_FOUND for a deleted user', async () => {
    const session = await registerAccount(server);
    await server.request(DELETE_USER, { id: session.user.id }, session.accessToken);
    expect(errorCode(await server.request(UPDATE_USER, { id: session.user.id, input: { name: 'Back' } }, admin.accessToken))).toBe('NOT_FOUND');
  });
});

describe('setUserRole', () => {
  it('is ADMIN only', async () => {
    expect(errorCode(await server.request(SET_ROLE, { userId: bob.user.id, role: 'ADMIN' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.request(SET_ROLE, { userId: bob.user.id, role: 'ADMIN' }, bob.accessToken))).toBe('FORBIDDEN');
  });

  it('checks the user id', async () => {
    const malformed = await server.request(SET_ROLE, { userId: 'bob', role: 'LIBRARIAN' }, admin.accessToken);
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'userId' } });
    expect(errorCode(await server.request(SET_ROLE, { userId: missingId, role: 'LIBRARIAN' }, admin.accessToken))).toBe('NOT_FOUND');
  });

  it('changes the role, which the next refreshed token carries', async () => {
    const session = await registerAccount(server);
    const changed = await server.request(SET_ROLE, { userId: session.user.id, role: 'LIBRARIAN' }, admin.accessToken);
    expect(changed.data?.['setUserRole']).toEqual({ id: session.user.id, role: 'LIBRARIAN' });
    const refreshed = await server.request(`mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken user { role } } }`, { t: session.refreshToken });
    expect(refreshed.data?.['refreshToken'].user.role).toBe('LIBRARIAN');
    expect(decodeJwt(refreshed.data?.['refreshToken'].accessToken)['role']).toBe('LIBRARIAN');
  });
});

describe('last ADMIN protection', () => {
  it('never lets the ADMIN count reach zero, even under concurrent demotions', async () => {
    const demoteSelf = await server.request(SET_ROLE, { userId: admin.user.id, role: 'CUSTOMER' }, admin.accessToken);
    expect(demoteSelf.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(errorCode(await server.request(DELETE_USER, { id: admin.user.id }, admin.accessToken))).toBe('CONFLICT');

    const second = await registerAccount(server);
    await server.request(SET_ROLE, { userId: second.user.id, role: 'ADMIN' }, admin.accessToken);
    const secondAdmin = await loginAs(server, second.user.username);
    const results = await Promise.all([
      server.request(SET_ROLE, { userId: second.user.id, role: 'CUSTOMER' }, admin.accessToken),
      server.request(SET_ROLE, { userId: admin.user.id, role: 'CUSTOMER' }, secondAdmin.accessToken),
    ]);
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined]);
    const admins = await server.db.select({ id: usersTable.id }).from(usersTable).where(and(eq(usersTable.role, 'ADMIN'), isNull(usersTable.deletedAt)));
    expect(admins).toHaveLength(1);
    // Restore: whichever admin survived makes `root` ADMIN again for the rest of the file.
    const survivor = results[0]!.errors ? admin : secondAdmin;
    if (survivor !== admin) await server.request(SET_ROLE, { userId: admin.user.id, role: 'ADMIN' }, survivor.accessToken);
  });
});

describe('deleteUser', () => {
  it('is for the user themself or an ADMIN', async () => {
    expect(errorCode(await server.request(DELETE_USER, { id: alice.user.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.request(DELETE_USER, { id: alice.user.id }, bob.accessToken))).toBe('FORBIDDEN');
    expect((await server.request(DELETE_USER, { id: 'x' }, admin.accessToken)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(errorCode(await server.request(DELETE_USER, { id: missingId }, admin.accessToken))).toBe('NOT_FOUND');
  });

  it('anonymises the account: hidden, no sign-in, but still resolvable by id', async () => {
    const account = newAccount({ name: 'Soon Gone' });
    const session = await registerAccount(server, account);
    expect((await server.request(DELETE_USER, { id: session.user.id }, session.accessToken)).data).toEqual({ deleteUser: true });

    expect((await server.request(USER, { id: session.user.id })).data).toEqual({ user: null });
    expect((await server.request(ME, {}, session.accessToken)).data).toEqual({ me: null });
    const relogin = await server.request(`mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { login: account.username, password: PASSWORD } });
    expect(relogin.errors?.[0]?.message).toBe('Invalid login or password.');
    const refreshed = await server.request(`mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, { t: session.refreshToken });
    expect(errorCode(refreshed)).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.request(UPDATE_PROFILE, { input: { name: 'Back' } }, session.accessToken))).toBe('UNAUTHENTICATED');

    const entities = await server.request(ENTITIES, { representations: [{ __typename: 'User', id: session.user.id }] });
    expect(entities.data?.['_entities']).toEqual([
      { id: session.user.id, username: `deleted-${session.user.id}`, name: null, role: 'CUSTOMER', createdAt: session.user.createdAt },
    ]);
    const listed = await server.request(USERS, { first: 100 }, admin.accessToken);
    expect(listed.data!['users'].edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(session.user.id);

    // The email and username are free again.
    expect((await registerAccount(server, { ...account, name: null })).user.id).not.toBe(session.user.id);
  });

  it('lets an ADMIN delete someone else', async () => {
    const session = await registerAccount(server);
    expect((await server.request(DELETE_USER, { id: session.user.id }, admin.accessToken)).data).toEqual({ deleteUser: true });
    expect(errorCode(await server.request(DELETE_USER, { id: session.user.id }, admin.accessToken))).toBe('NOT_FOUND');
  });
});

describe('_entities', () => {
  it('resolves Users in one query per batch; unknown and malformed ids are null', async () => {
    let response: GraphQLResponse | undefined;
    const queries = await server.countQueries(async () => {
      response = await server.request(ENTITIES, {
        representations: [
          { __typename: 'User', id: bob.user.id },
          { __typename: 'User', id: alice.user.id },
          { __typename: 'User', id: missingId },
          { __typename: 'User', id: 'not-a-uuid' },
        ],
      });
    });
    expect(response?.errors).toBeUndefined();
    expect(response?.data?.['_entities']).toEqual([
      { id: bob.user.id, username: 'bob', name: 'Bob', role: 'CUSTOMER', createdAt: bob.user.createdAt },
      { id: alice.user.id, username: 'alice', name: 'Alice', role: 'CUSTOMER', createdAt: alice.user.createdAt },
      null,
      null,
    ]);
    expect(queries).toBe(1);
  });

  it('applies the email rule to entities too', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }';
    const representations = [{ __typename: 'User', id: alice.user.id }];
    expect(errorCode(await server.request(query, { r: representations }, bob.accessToken))).toBe('FORBIDDEN');
    expect((await server.request(query, { r: representations }, alice.accessToken)).data?.['_entities']).toEqual([{ email: 'alice@example.com' }]);
  });

  it('publishes the User key in its SDL', async () => {
    const response = await server.request('{ _service { sdl } }');
    expect(response.data?.['_service'].sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
  });
});

describe('provisioning', () => {
  it('ensureAdmin creates the ADMIN once and never promotes an existing account', async () => {
    const input = { email: 'chief@example.com', username: 'chief', password: PASSWORD };
    expect(await ensureAdmin(server.db, input)).toBe(true);
    expect(await ensureAdmin(server.db, input)).toBe(false);
    expect((await loginAs(server, 'chief')).user.role).toBe('ADMIN');
    expect(await ensureAdmin(server.db, { ...input, username: 'alice' })).toBe(false);
    expect(await ensureAdmin(server.db, { ...input, email: 'bob@example.com', username: 'chief2' })).toBe(false);
    expect((await loginAs(server, 'bob')).user.role).toBe('CUSTOMER');
  });

  it('ensureAdmin refuses bad configuration as a ConfigError naming the variable', async () => {
    await expect(ensureAdmin(server.db, { email: 'x', username: 'boss', password: PASSWORD })).rejects.toThrow(ConfigError);
    await expect(ensureAdmin(server.db, { email: 'boss@example.com', username: 'boss', password: 'password123' })).rejects.toThrow(/ADMIN_PASSWORD is too weak/);
  });

  it('seedDemoUsers creates missing accounts and skips existing usernames in any case', async () => {
    const accounts = [
      { username: 'demo.librarian', email: 'librarian@demo.example', name: 'Demo Librarian', role: 'LIBRARIAN' as const, password: 'demo-password' },
      { username: 'Alice', email: 'alice-demo@demo.example', name: null, role: 'CUSTOMER' as const, password: 'demo-password' },
    ];
    expect(await seedDemoUsers(server.db, accounts)).toBe(1);
    expect(await seedDemoUsers(server.db, accounts)).toBe(0);
    expect((await loginAs(server, 'demo.librarian', 'demo-password')).user.role).toBe('LIBRARIAN');
  });
});

describeSubgraphContract({
  name: 'users',
  url: () => server.url,
  entities: () => [{ representation: { __typename: 'User', id: alice.user.id }, expect: ['username', 'alice'] }],
});
