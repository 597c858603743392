import { event } from '@bookstore/events';
import type { Database, Emit } from '@bookstore/subgraph-runtime';
import { headOfQueue, updateHold } from '../db/holds.js';
import { moveCopies } from '../db/lending-copies.js';
import { readyFrom } from '../domain/holds.js';
import { freeCopies, type LendingCopies } from '../domain/lending-copies.js';
import { holdUpdate } from '../domain/library-updates.js';
import type { LoanRules } from '../domain/rules.js';

/**
 * Hands a book's free copies to the head of its queue: as many of the oldest WAITING holds as
 * there are free copies become READY, each copy is set aside for its hold, its member is told
 * (HOLD_READY, published once this transaction commits) and its `hold.pickup_due` job waits in
 * the outbox until the pickup deadline. Called, with the book's copies row locked, by every
 * command after which a copy may be free: a return, more copies, a READY hold cancelled or
 * expired. So a free copy and a WAITING hold of one book never outlive a transaction together.
 */
export async function passCopiesOn(tx: Database, emit: Emit, rules: LoanRules, bookId: string, copies: LendingCopies, now: Date): Promise<void> {
  const free = freeCopies(copies);
  if (free <= 0) return;
  const next = await headOfQueue(tx, bookId, free);
  if (next.length === 0) return;
  const ready = readyFrom(now, rules);
  for (const waiting of next) {
    const hold = await updateHold(tx, waiting.id, ready);
    await emit(holdUpdate('HOLD_READY', hold, now), event('hold.pickup_due', { holdId: hold.id }, ready.pickupBy));
  }
  await moveCopies(tx, bookId, { setAside: next.length });
}
