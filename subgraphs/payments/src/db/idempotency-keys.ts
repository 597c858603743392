import { ConflictError } from '@bookstore/server-core';
import { type Database } from '@bookstore/subgraph-runtime';
import { and, eq } from 'drizzle-orm';
import type { PayOutcome } from '../domain/pay-outcome.js';
import type { PayRequest } from '../domain/pay-request.js';
import { idempotencyKeysTable } from './schema.js';

function keyOf(customerId: string, key: string) {
  return and(eq(idempotencyKeysTable.customerId, customerId), eq(idempotencyKeysTable.key, key));
}

/**
 * Claims the key for this transaction; false when another request holds it. A concurrent claim
 * blocks on the unique key until the holder commits (false: its outcome is now readable) or
 * rolls back (true: this request goes ahead instead).
 */
export async function claimIdempotencyKey(db: Database, customerId: string, request: PayRequest): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeysTable)
    .values({ customerId, key: request.idempotencyKey, requestHash: request.requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeysTable.key });
  return claimed.length > 0;
}

export async function storeOutcome(db: Database, customerId: string, key: string, outcome: PayOutcome): Promise<void> {
  await db
    .update(idempotencyKeysTable)
    .set({ paymentId: outcome.paymentId, errorCode: outcome.error?.code ?? null, errorMessage: outcome.error?.message ?? null })
    .where(keyOf(customerId, key));
}

/** The first request's outcome, for a retry with the same key; a different request reusing the key is a CONFLICT. */
export async function storedOutcome(db: Database, customerId: string, request: PayRequest): Promise<PayOutcome> {
  const [row] = await db.select().from(idempotencyKeysTable).where(keyOf(customerId, request.idempotencyKey));
  // The claim that beat this request has committed (claiming waited for that), and a claim
  // commits together with its outcome, so a missing outcome means the invariant broke.
  if (!row || row.paymentId === null) throw new Error('An idempotency key was claimed but has no stored outcome.');
  if (row.requestHash !== request.requestHash) {
    throw new ConflictError('idempotencyKey was already used for a different payOrder request; send a new key for a new request.', 'idempotencyKey');
  }
  const error = row.errorCode === null || row.errorMessage === null ? null : { code: row.errorCode, message: row.errorMessage };
  return { paymentId: row.paymentId, error };
}
