import { requireRole } from '@bookstore/server-core';
import { decodeTimeIdCursor, paginate, parseId } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import { countHolds, listHolds } from '../db/holds.js';
import { countLoans, listLoans } from '../db/loans.js';
import { holdCursorOf, loanCursorOf, type HoldsArgs, type LoansArgs } from './entities.js';

export const Query = {
  async loans(_: unknown, args: LoansArgs, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    const status = args.status ?? null;
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => listLoans(ctx.deps.db, { status, ...page }),
      cursorOf: loanCursorOf,
      totalCount: () => countLoans(ctx.deps.db, status),
    });
  },

  async holds(_: unknown, args: HoldsArgs & { bookId?: string | null }, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    const status = args.status ?? null;
    const bookId = args.bookId ? parseId(args.bookId, 'bookId') : null;
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => listHolds(ctx.deps.db, { bookId, status, ...page }),
      cursorOf: holdCursorOf,
      totalCount: () => countHolds(ctx.deps.db, bookId, status),
    });
  },
};
