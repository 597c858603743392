import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort, gql, startChild, type ChildService } from '@bookstore/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';

// ROUTER_WORKERS: the real entry point as operators run it, with two node:cluster workers.
const root = fileURLToPath(new URL('../..', import.meta.url));
let router: ChildService | undefined;
afterAll(async () => {
  await router?.stop();
});

const listeningPids = (output: string) => [...output.matchAll(/"pid":(\d+)[^\n]*"msg":"router listening"/g)].map((m) => Number(m[1]));

describe('router workers', () => {
  it('serves from two worker processes on one port, replaces a dead worker and drains all on SIGTERM', async () => {
    const port = await freePort();
    router = startChild(process.execPath, ['--import', 'tsx', 'router/src/main.ts'], {
      cwd: root,
      env: { NODE_ENV: 'development', PORT: String(port), ROUTER_WORKERS: '2', SUBGRAPH_SECRET: randomBytes(24).toString('hex'), JWKS_URL: 'http://127.0.0.1:9/jwks.json', LOG_LEVEL: 'info' },
    });
    const child = router;
    await expect.poll(() => new Set(listeningPids(child.output())).size, { timeout: 60_000, interval: 200 }).toBe(2);
    const result = await gql(`http://127.0.0.1:${port}`, '{ __typename }');
    expect(result.data).toEqual({ __typename: 'Query' });

    const [first] = listeningPids(child.output());
    process.kill(first!, 'SIGKILL');
    await expect.poll(() => new Set(listeningPids(child.output())).size, { timeout: 60_000, interval: 200 }).toBe(3);
    expect(child.output()).toContain('router worker died; starting another');

    expect(await child.stop()).toBe(0);
    const stopped = [...child.output().matchAll(/"pid":(\d+)[^\n]*"msg":"stopped"/g)].map((m) => Number(m[1]));
    // Both live workers and the primary drained and said so.
    expect(stopped).toHaveLength(3);
  });
});
