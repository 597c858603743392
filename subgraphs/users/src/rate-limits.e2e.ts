import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphQLResponse } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThrottle, usersRateLimits } from './domain/throttle.js';
import { newAccount, PASSWORD, registerAccount, type Session } from './testing/documents.js';
import { startUsers, type TargetKind, type UsersHarness } from './testing/harness.js';

// Sign-in throttling as OWASP's Authentication Cheat Sheet describes it: only failures count,
// per account (whichever login names it) and per (account, address), with growing delays rather
// than a lockout, so the owner signing in from their own address is never locked out by someone
// else's failures. On Redis (replicas share it) and in memory (embedded mode).
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
const WRONG = 'not the password at all';

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const retryAfterOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.['retryAfter'] as number | undefined;

let addressSequence = 0;
/** A client address no other test has used. */
const newAddress = () => `198.51.100.${++addressSequence}`;

// The store goes with the mode, as in production: Redis in services mode, memory in embedded mode.
describe.each<[string, TargetKind]>([
  ['redis', 'postgres'],
  ['memory', 'pglite'],
])('sign-in throttling (%s store)', (_store, kind) => {
  let server: UsersHarness;

  beforeAll(async () => {
    server = await startUsers({ kind, rateLimited: true });
  });
  afterAll(() => server?.stop());

  const login = (address: string, loginName: string, password: string) => server.requestFrom(address, LOGIN, { input: { login: loginName, password } });
  const signedUp = async (): Promise<{ account: ReturnType<typeof newAccount>; session: Session }> => {
    const account = newAccount();
    return { account, session: await registerAccount(server, account) };
  };

  it('never throttles successful sign-ins, however many in a row', async () => {
    const { account } = await signedUp();
    const address = newAddress();
    for (let i = 0; i < 12; i++) {
      const res = await login(address, account.username, PASSWORD);
      expect(res.errors).toBeUndefined();
    }
  });

  it('delays an address guessing one account more and more, while the owner at their own address signs in', async () => {
    const { account } = await signedUp();
    const owner = newAddress();
    const attacker = newAddress();
    expect((await login(owner, account.username, PASSWORD)).errors).toBeUndefined();

    for (let i = 0; i < signInThrottle.perAccountAddress.freeFailures; i++) {
      expect(codeOf(await login(attacker, account.username, WRONG))).toBe('UNAUTHENTICATED');
    }
    // From here each failure makes the next attempt wait longer (1 s, 2 s, 4 s...). Attempts
    // keep coming; the first refusal of each wait reports how long that wait is.
    const waits: number[] = [];
    let refusing = false;
    for (let attempt = 0; waits.length < 3 && attempt < 400; attempt++) {
      const res = await login(attacker, account.username, WRONG);
      if (codeOf(res) === 'RATE_LIMITED') {
        if (!refusing) waits.push(retryAfterOf(res)!);
        refusing = true;
        if (waits.length === 1) {
          // The owner, at an address that signed in before, is not held up by any of this.
          expect((await login(owner, account.email, PASSWORD)).errors).toBeUndefined();
        }
        await sleep(100);
      } else {
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        refusing = false;
      }
    }
    expect(waits).toHaveLength(3);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(1);
    expect(waits[2]).toBeGreaterThan(waits[0]!);
    expect((await login(owner, account.username, PASSWORD)).errors).toBeUndefined();
  });

  it('counts failures by email and by username as one account', async () => {
    const { account } = await signedUp();
    const address = newAddress();
    const forms = [account.email, account.username.toUpperCase()];
    for (let i = 0; i < signInThrottle.perAccountAddress.freeFailures; i++) {
      expect(codeOf(await login(address, forms[i % 2]!, WRONG))).toBe('UNAUTHENTICATED');
    }
    // Counted per login string, neither form has reached the free failures yet.
    const next: (string | undefined)[] = [];
    for (let i = 0; i < 4 && !next.includes('RATE_LIMITED'); i++) next.push(codeOf(await login(address, forms[i % 2]!, WRONG)));
    expect(next).toContain('RATE_LIMITED');
  });

  it('starts the count of consecutive failures again after a successful sign-in', async () => {
    const { account } = await signedUp();
    const address = newAddress();
    const almost = signInThrottle.perAccountAddress.freeFailures - 1;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < almost; i++) expect(codeOf(await login(address, account.email, WRONG))).toBe('UNAUTHENTICATED');
      if (round < 2) expect((await login(address, account.username, PASSWORD)).errors).toBeUndefined();
    }
  });

  it('delays an account guessed from many addresses, except at an address that signed in to it before', async () => {
    const { account } = await signedUp();
    const owner = newAddress();
    expect((await login(owner, account.username, PASSWORD)).errors).toBeUndefined();
    // One wrong password from each of many addresses: no address reaches its own threshold.
    let refused: GraphQLResponse | undefined;
    for (let i = 0; i < 3 * signInThrottle.perAccount.freeFailures && !refused; i++) {
      const res = await login(newAddress(), account.email, WRONG);
      if (codeOf(res) === 'RATE_LIMITED') refused = res;
      else expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    expect(refused, 'a new address is delayed once the account has many failures').toBeDefined();
    expect(retryAfterOf(refused!)).toBeGreaterThanOrEqual(1);
    expect((await login(owner, account.email, PASSWORD)).errors).toBeUndefined();
  });

  it('delays unknown logins as it does accounts, so a refusal does not reveal whether an account exists', async () => {
    const address = newAddress();
    const unknown = `nobody-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < signInThrottle.perAccountAddress.freeFailures; i++) {
      expect(codeOf(await login(address, unknown, WRONG))).toBe('UNAUTHENTICATED');
    }
    const next: (string | undefined)[] = [];
    for (let i = 0; i < 4 && !next.includes('RATE_LIMITED'); i++) next.push(codeOf(await login(address, unknown, WRONG)));
    expect(next).toContain('RATE_LIMITED');
  });

  it('gives each address a budget of failures across accounts (password spraying)', async () => {
    const address = newAddress();
    const { account } = await signedUp();
    const budget = signInThrottle.perAddress.points;
    for (let i = 0; i < budget; i++) {
      expect(codeOf(await login(address, `sprayed-${i}-${randomUUID().slice(0, 8)}`, WRONG))).toBe('UNAUTHENTICATED');
    }
    const spent = await login(address, account.username, PASSWORD);
    expect(codeOf(spent)).toBe('RATE_LIMITED');
    expect(retryAfterOf(spent)).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await login(newAddress(), account.username, PASSWORD)).errors).toBeUndefined();
  });

  it('limits sign-ups per address', async () => {
    const address = newAddress();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i <= usersRateLimits.registerPerIp.points; i++) {
      const res = await server.requestFrom(address, 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', { input: newAccount() });
      codes.push(codeOf(res));
    }
    expect(codes.slice(0, -1).every((code) => code === undefined)).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('limits token refreshes per address', async () => {
    const address = newAddress();
    const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }';
    for (let i = 0; i < usersRateLimits.refreshPerIp.points; i++) {
      expect(codeOf(await server.requestFrom(address, REFRESH, { t: `not-a-token-${i}` }))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await server.requestFrom(address, REFRESH, { t: 'not-a-token' }))).toBe('RATE_LIMITED');
  });
});
