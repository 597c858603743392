import { useSyncExternalStore } from 'react';
import { formatDate, formatDateTime } from '../ui/format';

/** One library notification as the feed keeps it: what happened, to which book, and when. */
export interface LibraryNotice {
  kind: 'HOLD_READY' | 'HOLD_EXPIRED' | 'LOAN_DUE_SOON' | 'LOAN_OVERDUE';
  at: string;
  title: string;
  /** HOLD_READY: the pickup deadline; LOAN_*: the due date. */
  until?: string | null;
}

/** A notification in a sentence, naming the book, for the live region and the list. */
export function noticeText(notice: LibraryNotice): string {
  switch (notice.kind) {
    case 'HOLD_READY':
      return `“${notice.title}” is ready to pick up${notice.until ? ` by ${formatDateTime(notice.until)}` : ''}.`;
    case 'HOLD_EXPIRED':
      return `Your hold on “${notice.title}” expired: it was not picked up in time.`;
    case 'LOAN_DUE_SOON':
      return `“${notice.title}” is due back${notice.until ? ` ${formatDate(notice.until)}` : ' soon'}.`;
    case 'LOAN_OVERDUE':
      return `“${notice.title}” is overdue${notice.until ? ` since ${formatDate(notice.until)}` : ''}: please return it.`;
  }
}

/**
 * The notifications heard since the page loaded, newest first, for the layout's live region and
 * My holds. They are not stored by the API (the subscription is live only), so a plain module
 * store is enough: no cache entry would ever be asked for again.
 */
const MAX_KEPT = 20;
let notices: readonly LibraryNotice[] = [];
const listeners = new Set<() => void>();

export const libraryNotices = {
  add(notice: LibraryNotice): void {
    notices = [notice, ...notices].slice(0, MAX_KEPT);
    for (const listener of listeners) listener();
  },
  /** Forgets them all, on sign-out: the next member must not see the last one's. */
  clear(): void {
    if (notices.length === 0) return;
    notices = [];
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  current: (): readonly LibraryNotice[] => notices,
};

export function useLibraryNotices(): readonly LibraryNotice[] {
  return useSyncExternalStore(libraryNotices.subscribe, libraryNotices.current, libraryNotices.current);
}
