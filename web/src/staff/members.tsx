import { graphql } from '../gql';

/** A member as the desk's lists name them (the borrower of a loan, the member of a hold). */
export const MemberNameFragment = graphql(`
  fragment MemberName_user on User {
    id
    username
    name
  }
`);

/** A member as the desk's lists show them. */
export interface Member {
  id: string;
  username: string;
  name?: string | null;
}

/** "Ada Lovelace (ada)", or the username alone when there is no name. */
export function memberName(member: Member): string {
  return member.name ? `${member.name} (${member.username})` : member.username;
}
