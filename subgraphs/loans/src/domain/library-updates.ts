import { event, eventSchemas, type EventEnvelope, type EventPayload, type NewEvent } from '@bookstore/events';

/** What `library.update` says: whose update, what kind, about which hold or loan, and when. */
export type LibraryUpdateEvent = EventPayload<'library.update'>;
export type LibraryUpdateKind = LibraryUpdateEvent['kind'];

/** The `library.update` notification about a member's hold (HOLD_READY, HOLD_EXPIRED). */
export function holdUpdate(kind: 'HOLD_READY' | 'HOLD_EXPIRED', hold: { id: string; memberId: string }, at: Date): NewEvent<'library.update'> {
  return event('library.update', { memberId: hold.memberId, kind, holdId: hold.id, loanId: null, at: at.toISOString() });
}

/** The `library.update` notification about a borrower's loan (LOAN_DUE_SOON, LOAN_OVERDUE). */
export function loanUpdate(kind: 'LOAN_DUE_SOON' | 'LOAN_OVERDUE', loan: { id: string; borrowerId: string }, at: Date): NewEvent<'library.update'> {
  return event('library.update', { memberId: loan.borrowerId, kind, loanId: loan.id, holdId: null, at: at.toISOString() });
}

/** The payload of a `library.update` envelope from the channel; anything else (a malformed message) is undefined. */
export function libraryUpdateOf(message: unknown): LibraryUpdateEvent | undefined {
  const envelope = message as Partial<EventEnvelope> | null;
  if (envelope?.name !== 'library.update') return undefined;
  const payload = eventSchemas['library.update'].safeParse(envelope.payload);
  return payload.success ? payload.data : undefined;
}
