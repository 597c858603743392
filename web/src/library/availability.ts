import { graphql } from '../gql';

/** How many lending copies a book has, when the next comes back and how many wait: what every lending view shows. */
export const AvailabilityFieldsFragment = graphql(`
  fragment AvailabilityFields on Availability {
    totalCopies
    availableCopies
    available
    nextDueAt
    holdsWaiting
  }
`);
