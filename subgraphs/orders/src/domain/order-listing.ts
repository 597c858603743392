import { decodeCursor, isUuid } from '@bookstore/kit';

/** Lists are newest first: by creation time, then id (descending) to break ties. */
export type OrderCursor = [createdAt: string, id: string];

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function orderCursorOf(order: { createdAt: Date; id: string }): OrderCursor {
  return [order.createdAt.toISOString(), order.id];
}

export function decodeOrderCursor(after: string | null | undefined): OrderCursor | null {
  return decodeCursor(
    after,
    (key): key is OrderCursor =>
      key.length === 2 && typeof key[0] === 'string' && ISO_MILLIS.test(key[0]) && !Number.isNaN(Date.parse(key[0])) && typeof key[1] === 'string' && isUuid(key[1]),
  );
}
