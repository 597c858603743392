import { ForbiddenError, type Role, type Viewer } from '@bookstore/server-core';
import { isUuid } from '@bookstore/subgraph-runtime';

/** Reviews are written by users, whose ids are UUIDs (they are stored as such). */
export function authorIdOf(viewer: Viewer): string {
  if (!isUuid(viewer.id)) throw new ForbiddenError('Only a registered user can write reviews.');
  return viewer.id.toLowerCase();
}

/** API.md: a review is changed by its author only; not even an ADMIN puts words in someone's mouth. */
export function assertMayUpdate(viewer: Viewer, authorId: string): void {
  if (viewer.id.toLowerCase() !== authorId) throw new ForbiddenError('Only the author of a review can change it.');
}

/** The roles that moderate reviews: they delete anyone's (an allow-list, so a new role moderates nothing until added). */
const MODERATORS: readonly Role[] = ['LIBRARIAN', 'ADMIN'];

/** API.md: a review is deleted by its author, or by a LIBRARIAN or ADMIN (moderation). */
export function assertMayDelete(viewer: Viewer, authorId: string): void {
  if (!MODERATORS.includes(viewer.role) && viewer.id.toLowerCase() !== authorId) throw new ForbiddenError('Only the author of a review, a LIBRARIAN or an ADMIN can delete it.');
}
