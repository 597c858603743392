import { requireRole } from '@bookstore/server-core';
import { decodeTimeIdCursor, paginate } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import { countLoans, listLoans } from '../db/loans.js';
import { loanCursorOf, type LoansArgs } from './entities.js';

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
};
