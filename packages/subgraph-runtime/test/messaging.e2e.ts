import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, type Job } from '../src/events/job-queue.js';
import { openMessaging, type Messaging } from '../src/events/messaging.js';
import { createLogger } from '@bookstore/server-core';
import { testConfig } from '@bookstore/testing-base';

// One contract, two adapters: bullmq + Redis pub/sub (services) and in-process (embedded).
const logger = createLogger('messaging-test', 'silent');
const adapters: Record<string, () => Promise<Messaging>> = {
  redis: () => openMessaging({ redisUrl: testConfig.redisUrl, prefix: `test-kit-${randomUUID()}`, logger }),
  'in-process': () => openMessaging({ logger }),
};

const opened: Messaging[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});

describe.each(Object.keys(adapters))('messaging over %s', (kind) => {
  // A queue prefix per test: a fresh Messaging per test.
  const open = async () => {
    const messaging = await adapters[kind]!();
    opened.push(messaging);
    return messaging;
  };

  it('delivers each job once per id, with its data', async () => {
    const { queue } = await open();
    const seen: Job[] = [];
    queue.process('q', async (job) => void seen.push(job));
    await queue.add('q', { id: 'a1b2', name: 'thing.happened', data: { n: 1 } });
    await queue.add('q', { id: 'a1b2', name: 'thing.happened', data: { n: 1 } });
    await queue.add('q', { id: 'c3d4', name: 'thing.happened', data: { n: 2 } });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((j) => [j.id, j.name, j.data, j.attempt])).toEqual([
      ['a1b2', 'thing.happened', { n: 1 }, 1],
      ['c3d4', 'thing.happened', { n: 2 }, 1],
    ]);
  });

  it('adds jobs in bulk, in order, each id once', async () => {
    const { queue } = await open();
    const seen: string[] = [];
    queue.process('bulk', async (job) => void seen.push(job.id), { concurrency: 1 });
    await queue.add('bulk', { id: 'b-1', name: 'x', data: {} });
    await queue.addBulk('bulk', ['b-1', 'b-2', 'b-3', 'b-4'].map((id) => ({ id, name: 'x', data: { id } })));
    await queue.addBulk('bulk', []);
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const { queue } = await open();
    const attempts: number[] = [];
    queue.process('q', async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error('transient');
    });
    await queue.add('q', { id: 'retry-1', name: 'x', data: {} });
    await expect.poll(() => attempts, { timeout: 10_000 }).toEqual([1, 2, 3]);
  });

  it('never retries an UnrecoverableError', async () => {
    const { queue } = await open();
    const runs: string[] = [];
    queue.process('q', async (job) => {
      runs.push(`${job.id}#${job.attempt}`);
      if (job.id === 'bad') throw new UnrecoverableError('no retry can fix this');
      // The sentinel fails once; its retry is due after the same backoff a retry of "bad" would
      // have, and was scheduled later, so by the time it runs any retry of "bad" would have too.
      if (job.id === 'sentinel' && job.attempt === 1) throw new Error('transient');
    });
    await queue.add('q', { id: 'bad', name: 'x', data: {} });
    await expect.poll(() => runs).toContain('bad#1');
    await queue.add('q', { id: 'sentinel', name: 'x', data: {} });
    await expect.poll(() => runs, { timeout: 10_000 }).toContain('sentinel#2');
    expect(runs.filter((run) => run.startsWith('bad'))).toEqual(['bad#1']);
  });

  it('runs jobs concurrently up to the limit, and close waits for running ones', async () => {
    const { queue } = await open();
    let running = 0;
    let peak = 0;
    let finished = 0;
    const worker = queue.process(
      'q',
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => setTimeout(resolve, 150));
        running--;
        finished++;
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 6; i++) await queue.add('q', { id: `c-${i}`, name: 'x', data: {} });
    await expect.poll(() => running).toBeGreaterThan(0);
    await expect.poll(() => peak).toBe(3);
    await worker.close();
    expect(running).toBe(0);
    expect(finished).toBeGreaterThanOrEqual(3);
  });

  it('reports depth by state: waiting before a worker, active while running, failed for good', async () => {
    const { queue } = await open();
    await queue.add('depth', { id: 'd-1', name: 'x', data: {} });
    await queue.add('depth', { id: 'd-2', name: 'x', data: {} });
    expect(await queue.depth('depth')).toEqual({ waiting: 2, active: 0, delayed: 0, failed: 0 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    queue.process(
      'depth',
      async (job) => {
        if (job.id === 'd-1') await held;
        else throw new UnrecoverableError('never');
      },
      { concurrency: 1 },
    );
    await expect.poll(() => queue.depth('depth')).toEqual({ waiting: 1, active: 1, delayed: 0, failed: 0 });
    release();
    await expect.poll(() => queue.depth('depth'), { timeout: 10_000 }).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
  });

  it('broadcasts pub/sub messages to every subscriber until they unsubscribe', async () => {
    const { pubsub } = await open();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = await pubsub.subscribe('news', (m) => a.push(m));
    await pubsub.subscribe('news', (m) => b.push(m));
    await pubsub.subscribe('other', () => a.push('wrong channel'));
    await pubsub.publish('news', { headline: 1 });
    await expect.poll(() => [a, b]).toEqual([[{ headline: 1 }], [{ headline: 1 }]]);
    await offA();
    await pubsub.publish('news', { headline: 2 });
    await expect.poll(() => b).toEqual([{ headline: 1 }, { headline: 2 }]);
    expect(a).toEqual([{ headline: 1 }]);
  });
});

describe('messaging over redis across processes', () => {
  it('delivers pub/sub and jobs between two independent connections with one prefix', async () => {
    const prefix = `test-kit-${randomUUID()}`;
    const one = await openMessaging({ redisUrl: testConfig.redisUrl, prefix, logger });
    const two = await openMessaging({ redisUrl: testConfig.redisUrl, prefix, logger });
    opened.push(one, two);
    const heard: unknown[] = [];
    await two.pubsub.subscribe('order.status_changed', (m) => heard.push(m));
    await one.pubsub.publish('order.status_changed', { status: 'PAID' });
    const jobs: string[] = [];
    two.queue.process('orders', async (job) => void jobs.push(job.id));
    await one.queue.add('orders', { id: 'e-1', name: 'payment.succeeded', data: {} });
    await expect.poll(() => [heard, jobs]).toEqual([[{ status: 'PAID' }], ['e-1']]);
  });
});
