import { BadUserInputError } from '@bookstore/server-core';
import { parseAmountToCents } from '@bookstore/events';
import { decodeCursor, isUuid, parseId } from '@bookstore/subgraph-runtime';

/** GraphQL `BookSort`. */
export type BookSort = 'RELEVANCE' | 'TITLE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST';

const SEARCH_MAX_CHARS = 200;
const AUTHOR_FILTER_MAX_CHARS = 200;

/** GraphQL `BookFilter`. */
export interface BookFilterInput {
  search?: string | null;
  categoryId?: string | null;
  authorId?: string | null;
  author?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  inStock?: boolean | null;
}

/**
 * A search as the database runs it, in three tiers ranked in this order: full-text matches of the
 * text, then of its words with the last one as a prefix (the shopper is still typing it), then
 * titles and author names similar to the text by trigrams (typos).
 */
export interface BookSearch {
  /** The search as typed, trimmed: websearch syntax ("a phrase", or, -word) for the full-text tier. */
  text: string;
  /** A `to_tsquery` of its words, the last one a prefix: `'pride' & 'prejud':*`; null when it has no words or when exact. */
  prefixQuery: string | null;
  /** Whether titles and author names within trigram similarity match too; false when exact. */
  fuzzy: boolean;
}

/** A validated `BookFilter`; null means "no condition". */
export interface BookCriteria {
  search: BookSearch | null;
  categoryId: string | null;
  authorId: string | null;
  /** An ILIKE pattern (backslash escapes) matching the name part anywhere. */
  authorPattern: string | null;
  minPriceCents: number | null;
  maxPriceCents: number | null;
  inStock: boolean | null;
}

export function parseBookFilter(input: BookFilterInput | null | undefined): BookCriteria {
  const filter: BookFilterInput = input ?? {};
  const search = filter.search?.trim() ?? '';
  if ([...search].length > SEARCH_MAX_CHARS) {
    throw new BadUserInputError(`filter.search must be at most ${SEARCH_MAX_CHARS} characters.`, 'filter.search');
  }
  const author = filter.author?.trim() ?? '';
  if ([...author].length > AUTHOR_FILTER_MAX_CHARS) {
    throw new BadUserInputError(`filter.author must be at most ${AUTHOR_FILTER_MAX_CHARS} characters.`, 'filter.author');
  }
  const minPriceCents = isGiven(filter.minPrice) ? parseAmountToCents(filter.minPrice, 'filter.minPrice') : null;
  const maxPriceCents = isGiven(filter.maxPrice) ? parseAmountToCents(filter.maxPrice, 'filter.maxPrice') : null;
  if (minPriceCents !== null && maxPriceCents !== null && minPriceCents > maxPriceCents) {
    throw new BadUserInputError('filter.minPrice must not be greater than filter.maxPrice.', 'filter.minPrice');
  }
  return {
    search: search === '' ? null : bookSearchOf(search),
    categoryId: isGiven(filter.categoryId) ? parseId(filter.categoryId, 'filter.categoryId') : null,
    authorId: isGiven(filter.authorId) ? parseId(filter.authorId, 'filter.authorId') : null,
    authorPattern: author === '' ? null : `%${escapeLike(author)}%`,
    minPriceCents,
    maxPriceCents,
    inStock: filter.inStock ?? null,
  };
}

/**
 * A quoted phrase or an excluded -word asks for exactly that: a prefix or a similar title would
 * bring back what the shopper excluded, so such a search is full-text only.
 */
const EXACT_SYNTAX = /"|(?:^|\s)-\S/u;

// Letters (with their combining marks) and digits: what to_tsvector keeps of a word. Nothing else
// reaches the prefix query, so its operators and quotes can never come from the shopper.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function bookSearchOf(text: string): BookSearch {
  if (EXACT_SYNTAX.test(text)) return { text, prefixQuery: null, fuzzy: false };
  const words = text.match(WORD) ?? [];
  const prefixQuery = words.length === 0 ? null : `${words.map((word) => `'${word}'`).join(' & ')}:*`;
  return { text, prefixQuery, fuzzy: true };
}

function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** Escapes LIKE's wildcards so "50%" or "a_b" match literally (with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** RELEVANCE needs a search to rank by; without one it is TITLE, the default without a search. */
export function resolveBookSort(sort: BookSort | null | undefined, search: BookSearch | null): BookSort {
  if (search === null) return sort === undefined || sort === null || sort === 'RELEVANCE' ? 'TITLE' : sort;
  return sort ?? 'RELEVANCE';
}

/** The fields of a listed book a cursor is built from. */
export interface SortableBook {
  id: string;
  title: string;
  priceCents: number;
  createdAt: Date;
  /** The search's rank (see `BookSearch`), 0 when not sorted by RELEVANCE. */
  rank: number;
}

/**
 * A keyset cursor: the sort it belongs to, the row's sort key, and its id as the tie-breaker.
 * Naming the sort makes a cursor from one ordering unusable with another.
 */
export type BookCursor =
  | TitleCursor
  | [sort: 'PRICE_ASC' | 'PRICE_DESC', priceCents: number, id: string]
  | [sort: 'NEWEST', createdAt: string, id: string]
  | [sort: 'RELEVANCE', rank: number, id: string];

export type TitleCursor = [sort: 'TITLE', title: string, id: string];

export function bookCursorOf(sort: BookSort, book: SortableBook): BookCursor {
  switch (sort) {
    case 'TITLE':
      return titleCursorOf(book);
    case 'PRICE_ASC':
    case 'PRICE_DESC':
      return [sort, book.priceCents, book.id];
    case 'NEWEST':
      return [sort, book.createdAt.toISOString(), book.id];
    case 'RELEVANCE':
      return [sort, book.rank, book.id];
  }
}

/** `Author.books` lists by title, with the same cursors as `books(sort: TITLE)`. */
export function titleCursorOf(book: { title: string; id: string }): TitleCursor {
  return ['TITLE', book.title, book.id];
}

export function decodeTitleCursor(after: string | null | undefined): TitleCursor | null {
  return decodeBookCursor(after, 'TITLE') as TitleCursor | null;
}

export function decodeBookCursor(after: string | null | undefined, sort: BookSort): BookCursor | null {
  return decodeCursor(after, (key): key is BookCursor => key.length === 3 && key[0] === sort && isValidSortKey(sort, key[1]) && typeof key[2] === 'string' && isUuid(key[2]));
}

function isValidSortKey(sort: BookSort, value: unknown): boolean {
  switch (sort) {
    case 'TITLE':
      return typeof value === 'string';
    case 'PRICE_ASC':
    case 'PRICE_DESC':
      return Number.isSafeInteger(value);
    case 'NEWEST':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'RELEVANCE':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** Authors are listed by name, then id. */
export type AuthorCursor = [name: string, id: string];

export function authorCursorOf(author: { name: string; id: string }): AuthorCursor {
  return [author.name, author.id];
}

export function decodeAuthorCursor(after: string | null | undefined): AuthorCursor | null {
  return decodeCursor(after, (key): key is AuthorCursor => key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' && isUuid(key[1]));
}
