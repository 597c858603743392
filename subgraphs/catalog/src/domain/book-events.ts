import { event, type NewEvent } from '@bookstore/events';

/**
 * `book.changed`: tells the subgraphs that keep their own view of books (orders, reviews, loans,
 * summaries) what changed, written in the transaction of the change; they never read the
 * catalog's tables.
 */
export function bookChanged(book: { id: string; title: string; description: string | null }, deleted: boolean): NewEvent<'book.changed'> {
  return event('book.changed', { bookId: book.id, title: book.title, description: book.description, deleted });
}
