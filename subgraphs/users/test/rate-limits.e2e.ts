import { randomUUID } from 'node:crypto';
import { RateLimits } from '@bookstore/kit';
import { deleteRedisKeys, testConfig } from '@bookstore/kit/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersRateLimits } from '../src/domain/throttle.js';
import { newAccount, PASSWORD, registerAccount, startUsersServer, type UsersServer } from './users-server.js';

// Sign-in throttling on Redis, as replicas share it: per account and per address, RATE_LIMITED
// with the seconds to wait.
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
const prefix = `test-users-rl-${randomUUID()}`;
let redis: Redis;
let server: UsersServer;

beforeAll(async () => {
  redis = new Redis(testConfig.redisUrl, { maxRetriesPerRequest: 1 });
  server = await startUsersServer('postgres', { rateLimits: new RateLimits({ redis, prefix }) });
});
afterAll(async () => {
  await server?.stop();
  await deleteRedisKeys(testConfig.redisUrl, prefix);
  redis?.disconnect();
});

describe('sign-in rate limits', () => {
  it('refuses further logins to one account once its limit is spent, with a retry-after, even with the right password', async () => {
    const account = newAccount();
    await registerAccount(server, account);
    const limit = usersRateLimits.loginPerAccount.points;
    for (let i = 0; i < limit; i++) {
      const wrong = await server.request(LOGIN, { input: { login: account.username, password: 'not the password at all' } });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await server.request(LOGIN, { input: { login: account.username.toUpperCase(), password: PASSWORD } });
    expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    // Another account from the same address is unaffected by that account's limit.
    const other = newAccount();
    await registerAccount(server, other);
    expect((await server.request(LOGIN, { input: { login: other.email, password: PASSWORD } })).data?.login.accessToken).toBeTruthy();
  });

  it('limits sign-ups per address', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i <= usersRateLimits.registerPerIp.points; i++) {
      const res = await server.request('mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', { input: newAccount() });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    // Earlier tests of this file signed up from the same address too; the limit holds across them.
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.filter((code) => code === undefined).length).toBeGreaterThan(0);
  });

  it('limits token refreshes per address', async () => {
    const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }';
    for (let i = 0; i < usersRateLimits.refreshPerIp.points; i++) {
      expect((await server.request(REFRESH, { t: `not-a-token-${i}` })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await server.request(REFRESH, { t: 'not-a-token' })).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
