import { describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_KEY, Session, type SessionOptions } from './session';

/**
 * The users subgraph's refresh rules, in memory: each refresh token works once and yields a new
 * pair; presenting a used one is reuse (the real API then revokes the whole family).
 */
function fakeUsersApi(options: { answer?: 'ok' | 'rate-limited' } = {}) {
  let next = 1;
  const valid = new Set(['rt-0']);
  const calls: string[] = [];
  const reused: string[] = [];
  const fetch = (async (_url: string, init: { body: string }) => {
    const { query, variables } = JSON.parse(init.body) as { query: string; variables: { refreshToken: string } };
    calls.push(query.includes('logout') ? `logout ${variables.refreshToken}` : variables.refreshToken);
    if (query.includes('logout')) return Response.json({ data: { logout: valid.delete(variables.refreshToken) } });
    if (options.answer === 'rate-limited') return Response.json({ data: null, errors: [{ message: 'Too many refreshes.', extensions: { code: 'RATE_LIMITED', retryAfter: 30 } }] });
    // Answered after a turn of the event loop, as a network call would be.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!valid.delete(variables.refreshToken)) {
      reused.push(variables.refreshToken);
      return Response.json({ data: null, errors: [{ message: 'The refresh token is invalid.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const n = next++;
    valid.add(`rt-${n}`);
    return Response.json({ data: { refreshToken: { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn: 900, user: { id: 'u1', username: 'reader', email: 'r@example.com', name: null, role: 'CUSTOMER', __typename: 'User' } } } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls, reused };
}

/** The Web Locks API's exclusive lock, in memory: one holder per name, the others queue. */
function fakeLocks(): Pick<LockManager, 'request'> {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request: ((name: string, callback: () => Promise<unknown>) => {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(callback, callback);
      tails.set(name, run.catch(() => undefined));
      return run;
    }) as LockManager['request'],
  };
}

/** BroadcastChannel between tabs: a message reaches every other tab, a little later. */
function fakeChannels() {
  const members: ((data: unknown) => void)[] = [];
  return () => {
    let self: (data: unknown) => void = () => undefined;
    return {
      postMessage(data: unknown) {
        for (const member of members) if (member !== self) setTimeout(() => member(data), 1);
      },
      addEventListener(_type: string, listener: (event: { data: unknown }) => void) {
        self = (data) => listener({ data });
        members.push(self);
      },
      close() {},
    } as unknown as SessionOptions['channel'];
  };
}

function tabs(count: number, api: ReturnType<typeof fakeUsersApi>, storage: Storage, locks?: Pick<LockManager, 'request'>) {
  const channel = fakeChannels();
  return Array.from({ length: count }, () => new Session({ endpoint: '/graphql', storage, fetch: api.fetch, locks: locks ?? { request: ((_name: string, callback: () => Promise<unknown>) => callback()) as LockManager['request'] }, channel: channel() }));
}

describe('the session', () => {
  it('restores a stored session: one refresh, and the tab is signed in', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-0');
    const api = fakeUsersApi();
    const [tab] = tabs(1, api, localStorage);
    await tab!.restore();
    expect(tab!.getState()).toMatchObject({ status: 'signed-in', user: { username: 'reader' } });
    expect(await tab!.validAccessToken()).toBe('at-1');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('rt-1');
    tab!.dispose();
  });

  it('refreshes once for all tabs at a time, so a rotating refresh token is never presented twice', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-0');
    const api = fakeUsersApi();
    const all = tabs(4, api, localStorage, fakeLocks());
    // Four tabs open at once, each restoring the stored session.
    await Promise.all(all.map((tab) => tab.restore()));
    expect(api.reused).toEqual([]);
    for (const tab of all) expect(tab.getState().status).toBe('signed-in');
    // Then every tab's requests are refused at once (say the role changed): each renews.
    const tokens = await Promise.all(all.map(async (tab) => tab.renewAfterRejection(await tab.validAccessToken())));
    expect(api.reused).toEqual([]);
    expect(tokens.every((token) => token?.startsWith('at-'))).toBe(true);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe(`rt-${api.calls.length}`);
    for (const tab of all) tab.dispose();
  });

  it('ends the session when the refresh token is refused, clearing it', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-unknown');
    const api = fakeUsersApi();
    const [tab] = tabs(1, api, localStorage);
    await tab!.restore();
    expect(tab!.getState()).toEqual({ status: 'anonymous', reason: 'expired' });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    tab!.dispose();
  });

  it('keeps the refresh token when refreshing is rate limited', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-0');
    const api = fakeUsersApi({ answer: 'rate-limited' });
    const [tab] = tabs(1, api, localStorage);
    await expect(tab!.refresh()).rejects.toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: 30 } });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('rt-0');
    tab!.dispose();
  });

  it('signs every tab out when one signs out, and revokes the refresh token', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-0');
    const api = fakeUsersApi();
    const [first, second] = tabs(2, api, localStorage, fakeLocks());
    await Promise.all([first!.restore(), second!.restore()]);
    await first!.signOut();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(first!.getState().status).toBe('anonymous');
    expect(second!.getState().status).toBe('anonymous');
    expect(api.calls.at(-1)).toMatch(/^logout rt-\d$/);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    first!.dispose();
    second!.dispose();
  });

  it('refreshes a token about to expire before using it', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-0');
    const api = fakeUsersApi();
    let now = Date.now();
    const tab = new Session({ endpoint: '/graphql', storage: localStorage, fetch: api.fetch, now: () => now, channel: fakeChannels()() });
    await tab.restore();
    expect(await tab.validAccessToken()).toBe('at-1');
    now += 850_000; // 50 s before the 900 s token expires: inside the 60 s margin
    expect(await tab.validAccessToken()).toBe('at-2');
    tab.dispose();
  });
});
