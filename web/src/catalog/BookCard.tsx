import { Link, useLocation } from 'react-router';
import { cart } from '../cart/cart';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { BookCover } from './BookCover';
import { Money } from '../ui/Money';
import { Stars } from '../ui/Stars';

export const BookCardFragment = graphql(`
  fragment BookCard_book on Book {
    id
    title
    stock
    ...BookCover_book
    price {
      amount
      currency
    }
    authors {
      id
      name
    }
    rating {
      average
      count
    }
    availability {
      available
      availableCopies
      totalCopies
    }
  }
`);

/** A book in a list: cover, title, authors, price, rating, stock and lending availability. */
export function BookCard(props: { book: FragmentType<typeof BookCardFragment> }) {
  const book = getFragmentData(BookCardFragment, props.book);
  const authors = book.authors.map((author) => author.name).join(', ');
  const { availability } = book;
  const state = { catalogSearch: useLocation().search };
  return (
    <article className="book-card" aria-labelledby={`book-${book.id}`}>
      <Link to={`/books/${book.id}`} state={state} className="book-card-cover" tabIndex={-1} aria-hidden="true">
        <BookCover book={book} />
      </Link>
      <div className="book-card-body">
        <h2 className="book-card-title" id={`book-${book.id}`}>
          <Link to={`/books/${book.id}`} state={state}>
            {book.title}
          </Link>
        </h2>
        {authors && <p className="book-card-authors">{authors}</p>}
        <Stars rating={book.rating.average} count={book.rating.count} />
        <p className="book-card-price">
          <Money value={book.price} />
        </p>
        <p className="book-card-meta">
          <span className={book.stock > 0 ? 'in-stock' : 'out-of-stock'}>{book.stock > 0 ? 'In stock' : 'Out of stock'}</span>
          {availability.totalCopies > 0 && (
            <>
              {' · '}
              <span>{availability.available ? `${availability.availableCopies} of ${availability.totalCopies} to borrow` : 'All lending copies out'}</span>
            </>
          )}
        </p>
        <button type="button" className="button" disabled={book.stock <= 0} onClick={() => cart.add(book.id)} aria-label={`Add to cart: ${book.title}`}>
          Add to cart
        </button>
      </div>
    </article>
  );
}
