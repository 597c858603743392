import { randomUUID } from 'node:crypto';
import { writeEvents, type Database } from '@bookstore/subgraph-runtime';
import { inArray, sql } from 'drizzle-orm';
import { upsertAuthorsByName } from '../db/authors.js';
import { bookAuthorsTable, bookCategoriesTable, booksTable, categoriesTable, outboxTable } from '../db/schema.js';
import { bookChanged } from '../domain/book-events.js';
import { validateNewBook } from '../domain/book-input.js';
import demo from './demo-catalogue.json' with { type: 'json' };

/**
 * Fills an empty catalogue with the demo books (public-domain titles, prices in USD). Does
 * nothing once any book exists, so every start of the embedded mode can call it. Demo books
 * pass the same validation as books created through the API.
 */
export async function seedDemoCatalogue(db: Database): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    // Two processes starting together on one database must not both see "no books" and seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('catalog:seed-demo-catalogue'))`);
    const [anyBook] = await tx.select({ id: booksTable.id }).from(booksTable).limit(1);
    if (anyBook) return { inserted: 0 };

    await tx.insert(categoriesTable).values(demo.categories).onConflictDoNothing();
    const categories = await tx
      .select({ id: categoriesTable.id, slug: categoriesTable.slug })
      .from(categoriesTable)
      .where(
        inArray(
          categoriesTable.slug,
          demo.categories.map((category) => category.slug),
        ),
      );
    const categoryIdBySlug = new Map(categories.map((category) => [category.slug, category.id]));

    const currentYear = new Date().getUTCFullYear();
    const books = demo.books.map((book) => ({
      id: randomUUID(),
      ...validateNewBook(
        {
          title: book.title,
          authorNames: book.authors,
          categoryIds: book.categories.map((slug) => categoryIdOf(categoryIdBySlug, slug)),
          price: book.price,
          stock: book.stock,
          description: book.description,
          publishedYear: book.publishedYear,
          pageCount: book.pageCount,
        },
        currentYear,
      ),
    }));
    const authorNames = [...new Map(books.flatMap((book) => book.authorNames).map((name) => [name.toLowerCase(), name])).values()];
    const authors = await upsertAuthorsByName(tx, authorNames);
    const authorByName = new Map(authorNames.map((name, i) => [name.toLowerCase(), authors[i]!]));

    await tx.insert(booksTable).values(
      books.map(({ authorNames: names, categoryIds: _categoryIds, ...columns }) => ({
        ...columns,
        authorNames: names.map((name) => authorByName.get(name.toLowerCase())!.name).join(', '),
      })),
    );
    await tx.insert(bookAuthorsTable).values(
      books.flatMap((book) => book.authorNames.map((name, position) => ({ bookId: book.id, authorId: authorByName.get(name.toLowerCase())!.id, position }))),
    );
    await tx.insert(bookCategoriesTable).values(books.flatMap((book) => book.categoryIds.map((categoryId) => ({ bookId: book.id, categoryId }))));
    // No relay runs yet, or it runs in another process: the next relay pass sends these.
    await writeEvents(tx, { outboxTable }, books.map((book) => bookChanged(book, false)));
    return { inserted: books.length };
  });
}

function categoryIdOf(categoryIdBySlug: ReadonlyMap<string, string>, slug: string): string {
  const id = categoryIdBySlug.get(slug);
  // Only possible when a category of the same name but another slug was created before seeding.
  if (id === undefined) throw new Error(`The demo category "${slug}" clashes with an existing category; seed an empty catalogue.`);
  return id;
}
