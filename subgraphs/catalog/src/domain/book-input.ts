import { BadUserInputError } from '@bookstore/server-core';
import { MAX_PRICE_CENTS, parseAmountToCents } from '@bookstore/events';
import { intInRange, notNull, optionalText, parseId, requiredText } from '@bookstore/subgraph-runtime';
import { normalizeIsbn } from './isbn.js';

/** GraphQL `CreateBookInput`. */
export interface CreateBookInput {
  title: string;
  authorNames: string[];
  categoryIds?: string[] | null;
  price: string;
  stock?: number | null;
  isbn?: string | null;
  description?: string | null;
  publishedYear?: number | null;
  pageCount?: number | null;
  coverUrl?: string | null;
}

/** GraphQL `UpdateBookInput`: every field optional, and nullable. */
export type UpdateBookInput = { [K in keyof CreateBookInput]?: CreateBookInput[K] | null };

/** A book's own fields once validated and normalised; prices in integer cents. */
export interface BookFields {
  title: string;
  /** Distinct (case-insensitively) names, in cover order. */
  authorNames: string[];
  /** Distinct category ids. */
  categoryIds: string[];
  priceCents: number;
  stock: number;
  isbn: string | null;
  description: string | null;
  publishedYear: number | null;
  pageCount: number | null;
  coverUrl: string | null;
}

export type BookChanges = Partial<BookFields>;

const LIMITS = {
  titleChars: 300,
  authors: 10,
  authorNameChars: 200,
  descriptionChars: 5000,
  coverUrlChars: 2048,
  maxStock: 1_000_000,
  minPublishedYear: -3000,
  maxPageCount: 100_000,
  maxRestock: 1_000_000,
} as const;

export function validateNewBook(input: CreateBookInput, currentYear: number): BookFields {
  return {
    title: parseTitle(input.title),
    authorNames: parseAuthorNames(input.authorNames),
    categoryIds: parseCategoryIds(input.categoryIds ?? []),
    priceCents: parsePrice(input.price),
    stock: parseStock(input.stock ?? 0),
    isbn: parseIsbn(input.isbn),
    description: parseDescription(input.description),
    publishedYear: parsePublishedYear(input.publishedYear, currentYear),
    pageCount: parsePageCount(input.pageCount),
    coverUrl: parseCoverUrl(input.coverUrl),
  };
}

/** Validates only the fields given; the result has exactly those keys. */
export function validateBookChanges(input: UpdateBookInput, currentYear: number): BookChanges {
  const changes: BookChanges = {};
  if (input.title !== undefined) changes.title = parseTitle(notNull(input.title, 'input.title'));
  if (input.authorNames !== undefined) changes.authorNames = parseAuthorNames(notNull(input.authorNames, 'input.authorNames'));
  if (input.categoryIds !== undefined) changes.categoryIds = parseCategoryIds(notNull(input.categoryIds, 'input.categoryIds'));
  if (input.price !== undefined) changes.priceCents = parsePrice(notNull(input.price, 'input.price'));
  if (input.stock !== undefined) changes.stock = parseStock(notNull(input.stock, 'input.stock'));
  if (input.isbn !== undefined) changes.isbn = parseIsbn(input.isbn);
  if (input.description !== undefined) changes.description = parseDescription(input.description);
  if (input.publishedYear !== undefined) changes.publishedYear = parsePublishedYear(input.publishedYear, currentYear);
  if (input.pageCount !== undefined) changes.pageCount = parsePageCount(input.pageCount);
  if (input.coverUrl !== undefined) changes.coverUrl = parseCoverUrl(input.coverUrl);
  return changes;
}

export function validateRestockQuantity(quantity: number): number {
  return intInRange(quantity, 'quantity', 1, LIMITS.maxRestock);
}

function parseTitle(value: string): string {
  return requiredText(value, 'input.title', LIMITS.titleChars);
}

function parseAuthorNames(values: string[]): string[] {
  if (values.length === 0 || values.length > LIMITS.authors) {
    throw new BadUserInputError(`input.authorNames must list 1 to ${LIMITS.authors} authors.`, 'input.authorNames');
  }
  const names = values.map((name, i) => requiredText(name, `input.authorNames[${i}]`, LIMITS.authorNameChars));
  // Authors are one record per case-insensitive name, so "Jane Austen" and "jane austen" are one author.
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseCategoryIds(values: string[]): string[] {
  return [...new Set(values.map((id, i) => parseId(id, `input.categoryIds[${i}]`)))];
}

/** Above 0 and at most the kit's MAX_PRICE_CENTS (1,000,000.00), the bound every order total is built from. */
function parsePrice(value: string): number {
  const cents = parseAmountToCents(value, 'input.price', MAX_PRICE_CENTS);
  if (cents === 0) throw new BadUserInputError('input.price must be greater than 0.', 'input.price');
  return cents;
}

function parseStock(value: number): number {
  return intInRange(value, 'input.stock', 0, LIMITS.maxStock);
}

function parseIsbn(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const isbn = normalizeIsbn(value);
  if (isbn === null) {
    throw new BadUserInputError('input.isbn must be a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed).', 'input.isbn');
  }
  return isbn;
}

function parseDescription(value: string | null | undefined): string | null {
  return optionalText(value, 'input.description', LIMITS.descriptionChars);
}

function parsePublishedYear(value: number | null | undefined, currentYear: number): number | null {
  return value === null || value === undefined ? null : intInRange(value, 'input.publishedYear', LIMITS.minPublishedYear, currentYear);
}

function parsePageCount(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : intInRange(value, 'input.pageCount', 1, LIMITS.maxPageCount);
}

function parseCoverUrl(value: string | null | undefined): string | null {
  const text = optionalText(value, 'input.coverUrl', LIMITS.coverUrlChars);
  if (text === null) return null;
  if (!URL.canParse(text) || !['http:', 'https:'].includes(new URL(text).protocol)) {
    throw new BadUserInputError('input.coverUrl must be an http or https URL.', 'input.coverUrl');
  }
  return text;
}
