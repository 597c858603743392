import type { ReactNode } from 'react';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { ReviewCard_ReviewFragment as ReviewCardData } from '../gql/graphql';
import type { ConnectionQuery } from '../ui/ConnectionList';
import { ConnectionList } from '../ui/ConnectionList';
import { BookLink } from '../ui/BookLink';
import { formatDate } from '../ui/format';
import { Empty } from '../ui/Loading';
import { Stars } from '../ui/Stars';

/** A review with its book, as the lists of many books' reviews show it (the reader's own, the staff's moderation). */
export const ReviewCardFragment = graphql(`
  fragment ReviewCard_review on Review {
    id
    rating
    title
    body
    verifiedPurchase
    createdAt
    updatedAt
    author {
      id
      username
    }
    book {
      id
      title
    }
  }
`);

/** A page of such reviews, newest first. */
export const ReviewCardsFragment = graphql(`
  fragment ReviewCards_connection on ReviewConnection {
    totalCount
    edges {
      cursor
      node {
        id
        ...ReviewCard_review
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

export type ReviewCardReview = ReviewCardData;

/** The book's title (a link), the stars, title and text, and the meta line; `meta` leads the meta line (the author, for staff). */
export function ReviewCard({ review, meta, date, children }: { review: ReviewCardData; meta?: string; date: string; children?: ReactNode }) {
  return (
    <>
      <h2 className="review-title">
        <BookLink book={review.book} />
      </h2>
      <p>
        <Stars rating={review.rating} /> {review.title && <strong>{review.title}</strong>}
      </p>
      {review.body && <p className="review-body">{review.body}</p>}
      <p className="review-meta">
        {meta ? `${meta} · ` : ''}
        {formatDate(date)}
        {review.verifiedPurchase && <span className="verified"> · Verified purchase</span>}
      </p>
      {children}
    </>
  );
}

/** A page of reviews of many books with its states; `children` draws each item. */
export function ReviewCards({ query, connection, loadingLabel, empty, intro, children }: { query: ConnectionQuery; connection: FragmentType<typeof ReviewCardsFragment> | null | undefined; loadingLabel: string; empty: string; intro?: (totalCount: number) => ReactNode; children: (review: ReviewCardData) => ReactNode }) {
  const page = connection ? getFragmentData(ReviewCardsFragment, connection) : undefined;
  return (
    <ConnectionList query={query} connection={page} loadingLabel={loadingLabel} empty={<Empty title={empty} />} moreLabel="More reviews">
      {(nodes) => (
        <>
          {intro?.(page?.totalCount ?? 0)}
          <ul className="review-list">{nodes.map((node) => children(getFragmentData(ReviewCardFragment, node)))}</ul>
        </>
      )}
    </ConnectionList>
  );
}
