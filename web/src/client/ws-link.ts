import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import type { Session } from './session';

/**
 * Subscriptions over graphql-ws, in a chunk of their own: loaded when a page first subscribes
 * (an order's page), not on the first page of the shop.
 */
export function createWsLink(session: Session, url: string) {
  const client = createClient({
    url,
    // A socket only while a page subscribes; the token goes in connection_init, fresh each time
    // (the router closes a socket with 4403 when its token expires, and the client reconnects).
    lazy: true,
    connectionParams: async () => {
      const token = await session.validAccessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: 20,
    shouldRetry: () => true,
  });
  return { link: new GraphQLWsLink(client), client };
}
