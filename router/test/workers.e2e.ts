import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort, gql, startChild, type ChildService } from '@bookstore/testing';
import { afterAll, describe, expect, it } from 'vitest';

// ROUTER_WORKERS: the real entry point as operators run it, with two node:cluster workers.
const root = fileURLToPath(new URL('../..', import.meta.url));
let router: ChildService | undefined;
afterAll(async () => {
  await router?.stop();
});

/** A GET on a connection of its own (fetch would reuse one, and so reach one worker). */
const getStatus = (port: number, path: string) =>
  new Promise<number>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

const listeningPids = (output: string) => [...output.matchAll(/"pid":(\d+)[^\n]*"msg":"router listening"/g)].map((m) => Number(m[1]));

describe('router workers', () => {
  it('serves from two worker processes on one port, replaces a dead worker and drains all on SIGTERM', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    router = startChild(process.execPath, ['--import', 'tsx', 'router/src/main.ts'], {
      cwd: root,
      env: { NODE_ENV: 'development', PORT: String(port), METRICS_PORT: String(metricsPort), ROUTER_WORKERS: '2', SUBGRAPH_SECRET: randomBytes(24).toString('hex'), JWKS_URL: 'http://127.0.0.1:9/jwks.json', LOG_LEVEL: 'info' },
    });
    const child = router;
    await expect.poll(() => new Set(listeningPids(child.output())).size, { timeout: 60_000, interval: 200 }).toBe(2);
    const result = await gql(`http://127.0.0.1:${port}`, '{ __typename }');
    expect(result.data).toEqual({ __typename: 'Query' });

    // Metrics: not on the public port; on the metrics port, every worker's requests summed. Each
    // request on its own connection, so the primary hands them to both workers in turn.
    expect(await getStatus(port, '/metrics')).toBe(404);
    for (let i = 0; i < 4; i++) expect(await getStatus(port, '/health')).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^http_requests_total\{route="health",status="200",service="router"\} 4$/m);

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
