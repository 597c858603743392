import { BadUserInputError } from '@bookstore/server-core';
import { requiredText } from '@bookstore/subgraph-runtime';
import { slugify } from './slug.js';

/** GraphQL `CreateCategoryInput`. */
export interface CreateCategoryInput {
  name: string;
}

export interface CategoryFields {
  name: string;
  slug: string;
}

const CATEGORY_NAME_MAX_CHARS = 100;

export function validateNewCategory(input: CreateCategoryInput): CategoryFields {
  const name = requiredText(input.name, 'input.name', CATEGORY_NAME_MAX_CHARS);
  const slug = slugify(name);
  if (slug === '') throw new BadUserInputError('input.name must contain at least one letter or digit of the Latin alphabet.', 'input.name');
  return { name, slug };
}
