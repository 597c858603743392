import { decodeTimeIdCursor, pageSize, requireRole, toConnection } from '@bookstore/kit';
import type { LoansContext } from '../context.js';
import { countLoans, listLoans } from '../db/loans.js';
import { loanCursorOf, type LoansArgs } from './entities.js';

export const Query = {
  async loans(_: unknown, args: LoansArgs, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    const first = pageSize(args.first);
    const status = args.status ?? null;
    const after = decodeTimeIdCursor(args.after);
    const rows = await listLoans(ctx.deps.db, { status, after, limit: first + 1 });
    return toConnection(rows, first, loanCursorOf, () => countLoans(ctx.deps.db, status));
  },
};
