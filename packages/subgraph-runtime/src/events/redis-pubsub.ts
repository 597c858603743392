import type { Redis } from 'ioredis';
import type { Logger } from '@bookstore/server-core';
import type { PubSub } from './pubsub.js';

/**
 * Redis pub/sub, so any replica can serve any subscriber. One subscriber connection per process
 * multiplexes every channel; listeners are kept here so a channel is subscribed once.
 */
export class RedisPubSub implements PubSub {
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<(message: unknown) => void>>();

  constructor(
    private readonly publisher: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.subscriber = publisher.duplicate();
    this.subscriber.on('message', (channel: string, raw: string) => {
      const listeners = this.listeners.get(channel.slice(this.prefix.length + 1));
      if (!listeners) return;
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch (error) {
        this.logger.warn({ err: error, channel }, 'dropped a malformed pub/sub message');
        return;
      }
      for (const listener of listeners) listener(message);
    });
  }

  private key(channel: string): string {
    return `${this.prefix}:${channel}`;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.publisher.publish(this.key(channel), JSON.stringify(message));
  }

  async subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      await this.subscriber.subscribe(this.key(channel));
    }
    listeners.add(listener);
    return async () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(channel) === listeners) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(this.key(channel));
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscriber.disconnect();
  }
}
