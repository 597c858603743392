import { channelOf } from '@bookstore/events';
import { subscribeToChannel } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import { borrowerIdOf } from '../domain/access.js';
import { libraryUpdateOf, type LibraryUpdateEvent } from '../domain/library-updates.js';

const LIBRARY_CHANNEL = channelOf('library.update');

export const Subscription = {
  myLibraryUpdates: {
    /**
     * The signed-in member's updates only: everyone else's are dropped before they take buffer
     * space. The channel is subscribed before this resolves, so nothing published after the
     * caller's check is missed.
     */
    subscribe(_: unknown, __: unknown, ctx: LoansContext) {
      const memberId = borrowerIdOf(ctx.viewer);
      return subscribeToChannel(ctx.deps.pubsub, LIBRARY_CHANNEL, {
        select: (message) => {
          const update = libraryUpdateOf(message);
          return update?.memberId === memberId ? update : undefined;
        },
        logger: ctx.log,
      });
    },
    /** A subscription's loaders live as long as it does: each event's hold or loan loads afresh. */
    resolve(update: LibraryUpdateEvent, _args: unknown, ctx: LoansContext) {
      ctx.loaders.forget({ loanId: update.loanId ?? undefined, holdId: update.holdId ?? undefined });
      return update;
    },
  },
};

export const LibraryUpdate = {
  loan: (update: LibraryUpdateEvent, _args: unknown, ctx: LoansContext) => (update.loanId ? ctx.loaders.loanById.load(update.loanId) : null),
  hold: (update: LibraryUpdateEvent, _args: unknown, ctx: LoansContext) => (update.holdId ? ctx.loaders.holdById.load(update.holdId) : null),
  at: (update: LibraryUpdateEvent) => new Date(update.at),
};
