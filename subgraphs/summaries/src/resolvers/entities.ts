import type { SummariesContext } from '../context.js';

/** A representation from the router; any id resolves, since summaries only adds a field. */
interface Reference {
  id: string;
}

/**
 * Books are owned by the catalog; summaries adds their summary. A book summaries has not heard
 * of yet resolves too, with no summary, rather than failing the whole entity.
 */
export const Book = {
  __resolveReference: (ref: Reference): Reference => ({ id: ref.id }),
  /** Public, like the rest of a book; null until someone requests a summary. */
  summary: (book: Reference, _args: unknown, ctx: SummariesContext) => ctx.loaders.summaryByBookId.load(book.id.toLowerCase()),
};
