import type { Database } from '@bookstore/subgraph-runtime';
import { claimReservation, lockReservation, reservationItems, returnStock, setReservationStatus } from '../db/reservations.js';

/**
 * order.cancelled (or order.refunded before shipping): give back what the order holds, exactly
 * once, whichever comes and however often. A cancel that arrives before its order.placed leaves a
 * CANCELLED row so the late placement reserves nothing.
 */
export async function releaseStock(tx: Database, orderId: string): Promise<void> {
  if (await claimReservation(tx, orderId, 'CANCELLED')) return;
  const reservation = await lockReservation(tx, orderId);
  if (reservation?.status !== 'RESERVED') return;
  for (const item of await reservationItems(tx, orderId)) await returnStock(tx, item.bookId, item.quantity);
  await setReservationStatus(tx, orderId, 'RELEASED');
}
