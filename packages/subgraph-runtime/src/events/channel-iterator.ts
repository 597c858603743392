import { InternalError } from '@bookstore/server-core';
import type { Logger } from '@bookstore/server-core';
import type { PubSub } from './pubsub.js';

/** How many selected messages a subscriber may fall behind by, unless told otherwise. */
export const DEFAULT_CHANNEL_BUFFER = 100;

export interface ChannelIteratorOptions<T> {
  /**
   * Parses and filters each message; `undefined` drops it before it takes buffer space (an
   * event about another order, say). A throw ends the iteration with that error.
   */
  select: (message: unknown) => T | undefined;
  /**
   * Selected messages held for a consumer slower than the channel. One more ends the iteration
   * with an INTERNAL_SERVER_ERROR instead of holding unbounded memory for one slow socket: the
   * subscriber has missed events and must subscribe again. Default 100 (DEFAULT_CHANNEL_BUFFER).
   */
  bufferSize?: number;
  /** Told when unsubscribing fails (the pub/sub connection is down); the iteration ends regardless. */
  logger: Logger;
}

/**
 * A pub/sub channel as an async iterator, for GraphQL subscription resolvers. The channel is
 * subscribed before this resolves, so nothing published after that is missed however late the
 * first `next()` comes. `return()` (a client completing or disconnecting) unsubscribes at once,
 * even while a `next()` waits: an async generator would queue the `return()` behind that wait,
 * and keep the listener until the next message came, which may be never.
 */
export function subscribeToChannel<T>(pubsub: PubSub, channel: string, options: ChannelIteratorOptions<T>): Promise<AsyncIterableIterator<T>> {
  return ChannelIterator.open(pubsub, channel, options);
}

interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: Error): void;
}

class ChannelIterator<T> implements AsyncIterableIterator<T> {
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly buffer: T[] = [];
  private readonly waiting: Waiter<T>[] = [];
  private readonly capacity: number;
  /** Reported by the next `next()`, then the iteration is done. */
  private failure: Error | undefined;
  private ending: Promise<void> | undefined;

  private constructor(
    private readonly channel: string,
    private readonly options: ChannelIteratorOptions<T>,
  ) {
    this.capacity = options.bufferSize ?? DEFAULT_CHANNEL_BUFFER;
  }

  static async open<T>(pubsub: PubSub, channel: string, options: ChannelIteratorOptions<T>): Promise<ChannelIterator<T>> {
    const iterator = new ChannelIterator(channel, options);
    iterator.unsubscribe = await pubsub.subscribe(channel, (message) => iterator.receive(message));
    return iterator;
  }

  private receive(message: unknown): void {
    if (this.ending) return;
    let item: T | undefined;
    try {
      item = this.options.select(message);
    } catch (error) {
      // Failing this subscriber alone: a throw here would reach the pub/sub's other listeners.
      return this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    if (item === undefined) return;
    const waiter = this.waiting.shift();
    if (waiter) return waiter.resolve({ value: item, done: false });
    if (this.buffer.length >= this.capacity) {
      return this.fail(new InternalError(`A subscriber to ${this.channel} fell more than ${this.capacity} events behind.`));
    }
    this.buffer.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    const failure = this.failure;
    if (failure) {
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ending) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = undefined;
    await this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Buffered messages are dropped: a subscriber that missed some must not take the rest as complete. */
  private fail(error: Error): void {
    this.buffer.length = 0;
    const waiter = this.waiting.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    void this.end();
  }

  private end(): Promise<void> {
    this.ending ??= (async () => {
      for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
      try {
        await this.unsubscribe?.();
      } catch (error) {
        // Rejecting would fail graphql-ws's completion and close the client's whole socket.
        this.options.logger.warn({ err: error, channel: this.channel }, 'unsubscribing from a pub/sub channel failed');
      }
    })();
    return this.ending;
  }
}
