import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RevocationList, REVOCATIONS_PATH, revocationsETag, revocationsOverHttp, type RevocationEntry } from './revocations.js';
import { ROUTER_SECRET_HEADER } from './router-secret.js';
import { createTestIssuer } from './test-issuer.js';

// The verifier's revocation list, polled over real HTTP from a stand-in for the users
// subgraph's GET /revocations: it follows the list, costs a 304 when nothing changed, and keeps
// the last good list (with one warning) while users is unreachable.
const SECRET = 'a-router-secret-of-at-least-32-characters';

interface StandIn {
  url: URL;
  entries: RevocationEntry[];
  answered: Record<number, number>;
  close(): Promise<void>;
}

async function startStandIn(port = 0, entries: RevocationEntry[] = []): Promise<StandIn> {
  const answered: Record<number, number> = {};
  const state = { entries };
  const server: Server = createServer((req, res) => {
    const status = (code: number) => (answered[code] = (answered[code] ?? 0) + 1);
    if (req.url !== REVOCATIONS_PATH || req.headers[ROUTER_SECRET_HEADER] !== SECRET) {
      status(403);
      return res.writeHead(403).end();
    }
    const body = JSON.stringify({ revocations: state.entries });
    const etag = revocationsETag(body);
    if (req.headers['if-none-match'] === etag) {
      status(304);
      return res.writeHead(304, { etag }).end();
    }
    status(200);
    res.writeHead(200, { etag, 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: new URL(REVOCATIONS_PATH, `http://127.0.0.1:${bound}`),
    get entries() {
      return state.entries;
    },
    set entries(next) {
      state.entries = next;
    },
    answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function capturingLogger() {
  const lines: { level: number; msg: string; reason?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, warnings: () => lines.filter((line) => line.level === 40), infos: () => lines.filter((line) => line.level === 30) };
}

const disposers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

describe('the revocation list a verifier polls', () => {
  it('refuses a token once its version is revoked, answers 304 while nothing changes, and keeps the list while users is down', async () => {
    const user = randomUUID();
    let standIn = await startStandIn();
    disposers.push(() => standIn.close());
    const { logger, warnings, infos } = capturingLogger();
    const revocations = new RevocationList({ intervalMs: 50, logger });
    disposers.push(() => revocations.stop());
    const load = revocationsOverHttp(standIn.url, { routerSecret: SECRET });
    let loads = 0;
    revocations.start(() => {
      loads++;
      return load();
    });
    const changes: number[] = [];
    revocations.onChange(() => changes.push(loads));
    const issuer = await createTestIssuer('test-issuer', 'test-audience', { revocations });
    const token = await issuer.sign(user, { tokenVersion: 1 });
    await expect(issuer.verifyToken(token)).resolves.toMatchObject({ viewer: { id: user, role: 'CUSTOMER' } });

    standIn.entries = [{ sub: user, ver: 2 }];
    await expect.poll(() => issuer.verifyToken(token).catch((error: Error) => error.message), { timeout: 10_000 }).toBe('The access token was revoked; sign in again.');
    await expect(issuer.verifyToken(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    // Tokens issued after the revocation carry the new version; tokens without the claim are version 0.
    await expect(issuer.verifyToken(await issuer.sign(user, { tokenVersion: 2 }))).resolves.toMatchObject({ viewer: { id: user, role: 'CUSTOMER' } });
    await expect(issuer.verifyToken(await issuer.sign(user))).rejects.toThrow(/revoked/);
    await expect(issuer.verifyToken(await issuer.sign(randomUUID(), { tokenVersion: 0 }))).resolves.toBeTruthy();
    expect(changes).toHaveLength(1);

    // Nothing changes: the poller sends the ETag back and gets a 304 without a body.
    const notModified = standIn.answered[304] ?? 0;
    await expect.poll(() => (standIn.answered[304] ?? 0) - notModified, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(changes).toHaveLength(1);

    // users goes away: the last list stays in force, with one warning for the whole outage.
    const port = Number(standIn.url.port);
    await standIn.close();
    await expect.poll(() => warnings().length, { timeout: 10_000 }).toBe(1);
    expect(warnings()[0]).toMatchObject({ msg: expect.stringMatching(/keeping the last one/), reason: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)$/) });
    expect(JSON.stringify(warnings())).not.toContain(String(port));
    const failedSoFar = loads;
    await expect.poll(() => loads - failedSoFar, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect(issuer.verifyToken(token)).rejects.toThrow(/revoked/);
    expect(warnings()).toHaveLength(1);

    // users is back with a changed list: it is followed again, and the recovery is logged.
    standIn = await startStandIn(port, []);
    await expect.poll(() => issuer.verifyToken(token).then(() => 'accepted', (error: Error) => error.message), { timeout: 10_000 }).toBe('accepted');
    expect(infos().map((line) => line.msg)).toContain('the revocation list loads again');
    expect(changes).toHaveLength(2);
  });

  it('says nothing while the signer is still starting, and warns once when it has not come up by the end of the start-up grace', async () => {
    const user = randomUUID();
    // A port nothing listens on yet: the signer (users) starting beside this process.
    const probe = await startStandIn();
    const port = Number(probe.url.port);
    await probe.close();
    const { logger, warnings } = capturingLogger();
    const revocations = new RevocationList({ intervalMs: 50, startupGraceMs: 60_000, logger });
    disposers.push(() => revocations.stop());
    let loads = 0;
    const load = revocationsOverHttp(new URL(REVOCATIONS_PATH, `http://127.0.0.1:${port}`), { routerSecret: SECRET });
    revocations.start(() => {
      loads++;
      return load();
    });
    await expect.poll(() => loads, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const standIn = await startStandIn(port, [{ sub: user, ver: 1 }]);
    disposers.push(() => standIn.close());
    await expect.poll(() => revocations.isRevoked(user, 0), { timeout: 10_000 }).toBe(true);
    expect(warnings()).toHaveLength(0);

    const { logger: lateLogger, warnings: lateWarnings } = capturingLogger();
    const late = new RevocationList({ intervalMs: 50, startupGraceMs: 200, logger: lateLogger });
    disposers.push(() => late.stop());
    late.start(() => Promise.reject(new Error('ECONNREFUSED')));
    await expect.poll(() => lateWarnings().length, { timeout: 10_000 }).toBe(1);
    expect(lateWarnings()[0]).toMatchObject({ msg: expect.stringMatching(/cannot load the revocation list/), reason: 'ECONNREFUSED' });
  });

  it('keeps the last list when the answer is not a list (wrong secret, malformed body)', async () => {
    const user = randomUUID();
    const standIn = await startStandIn(0, [{ sub: user, ver: 1 }]);
    disposers.push(() => standIn.close());
    const { logger, warnings } = capturingLogger();
    const revocations = new RevocationList({ intervalMs: 50, logger });
    disposers.push(() => revocations.stop());
    let secret = SECRET;
    revocations.start(() => revocationsOverHttp(standIn.url, { routerSecret: secret })());
    await expect.poll(() => revocations.isRevoked(user, 0), { timeout: 10_000 }).toBe(true);
    secret = 'not-the-secret-not-the-secret-not-the-secret';
    await expect.poll(() => warnings().length, { timeout: 10_000 }).toBe(1);
    expect(warnings()[0]).toMatchObject({ reason: 'HTTP 403' });
    expect(revocations.isRevoked(user, 0)).toBe(true);
    expect(revocations.isRevoked(user, 1)).toBe(false);
  });
});
