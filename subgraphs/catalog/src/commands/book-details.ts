import { BadUserInputError, ConflictError } from '@bookstore/server-core';
import { isUniqueViolation, type Database } from '@bookstore/subgraph-runtime';
import { unknownCategoryIds } from '../db/categories.js';

/** What createBook and updateBook check alike: the categories named exist. */
export async function assertCategoriesExist(db: Database, categoryIds: readonly string[]): Promise<void> {
  const [unknown] = await unknownCategoryIds(db, categoryIds);
  if (unknown !== undefined) throw new BadUserInputError(`input.categoryIds contains ${unknown}, which is not a category.`, 'input.categoryIds');
}

/** The unique index decides a taken ISBN, not a prior SELECT, so concurrent writes of one ISBN cannot both pass. */
export async function withIsbnConflict<T>(isbn: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'books_isbn_key')) throw new ConflictError(`Another book already has the ISBN ${isbn}.`, 'input.isbn');
    throw error;
  }
}
