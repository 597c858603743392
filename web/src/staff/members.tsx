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
