import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokensTable } from './db/schema.js';
import { hashRefreshToken } from './domain/refresh-tokens.js';
import { localTokenVerifier } from './domain/access-tokens.js';
import { AUTH_FIELDS, loginAs, newAccount, PASSWORD, registerAccount, type Session } from './testing/documents.js';
import { startUsers, type TargetKind, type UsersHarness } from './testing/harness.js';

// The embedded adapter's contract: sign-up and sessions behave the same on PostgreSQL and PGlite.
describe.each<TargetKind>(['postgres', 'pglite'])('sessions on %s', (kind) => {
  let server: UsersHarness;
  beforeAll(async () => {
    server = await startUsers({ kind });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
  const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
  const REFRESH = `mutation ($token: String!) { refreshToken(refreshToken: $token) { ${AUTH_FIELDS} } }`;
  const LOGOUT = 'mutation ($token: String!) { logout(refreshToken: $token) }';
  const ME = '{ me { id email username } }';
  const CHANGE_PASSWORD = 'mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

  const refresh = (token: string) => server.request<{ refreshToken: Session }>(REFRESH, { token });

  describe('register', () => {
    it('creates a CUSTOMER and signs them in', async () => {
      const input = newAccount({ email: '  Ada.Lovelace@Example.COM ', username: 'AdaL', name: 'Ada Lovelace' });
      const session = await registerAccount(server, input);
      expect(session.user).toMatchObject({ email: 'ada.lovelace@example.com', username: 'AdaL', name: 'Ada Lovelace', role: 'CUSTOMER' });
      expect(session.user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(session.expiresIn).toBe(900);
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(localTokenVerifier(server.keys, server.settings)(session.accessToken)).resolves.toMatchObject({ viewer: { id: session.user.id, role: 'CUSTOMER' } });
      const me = await server.request(ME, {}, session.accessToken);
      expect(me.data?.me).toEqual({ id: session.user.id, email: 'ada.lovelace@example.com', username: 'AdaL' });
    });

    it('refuses a taken email or username, whatever the case, naming the field', async () => {
      const taken = await registerAccount(server);
      const email = await server.request(REGISTER, { input: newAccount({ email: taken.user.email.toUpperCase() }) });
      expect(email.errors?.[0]).toMatchObject({ message: 'input.email is already registered.', extensions: { code: 'CONFLICT', field: 'input.email' } });
      const username = await server.request(REGISTER, { input: newAccount({ username: taken.user.username.toUpperCase() }) });
      expect(username.errors?.[0]).toMatchObject({ message: 'input.username is already taken.', extensions: { code: 'CONFLICT', field: 'input.username' } });
    });

    it('lets exactly one of concurrent registrations of one email win', async () => {
      const email = `race-${kind}@example.com`;
      const results = await Promise.all([1, 2, 3, 4].map(() => server.request(REGISTER, { input: newAccount({ email }) })));
      expect(results.filter((r) => r.data?.['register'])).toHaveLength(1);
      const losers = results.filter((r) => r.errors);
      expect(losers).toHaveLength(3);
      for (const loser of losers) expect(loser.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    });
  });

  describe('login', () => {
    let account: Session;
    beforeAll(async () => {
      account = await registerAccount(server, newAccount({ username: 'Grace.Hopper', email: 'grace@example.com' }));
    });

    it('accepts the email or the username in any case', async () => {
      for (const login of ['GRACE@example.com', ' grace@example.com', 'grace.hopper', 'GRACE.HOPPER']) {
        const session = await loginAs(server, login);
        expect(session.user.id).toBe(account.user.id);
        expect(session.refreshToken).not.toBe(account.refreshToken);
      }
    });

    it('gives an unknown login and a wrong password the same answer', async () => {
      const wrongPassword = await server.request(LOGIN, { input: { login: 'grace.hopper', password: `${PASSWORD}!` } });
      const unknown = await server.request(LOGIN, { input: { login: 'nobody-here', password: PASSWORD } });
      const unknownEmail = await server.request(LOGIN, { input: { login: 'nobody@example.com', password: PASSWORD } });
      for (const response of [wrongPassword, unknown, unknownEmail]) {
        expect(response.data).toBeNull();
        expect(response.errors).toHaveLength(1);
        expect(response.errors?.[0]).toMatchObject({ message: 'Invalid login or password.', extensions: { code: 'UNAUTHENTICATED' } });
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotates: a new pair each time, the old refresh token spent', async () => {
      const first = await registerAccount(server);
      const second = (await refresh(first.refreshToken)).data!.refreshToken;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.id).toBe(first.user.id);
      const me = await server.request(ME, {}, second.accessToken);
      expect(me.data?.me?.id).toBe(first.user.id);
      const third = (await refresh(second.refreshToken)).data!.refreshToken;
      expect(third.refreshToken).not.toBe(second.refreshToken);
    });

    it('treats a second use as theft: the whole family is revoked, other sign-ins are not', async () => {
      const account = newAccount();
      const stolen = await registerAccount(server, account);
      const otherDevice = await loginAs(server, account.username);
      const rotated = (await refresh(stolen.refreshToken)).data!.refreshToken;

      const replay = await refresh(stolen.refreshToken);
      expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const afterReplay = await refresh(rotated.refreshToken);
      expect(afterReplay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await refresh(otherDevice.refreshToken)).data?.refreshToken.user.id).toBe(stolen.user.id);
    });

    it('lets only one of two concurrent uses of a token through, and then ends the family', async () => {
      const session = await registerAccount(server);
      const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      const winners = results.filter((r) => r.data?.refreshToken);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED')).toHaveLength(1);
      const next = await refresh(winners[0]!.data!.refreshToken.refreshToken);
      expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses unknown and expired tokens', async () => {
      const unknown = await refresh('A'.repeat(43));
      expect(unknown.errors?.[0]).toMatchObject({ message: 'The refresh token is invalid or expired; sign in again.', extensions: { code: 'UNAUTHENTICATED' } });
      const session = await registerAccount(server);
      await server.db
        .update(refreshTokensTable)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokensTable.tokenHash, hashRefreshToken(session.refreshToken)));
      expect((await refresh(session.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('logout', () => {
    it('revokes that refresh token only, and says false for anything not valid', async () => {
      const account = newAccount();
      const session = await registerAccount(server, account);
      const other = await loginAs(server, account.email);
      expect((await server.request(LOGOUT, { token: session.refreshToken })).data).toEqual({ logout: true });
      expect((await refresh(session.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await server.request(LOGOUT, { token: session.refreshToken })).data).toEqual({ logout: false });
      expect((await server.request(LOGOUT, { token: 'not-a-token' })).data).toEqual({ logout: false });
      expect((await refresh(other.refreshToken)).data?.refreshToken.user.id).toBe(session.user.id);
    });
  });

  describe('changePassword', () => {
    const NEW_PASSWORD = 'quiet-harbour-pretzel-9';

    it('needs a signed-in user', async () => {
      const response = await server.request(CHANGE_PASSWORD, { current: PASSWORD, next: NEW_PASSWORD });
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('checks the current password and the strength of the new one', async () => {
      const session = await registerAccount(server);
      const wrong = await server.request(CHANGE_PASSWORD, { current: 'not-my-password', next: NEW_PASSWORD }, session.accessToken);
      expect(wrong.errors?.[0]).toMatchObject({ message: 'currentPassword is incorrect.', extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
      const weak = await server.request(CHANGE_PASSWORD, { current: PASSWORD, next: 'password123' }, session.accessToken);
      expect(weak.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^newPassword is too weak\./), extensions: { code: 'BAD_USER_INPUT', field: 'newPassword' } });
    });

    it('changes the password and signs every session out', async () => {
      const account = newAccount();
      const session = await registerAccount(server, account);
      const other = await loginAs(server, account.username);
      const changed = await server.request(CHANGE_PASSWORD, { current: PASSWORD, next: NEW_PASSWORD }, session.accessToken);
      expect(changed.data).toEqual({ changePassword: true });
      for (const token of [session.refreshToken, other.refreshToken]) {
        expect((await refresh(token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      expect((await server.request(LOGIN, { input: { login: account.username, password: PASSWORD } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await loginAs(server, account.username, NEW_PASSWORD)).user.id).toBe(session.user.id);
    });
  });
});
