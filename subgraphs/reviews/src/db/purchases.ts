import type { Database } from '@bookstore/subgraph-runtime';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { purchasesTable, reviewsTable } from './schema.js';

/**
 * Serialises a customer's addReview calls with the delivery of their orders. Without it, under
 * READ COMMITTED, a review inserted while `order.delivered` is handled sees no purchase yet and
 * is itself not yet visible to the handler's update, so it would stay unverified forever.
 * Different customers never wait for each other (beyond a rare hash collision); the id is
 * lowercased because events and tokens may spell one uuid in either case.
 */
export async function lockCustomerPurchases(db: Database, customerId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`reviews:purchases:${customerId.toLowerCase()}`}))`);
}

/** Whether `customerId` has received `bookId` in a delivered order: a review's `verifiedPurchase`. */
export function hasReceived(customerId: string, bookId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${purchasesTable} where ${purchasesTable.customerId} = ${customerId} and ${purchasesTable.bookId} = ${bookId})`;
}

/**
 * Records a delivery and verifies the customer's existing reviews of those books, in the
 * handler's transaction. Both steps are no-ops the second time, like the event's inbox record.
 */
export async function recordDelivery(db: Database, customerId: string, bookIds: readonly string[]): Promise<void> {
  const books = [...new Set(bookIds)];
  if (books.length === 0) return;
  await lockCustomerPurchases(db, customerId);
  await db
    .insert(purchasesTable)
    .values(books.map((bookId) => ({ customerId, bookId })))
    .onConflictDoNothing();
  await db
    .update(reviewsTable)
    .set({ verifiedPurchase: true })
    .where(and(eq(reviewsTable.authorId, customerId), inArray(reviewsTable.bookId, books), eq(reviewsTable.verifiedPurchase, false)));
}
