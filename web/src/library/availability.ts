import { graphql } from '../gql';

/** How many lending copies a book has and when the next comes back: what every lending view shows. */
export const AvailabilityFieldsFragment = graphql(`
  fragment AvailabilityFields on Availability {
    totalCopies
    availableCopies
    available
    nextDueAt
  }
`);
