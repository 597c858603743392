import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../client/ApiProvider';
import { graphql } from '../gql';
import { BookCover } from '../catalog/BookCover';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Empty, Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { BuyBox } from './BuyBox';
import { LibraryBox } from './LibraryBox';
import { RatingDistribution } from './RatingDistribution';
import { ReviewForm } from './ReviewForm';
import { ReviewItem } from './ReviewItem';
import { SummaryBox } from './SummaryBox';

/**
 * One request for the whole page: catalog, reviews, users, loans and summaries fields of one book.
 * "More reviews" asks it again with `reviewsAfter`; the cache appends the next reviews. (The
 * reviews' selection is written out rather than a fragment: the router's cost estimate counts a
 * fragment spread at several times its fields' cost, see web/test/operations.e2e.ts.)
 */
const BookPageQuery = graphql(`
  query BookPage($id: ID!, $reviewsAfter: String) {
    book(id: $id) {
      id
      title
      description
      isbn
      publishedYear
      pageCount
      ...BookCover_book
      authors {
        id
        name
      }
      categories {
        id
        name
      }
      ...BuyBox_book
      ...LibraryBox_book
      ...SummaryBox_book
      ...RatingDistribution_book
      reviews(first: 5, after: $reviewsAfter) {
        totalCount
        edges {
          cursor
          node {
            id
            ...ReviewItem_review
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export default function BookPage() {
  const { id = '' } = useParams();
  const session = useSession();
  // The catalogue view the book was opened from (its search and filters), for the way back.
  const catalogSearch = (useLocation().state as { catalogSearch?: string } | null)?.catalogSearch ?? '';
  const { data, error, loading, networkStatus, fetchMore, startPolling, stopPolling, refetch } = useQuery(BookPageQuery, { variables: { id }, notifyOnNetworkStatusChange: true });
  const book = data?.book;
  usePageTitle(book?.title ?? (loading ? undefined : 'Book not found'));
  const poll = useCallback((ms: number) => (ms > 0 ? startPolling(ms) : stopPolling()), [startPolling, stopPolling]);

  if (!data && loading) return <Loading label="Loading the book…" />;
  if (error && !book) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!book)
    return (
      <div className="page">
        <Empty title="This book is not in the catalogue">
          <p>
            It may have been removed. <Link to="/">Browse the catalogue</Link>
          </p>
        </Empty>
      </div>
    );

  const reviews = book.reviews;
  return (
    <div className="page book-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${catalogSearch}`}>← Back to the catalogue</Link>
      </nav>
      <div className="book-layout">
        <div className="book-cover">
          <BookCover size="large" book={book} />
        </div>
        <div className="book-main">
          <h1>{book.title}</h1>
          <p className="book-authors">by {book.authors.map((author) => author.name).join(', ') || 'an unknown author'}</p>
          <RatingDistribution book={book} />
          {book.description && <p className="book-description">{book.description}</p>}
          <dl className="book-facts">
            {book.categories.length > 0 && (
              <>
                <dt>Category</dt>
                <dd>{book.categories.map((category) => category.name).join(', ')}</dd>
              </>
            )}
            {book.publishedYear && (
              <>
                <dt>Published</dt>
                <dd>{book.publishedYear}</dd>
              </>
            )}
            {book.pageCount && (
              <>
                <dt>Pages</dt>
                <dd>{book.pageCount}</dd>
              </>
            )}
            {book.isbn && (
              <>
                <dt>ISBN</dt>
                <dd>{book.isbn}</dd>
              </>
            )}
          </dl>
          <SummaryBox book={book} poll={poll} />
        </div>
        <aside className="book-side" aria-label="Buy or borrow">
          <BuyBox book={book} />
          <LibraryBox book={book} />
        </aside>
      </div>
      <section className="reviews" aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews ({reviews.totalCount})</h2>
        {reviews.edges.length === 0 && <p>No reviews yet.</p>}
        <ul className="review-list">
          {reviews.edges.map((edge) => (
            <li key={edge.node.id}>
              <ReviewItem review={edge.node} />
            </li>
          ))}
        </ul>
        {reviews.pageInfo.hasNextPage && (
          <button
            type="button"
            className="button secondary"
            disabled={networkStatus === NetworkStatus.fetchMore}
            onClick={() => void fetchMore({ variables: { reviewsAfter: reviews.pageInfo.endCursor } })}
          >
            More reviews
          </button>
        )}
        {session.status === 'signed-in' ? (
          <ReviewForm bookId={book.id} />
        ) : (
          <p>
            <Link to={`/sign-in?next=/books/${book.id}`}>Sign in</Link> to write a review.
          </p>
        )}
      </section>
    </div>
  );
}
