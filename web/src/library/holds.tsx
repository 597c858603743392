import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { HoldFieldsFragment as HoldFields } from '../gql/graphql';
import { ActionButton } from '../ui/actions';
import { formatDate, formatDateTime } from '../ui/format';

/** A hold as the member's views show it (the book page, My holds, the notifications). */
export const HoldFieldsFragment = graphql(`
  fragment HoldFields on Hold {
    id
    status
    position
    placedAt
    readyAt
    pickupBy
    book {
      id
      title
    }
  }
`);

/**
 * The signed-in member's holds still in play. WAITING and READY are asked for separately: the
 * member's holds come newest first with every past one, and a long history must not push the
 * live ones off the page. Ten of each: the API caps a member's active holds (MAX_ACTIVE_HOLDS, 5 by
 * default), and the router's cost limit counts each asked-for edge.
 */
export const MyActiveHoldsQuery = graphql(`
  query MyActiveHolds {
    me {
      id
      waiting: holds(status: WAITING, first: 10) {
        edges {
          node {
            id
            ...HoldFields
          }
        }
      }
      ready: holds(status: READY, first: 10) {
        edges {
          node {
            id
            ...HoldFields
          }
        }
      }
    }
  }
`);

const CancelHoldMutation = graphql(`
  mutation CancelHold($holdId: ID!) {
    cancelHold(holdId: $holdId) {
      id
      ...HoldFields
      book {
        id
        availability {
          ...AvailabilityFields
        }
      }
    }
  }
`);

/** The queries that list holds, asked again when a hold changes (placed, cancelled, made ready). */
export const holdQueries = ['MyActiveHolds', 'MyHolds', 'DeskHolds'];

/** Where a hold stands, in a sentence: "Number 2 in the queue", "Ready to pick up by 7 Dec 2026". */
export function holdSummary(hold: Pick<HoldFields, 'status' | 'position' | 'pickupBy' | 'readyAt' | 'placedAt'>): string {
  switch (hold.status) {
    case 'WAITING':
      return hold.position === 1 ? 'Next in the queue' : `Number ${hold.position ?? '?'} in the queue`;
    case 'READY':
      return hold.pickupBy ? `Ready to pick up by ${formatDateTime(hold.pickupBy)}` : 'Ready to pick up';
    case 'FULFILLED':
      return 'Picked up';
    case 'CANCELLED':
      return 'Cancelled';
    case 'EXPIRED':
      return hold.pickupBy ? `Not picked up by ${formatDate(hold.pickupBy)}` : 'Expired';
  }
}

/** Leaving a book's queue: the member from the book page or My holds, staff from the desk. */
export function CancelHoldButton({ holdId, title, label = 'Cancel hold' }: { holdId: string; title: string; label?: string }) {
  const [cancel, state] = useMutation(CancelHoldMutation, { refetchQueries: holdQueries });
  return (
    <ActionButton className="button secondary small" state={state} run={() => cancel({ variables: { holdId } })} busyLabel="Cancelling…" aria-label={`${label}: ${title}`}>
      {label}
    </ActionButton>
  );
}
