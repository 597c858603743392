import { Link } from 'react-router';

/** A book's title linking to its page in the shop. */
export function BookLink({ book }: { book: { id: string; title: string } }) {
  return <Link to={`/books/${book.id}`}>{book.title}</Link>;
}
