import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deleteRedisKeys, freePort, startChild, testConfig, type ChildService } from '@bookstore/testing';
import { afterAll, describe, expect, it } from 'vitest';

// Router replicas on one Redis count a client's requests together (REDIS_URL): real router
// processes, as operators run them, on the machine's Redis with a key prefix of their own.
const root = fileURLToPath(new URL('../..', import.meta.url));
const prefix = `test-router-limits-${randomBytes(4).toString('hex')}`;
const children: ChildService[] = [];

afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await deleteRedisKeys(testConfig.redisUrl, prefix);
});

async function startRouter(env: Record<string, string>, ready = /router listening/): Promise<string> {
  const port = await freePort();
  const child = startChild(process.execPath, ['--import', 'tsx', 'router/src/main.ts'], {
    cwd: root,
    env: {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      METRICS_PORT: '0',
      ROUTER_WORKERS: '1',
      SUBGRAPH_SECRET: randomBytes(24).toString('hex'),
      // `{ __typename }` needs no subgraph and no key set.
      JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      ...env,
    },
  });
  children.push(child);
  await child.waitFor(/router listening/, 60_000);
  await child.waitFor(ready, 60_000);
  return `http://127.0.0.1:${port}`;
}

const post = (url: string) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('rate limits shared through Redis', () => {
  it('lets two routers on one Redis allow a client REQUESTS_PER_MINUTE together, not each, with Retry-After past it', async () => {
    const env = { REDIS_URL: testConfig.redisUrl, QUEUE_PREFIX: prefix, REQUESTS_PER_MINUTE: '4' };
    // Until its Redis connection is ready a router skips the limit (as during an outage).
    const [a, b] = await Promise.all([startRouter(env, /rate limits are shared through Redis/), startRouter(env, /rate limits are shared through Redis/)]);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await post(i % 2 === 0 ? a : b);
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
      else await res.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused!.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  it('lets requests through when Redis is unreachable, warning once rather than per request', async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const url = await startRouter({ REDIS_URL: deadRedis, QUEUE_PREFIX: prefix, REQUESTS_PER_MINUTE: '2' });
    for (let i = 0; i < 5; i++) expect((await post(url)).status).toBe(200);
    const child = children.at(-1)!;
    expect(child.output().match(/rate limits are not counted/g)).toHaveLength(1);
  });
});
