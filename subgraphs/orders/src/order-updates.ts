import { channelOf } from '@bookstore/events';
import { subscribeToChannel, type Database } from '@bookstore/subgraph-runtime';
import type { OrdersContext } from './context.js';
import { ordersByIds, type OrderRow } from './db/orders.js';
import { orderAtChange, statusChangeOf, type OrderStatusChanged } from './domain/order-updates.js';

const STATUS_CHANNEL = channelOf('order.status_changed');

/**
 * The orders whose status changes `wanted` accepts, each as it was at its change, for a
 * subscription resolver. The channel is subscribed before this resolves, so a change made right
 * after the caller's access check is not missed; every other subscriber's events are dropped
 * before they take buffer space.
 */
export async function orderUpdates(ctx: OrdersContext, wanted: (change: OrderStatusChanged) => boolean): Promise<AsyncIterableIterator<OrderRow>> {
  const changes = await subscribeToChannel(ctx.deps.pubsub, STATUS_CHANNEL, {
    select: (message) => {
      const change = statusChangeOf(message);
      return change && wanted(change) ? change : undefined;
    },
    logger: ctx.log,
  });
  return new OrdersAtChanges(changes, ctx.deps.db);
}

/**
 * Loads each changed order fresh (its lines, total and history as they are now) and reports
 * it at its change. A hand-written iterator, not an async generator, so that `return()` reaches
 * the channel, and unsubscribes, even while `next()` waits for an event.
 */
class OrdersAtChanges implements AsyncIterableIterator<OrderRow> {
  private returned = false;

  constructor(
    private readonly changes: AsyncIterableIterator<OrderStatusChanged>,
    private readonly db: Database,
  ) {}

  async next(): Promise<IteratorResult<OrderRow>> {
    for (;;) {
      const change = await this.changes.next();
      if (change.done) return change;
      let order: OrderRow | undefined;
      try {
        [order] = await ordersByIds(this.db, [change.value.orderId]);
      } catch (error) {
        // graphql-ws ends the subscription on this error without calling return(): unsubscribe here.
        await this.return();
        throw error;
      }
      if (this.returned) return { value: undefined, done: true };
      // An order gone since its change has nothing to show; wait for the next change.
      if (order) return { value: orderAtChange(order, change.value), done: false };
    }
  }

  async return(): Promise<IteratorResult<OrderRow>> {
    this.returned = true;
    await this.changes.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
