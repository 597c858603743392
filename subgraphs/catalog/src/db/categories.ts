import type { Database } from '@bookstore/subgraph-runtime';
import { asc, eq, inArray } from 'drizzle-orm';
import type { CategoryFields } from '../domain/category-input.js';
import { bookCategoriesTable, categoriesTable } from './schema.js';

export interface CategoryRow {
  id: string;
  name: string;
  slug: string;
}

const categoryColumns = { id: categoriesTable.id, name: categoriesTable.name, slug: categoriesTable.slug };

export async function listCategories(db: Database): Promise<CategoryRow[]> {
  return db.select(categoryColumns).from(categoriesTable).orderBy(asc(categoriesTable.name), asc(categoriesTable.id));
}

export async function categoriesByIds(db: Database, ids: readonly string[]): Promise<CategoryRow[]> {
  return db.select(categoryColumns).from(categoriesTable).where(inArray(categoriesTable.id, [...ids]));
}

/** The categories of several books, each book's by name. */
export async function categoriesOfBooks(db: Database, bookIds: readonly string[]): Promise<(CategoryRow & { bookId: string })[]> {
  return db
    .select({ ...categoryColumns, bookId: bookCategoriesTable.bookId })
    .from(bookCategoriesTable)
    .innerJoin(categoriesTable, eq(categoriesTable.id, bookCategoriesTable.categoryId))
    .where(inArray(bookCategoriesTable.bookId, [...bookIds]))
    .orderBy(asc(categoriesTable.name));
}

export async function insertCategory(db: Database, fields: CategoryFields): Promise<CategoryRow> {
  const [row] = await db.insert(categoriesTable).values(fields).returning(categoryColumns);
  return row!;
}

/** The ids among `ids` that name no category. */
export async function unknownCategoryIds(db: Database, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = new Set((await db.select({ id: categoriesTable.id }).from(categoriesTable).where(inArray(categoriesTable.id, [...ids]))).map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}
