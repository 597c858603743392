import { ConflictError } from '@bookstore/server-core';
import { isUniqueViolation } from '@bookstore/subgraph-runtime';
import { insertCategory, type CategoryRow } from '../db/categories.js';
import type { CategoryFields } from '../domain/category-input.js';
import type { CatalogDependencies } from '../deps.js';

/** createCategory: names are unique case-insensitively and slugs exactly; the unique indexes decide, and either clash is a CONFLICT. */
export async function createCategory({ db }: CatalogDependencies, fields: CategoryFields): Promise<CategoryRow> {
  try {
    return await insertCategory(db, fields);
  } catch (error) {
    if (isUniqueViolation(error, 'categories_name_key') || isUniqueViolation(error, 'categories_slug_key')) {
      throw new ConflictError(`A category named "${fields.name}" (or with the slug "${fields.slug}") already exists.`, 'input.name');
    }
    throw error;
  }
}
