import { EventEmitter } from 'node:events';
import type { PubSub } from './pubsub.js';

/** Embedded pub/sub: one process, so an EventEmitter; messages are cloned as Redis would copy them. */
export class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    // Delivered on a later tick, as over a network: a publisher never runs subscribers inline.
    setImmediate(() => this.emitter.emit(channel, copy));
  }

  async subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
