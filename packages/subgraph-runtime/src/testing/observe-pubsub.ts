import type { PubSub } from '../events/pubsub.js';

export interface ObservedPubSub extends PubSub {
  /** Listeners subscribed through this view and not yet unsubscribed: a leak shows here. */
  readonly listeners: number;
}

/** A real pub/sub seen through a counter of its active listeners, for tests that check cleanup. */
export function observePubSub(pubsub: PubSub): ObservedPubSub {
  let listeners = 0;
  return {
    publish: (channel, message) => pubsub.publish(channel, message),
    async subscribe(channel, listener) {
      const unsubscribe = await pubsub.subscribe(channel, listener);
      listeners++;
      let active = true;
      return async () => {
        if (active) listeners--;
        active = false;
        await unsubscribe();
      };
    },
    close: () => pubsub.close(),
    get listeners() {
      return listeners;
    },
  };
}
