import { describe, expect, it } from 'vitest';
import { createLogger } from '@bookstore/server-core';
import { observePubSub } from '../testing/index.js';
import { subscribeToChannel } from './channel-iterator.js';
import { InProcessPubSub } from './in-process-pubsub.js';

const logger = createLogger('channel-iterator-test', 'silent');
const evens = (message: unknown) => (typeof message === 'number' && message % 2 === 0 ? message : undefined);

describe('subscribeToChannel', () => {
  it('is subscribed when it resolves, and yields the selected messages in order', async () => {
    const pubsub = observePubSub(new InProcessPubSub());
    const iterator = await subscribeToChannel(pubsub, 'numbers', { select: evens, logger });
    expect(pubsub.listeners).toBe(1);
    for (const n of [1, 2, 3, 4, 6]) await pubsub.publish('numbers', n);
    await pubsub.publish('other', 8);
    const seen = [];
    for await (const n of iterator) {
      seen.push(n);
      if (seen.length === 3) break; // for-await's break calls return()
    }
    expect(seen).toEqual([2, 4, 6]);
    expect(pubsub.listeners).toBe(0);
  });

  it('unsubscribes on return() even while a next() waits, which then ends', async () => {
    const pubsub = observePubSub(new InProcessPubSub());
    const iterator = await subscribeToChannel(pubsub, 'numbers', { select: evens, logger });
    const waiting = iterator.next();
    await iterator.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(pubsub.listeners).toBe(0);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('ends a consumer that falls more than bufferSize behind with an INTERNAL_SERVER_ERROR, and unsubscribes it', async () => {
    const pubsub = observePubSub(new InProcessPubSub());
    const iterator = await subscribeToChannel(pubsub, 'numbers', { select: evens, bufferSize: 2, logger });
    for (const n of [2, 4, 6]) await pubsub.publish('numbers', n);
    await expect.poll(() => pubsub.listeners).toBe(0);
    // What was buffered is dropped: a subscriber that missed events must not take the rest as complete.
    await expect(iterator.next()).rejects.toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' }, message: expect.stringMatching(/more than 2 events behind/) });
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('fails only the subscriber whose select throws', async () => {
    const pubsub = observePubSub(new InProcessPubSub());
    const broken = await subscribeToChannel(pubsub, 'numbers', {
      select: () => {
        throw new Error('bad select');
      },
      logger,
    });
    const healthy = await subscribeToChannel(pubsub, 'numbers', { select: evens, logger });
    const waiting = broken.next();
    await pubsub.publish('numbers', 2);
    await expect(waiting).rejects.toThrow('bad select');
    await expect(healthy.next()).resolves.toEqual({ value: 2, done: false });
    expect(pubsub.listeners).toBe(1);
    await healthy.return!();
  });
});
