import { parseId } from '@bookstore/subgraph-runtime';
import { validateNewReview } from '../domain/review-input.js';

/** Books of the catalogue's order that get demo reviews: enough to browse, few enough to read. */
export const DEMO_REVIEWED_BOOKS = 20;
const MIN_REVIEWS_PER_BOOK = 2;
const MAX_REVIEWS_PER_BOOK = 4;
const HOURS_BETWEEN_REVIEWS = 7;

export interface DemoReview {
  bookId: string;
  authorId: string;
  rating: number;
  title: string | null;
  body: string | null;
  createdAt: Date;
}

// Original short texts, ratings 3 to 5; "{title}" is replaced by the book's title.
const TEMPLATES: readonly { rating: number; title: string | null; body: string | null }[] = [
  { rating: 5, title: 'A keeper', body: 'I started {title} on a rainy Saturday and had finished it by Sunday night. It earns its reputation.' },
  { rating: 4, title: 'Slow start, strong finish', body: 'The first chapters ask for patience, but the second half of {title} pays it back with interest.' },
  { rating: 3, title: 'Good, not great', body: 'I admire what it does more than I enjoyed reading it. Glad I tried it all the same.' },
  { rating: 5, title: 'Better than I remembered', body: 'Read it at school and did not get it. Second time around, nearly every chapter landed.' },
  { rating: 4, title: 'Great for a book club', body: 'Plenty to argue about: our group spent two evenings on {title} and still had more to say.' },
  { rating: 3, title: 'Uneven', body: 'Brilliant scenes next to long stretches I skimmed. Worth it for the best parts.' },
  { rating: 5, title: 'Read it twice', body: null },
  { rating: 4, title: null, body: 'Some passages feel dated, yet the story still moves and the writing is sharp.' },
  { rating: 4, title: 'Stayed with me', body: 'The characters were on my mind for days after I closed the book.' },
];

/**
 * The demo reviews for a fresh install: each of the first DEMO_REVIEWED_BOOKS books gets 2 to 4
 * reviews (as many as there are reviewers), from different reviewers, with varied texts and
 * ratings, spaced hours apart before `now`. Deterministic, so every fresh install looks the same.
 * The texts pass the same validation as reviews written through the API.
 */
export function planDemoReviews(books: readonly { id: string; title: string }[], reviewers: readonly { id: string }[], now: Date): DemoReview[] {
  const authorIds = [...new Set(reviewers.map((reviewer, i) => parseId(reviewer.id, `reviewers[${i}].id`)))];
  // A book listed twice would be reviewed twice by the same reviewers, which the unique index refuses.
  const reviewed = [...new Map(books.map((book, i) => [parseId(book.id, `books[${i}].id`), book.title])).entries()].slice(0, DEMO_REVIEWED_BOOKS);
  const reviews: DemoReview[] = [];
  reviewed.forEach(([bookId, title], i) => {
    const count = Math.min(authorIds.length, MIN_REVIEWS_PER_BOOK + (i % (MAX_REVIEWS_PER_BOOK - MIN_REVIEWS_PER_BOOK + 1)));
    for (let k = 0; k < count; k++) {
      const template = TEMPLATES[(i * 2 + k * 5) % TEMPLATES.length]!;
      const fill = (text: string | null) => text?.replaceAll('{title}', title) ?? null;
      const review = validateNewReview({ bookId, rating: template.rating, title: fill(template.title), body: fill(template.body) });
      const hoursAgo = (i * MAX_REVIEWS_PER_BOOK + k + 1) * HOURS_BETWEEN_REVIEWS;
      reviews.push({ ...review, authorId: authorIds[(i + k) % authorIds.length]!, createdAt: new Date(now.getTime() - hoursAgo * 3_600_000) });
    }
  });
  return reviews;
}
