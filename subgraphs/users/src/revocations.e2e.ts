import { randomUUID } from 'node:crypto';
import { REVOCATIONS_PATH, ROUTER_SECRET_HEADER, type RevocationListBody } from '@bookstore/server-core';
import { errorCode } from '@bookstore/testing';
import { eq, sql } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenRevocationsTable } from './db/schema.js';
import { revocationWindowSeconds } from './domain/access-tokens.js';
import { adminSession, AUTH_FIELDS, loginAs, newAccount, registerAccount, type Session } from './testing/documents.js';
import { startUsers, type TargetKind, type UsersHarness } from './testing/harness.js';

// Access tokens revoked by deleteUser and by a role change: users records the revocation with the
// change, serves the recent ones at GET /revocations (router secret only, ETag), and its own
// verifier refuses the old tokens, as every verifier does once it has polled the list.
const SECRET = `users-test-secret-${randomUUID()}`;
const SET_ROLE = 'mutation ($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }';
const DELETE_USER = 'mutation ($id: ID!) { deleteUser(id: $id) }';
const REFRESH = `mutation ($token: String!) { refreshToken(refreshToken: $token) { ${AUTH_FIELDS} } }`;
const ME = '{ me { id role } }';
const REVOKED = 'The access token was revoked; sign in again.';

describe.each<TargetKind>(['postgres', 'pglite'])('token revocations on %s', (kind) => {
  let server: UsersHarness;
  let admin: Session;
  beforeAll(async () => {
    server = await startUsers({ kind, routerSecret: SECRET, revocationPollMs: 100 });
    admin = await adminSession(server, `root_${kind}`);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const list = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${REVOCATIONS_PATH}`, { headers: { [ROUTER_SECRET_HEADER]: SECRET, ...headers } });
    return { status: response.status, etag: response.headers.get('etag'), body: response.status === 200 ? ((await response.json()) as RevocationListBody) : undefined };
  };
  const entryOf = async (userId: string) => (await list()).body?.revocations.find((entry) => entry.sub === userId);
  /** What users' own verifier says of `token` once its poll has caught up. */
  const eventually = (token: string) => expect.poll(async () => (await server.request(ME, {}, token)).errors?.[0]?.message ?? 'accepted', { timeout: 10_000 });

  it('serves the list only with the router secret, and 304 to the ETag of an unchanged list', async () => {
    expect((await fetch(`${server.url}${REVOCATIONS_PATH}`)).status).toBe(403);
    expect((await fetch(`${server.url}${REVOCATIONS_PATH}`, { headers: { [ROUTER_SECRET_HEADER]: 'not the secret' } })).status).toBe(403);
    const first = await list();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ revocations: expect.any(Array) });
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await list({ 'if-none-match': first.etag! })).status).toBe(304);
    // A revocation changes the list, so the old tag no longer matches.
    const session = await registerAccount(server, newAccount());
    await server.request(SET_ROLE, { userId: session.user.id, role: 'LIBRARIAN' }, admin.accessToken);
    const changed = await list({ 'if-none-match': first.etag! });
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
  });

  it("revokes a user's tokens when an ADMIN changes the role, not when it sets the same one; a refresh carries the new role", async () => {
    const session = await registerAccount(server, newAccount());
    expect(decodeJwt(session.accessToken)['ver']).toBe(0);
    expect((await server.request(SET_ROLE, { userId: session.user.id, role: 'CUSTOMER' }, admin.accessToken)).data?.['setUserRole'].role).toBe('CUSTOMER');
    expect(await entryOf(session.user.id)).toBeUndefined();

    expect((await server.request(SET_ROLE, { userId: session.user.id, role: 'LIBRARIAN' }, admin.accessToken)).data?.['setUserRole'].role).toBe('LIBRARIAN');
    expect(await entryOf(session.user.id)).toEqual({ sub: session.user.id, ver: 1 });
    await eventually(session.accessToken).toBe(REVOKED);
    const refused = await server.request(ME, {}, session.accessToken);
    expect({ code: errorCode(refused), status: refused.status }).toEqual({ code: 'UNAUTHENTICATED', status: 401 });

    const refreshed = (await server.request<{ refreshToken: Session }>(REFRESH, { token: session.refreshToken })).data!.refreshToken;
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ role: 'LIBRARIAN', ver: 1 });
    expect((await server.request(ME, {}, refreshed.accessToken)).data?.['me']).toEqual({ id: session.user.id, role: 'LIBRARIAN' });
    const signedIn = await loginAs(server, session.user.username);
    expect((await server.request(ME, {}, signedIn.accessToken)).data?.['me'].role).toBe('LIBRARIAN');
  });

  it("refuses a demoted ADMIN's old token for ADMIN work", async () => {
    const other = await adminSession(server, `second_${kind}`);
    const victim = await registerAccount(server, newAccount());
    expect((await server.request(SET_ROLE, { userId: other.user.id, role: 'CUSTOMER' }, admin.accessToken)).errors).toBeUndefined();
    await eventually(other.accessToken).toBe(REVOKED);
    const attempt = await server.request(SET_ROLE, { userId: victim.user.id, role: 'ADMIN' }, other.accessToken);
    expect(errorCode(attempt)).toBe('UNAUTHENTICATED');
    expect((await server.request(ME, {}, victim.accessToken)).data?.['me'].role).toBe('CUSTOMER');
  });

  it("revokes a deleted user's tokens, and the revocation outlives the account", async () => {
    const session = await registerAccount(server, newAccount());
    expect((await server.request(DELETE_USER, { id: session.user.id }, admin.accessToken)).data).toEqual({ deleteUser: true });
    expect(await entryOf(session.user.id)).toEqual({ sub: session.user.id, ver: 1 });
    await eventually(session.accessToken).toBe(REVOKED);
  });

  it('serves only revocations recent enough to matter, and prunes older ones with the next revocation', async () => {
    const stale = await registerAccount(server, newAccount());
    await server.request(SET_ROLE, { userId: stale.user.id, role: 'LIBRARIAN' }, admin.accessToken);
    const window = revocationWindowSeconds(server.settings);
    // As if it had been revoked just over an access token's lifetime (and skew) ago.
    await server.db
      .update(tokenRevocationsTable)
      .set({ revokedAt: sql`now() - make_interval(secs => ${window + 1})` })
      .where(eq(tokenRevocationsTable.userId, stale.user.id));
    expect(await entryOf(stale.user.id)).toBeUndefined();
    expect(await server.db.select().from(tokenRevocationsTable).where(eq(tokenRevocationsTable.userId, stale.user.id))).toHaveLength(1);

    const fresh = await registerAccount(server, newAccount());
    await server.request(SET_ROLE, { userId: fresh.user.id, role: 'LIBRARIAN' }, admin.accessToken);
    expect(await server.db.select().from(tokenRevocationsTable).where(eq(tokenRevocationsTable.userId, stale.user.id))).toHaveLength(0);
    expect(await entryOf(fresh.user.id)).toEqual({ sub: fresh.user.id, ver: 1 });
  });
});
