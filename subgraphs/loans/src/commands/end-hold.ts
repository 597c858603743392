import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { UnrecoverableError, type Database, type Emit } from '@bookstore/subgraph-runtime';
import { bookOfHold, lockHold, updateHold, type HoldRow } from '../db/holds.js';
import { lockLendingCopies, moveCopies } from '../db/lending-copies.js';
import { requireHoldAccess } from '../domain/access.js';
import { checkCancellable, shouldExpire } from '../domain/holds.js';
import { holdUpdate } from '../domain/library-updates.js';
import type { LoanRules } from '../domain/rules.js';
import type { LoansDependencies } from '../deps.js';
import { passCopiesOn } from './hold-queue.js';

/**
 * Ends a hold (CANCELLED or EXPIRED) under the book's copies lock, taken before the hold's (the
 * order every command keeps): a READY hold's copy goes to the next in line, or back on the shelf.
 * `decide` sees the locked hold and returns the status to end it with, or null to leave it.
 * Returns the hold (undefined when there is none) and when it ended (null when it did not).
 */
async function endHold(
  tx: Database,
  emit: Emit,
  rules: LoanRules,
  holdId: string,
  decide: (hold: HoldRow, now: Date) => 'CANCELLED' | 'EXPIRED' | null,
): Promise<{ hold: HoldRow; endedAt: Date | null } | undefined> {
  const bookId = await bookOfHold(tx, holdId);
  if (!bookId) return undefined;
  await lockLendingCopies(tx, bookId);
  const locked = await lockHold(tx, holdId);
  if (!locked) return undefined;
  const status = decide(locked.hold, locked.now);
  if (!status) return { hold: locked.hold, endedAt: null };
  const hold = await updateHold(tx, holdId, { status });
  if (locked.hold.status === 'READY') {
    const copies = await moveCopies(tx, bookId, { setAside: -1 });
    await passCopiesOn(tx, emit, rules, bookId, copies, locked.now);
  }
  return { hold, endedAt: locked.now };
}

/** cancelHold: by its member, a LIBRARIAN or an ADMIN; CONFLICT once it has ended. */
export async function cancelHold({ events, rules }: LoansDependencies, viewer: Viewer, holdId: string): Promise<HoldRow> {
  const hold = await events.transaction((tx, emit) =>
    endHold(tx, emit, rules, holdId, (locked) => {
      requireHoldAccess(viewer, locked);
      checkCancellable(locked);
      return 'CANCELLED';
    }),
  );
  if (!hold) throw new NotFoundError(`Hold ${holdId} (holdId)`);
  return hold.hold;
}

/**
 * The `hold.pickup_due` job, in the transaction of its inbox row: a hold still READY past its
 * pickup deadline EXPIRES, its member is told, and its copy goes to the next in line. A hold
 * picked up or cancelled meanwhile is left as it is.
 */
export async function expireHold(tx: Database, emit: Emit, rules: LoanRules, holdId: string): Promise<void> {
  const ended = await endHold(tx, emit, rules, holdId, (locked, now) => (shouldExpire(locked, now) ? 'EXPIRED' : null));
  // Written in the transaction that made the hold READY, and holds are never deleted.
  if (!ended) throw new UnrecoverableError(`hold.pickup_due names hold ${holdId}, which does not exist`);
  if (ended.endedAt) await emit(holdUpdate('HOLD_EXPIRED', ended.hold, ended.endedAt));
}
