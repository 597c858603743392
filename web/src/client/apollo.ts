import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { SetContextLink } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { from, Observable, switchMap, throwError } from 'rxjs';
import { hasCode } from './errors';
import type { Session } from './session';
import type { createWsLink } from './ws-link';

export interface ApiClient {
  apollo: ApolloClient;
  /** Reconnects open subscriptions with the current session's token (after sign-in or sign-out). */
  restartSubscriptions(): void;
}

export interface ApiClientOptions {
  /** The router's GraphQL endpoint over HTTP; default `/graphql` on this origin. */
  httpUrl: string;
  /** The same endpoint over graphql-ws; default ws(s)://this host/graphql. */
  wsUrl: string;
}

/** The endpoints of the router this page was served by (embedded mode) or that fronts it (Ingress `/graphql`). */
export function sameOriginEndpoints(location: Location = window.location): ApiClientOptions {
  return { httpUrl: '/graphql', wsUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql` };
}

/**
 * The one GraphQL client of the storefront: queries and mutations over HTTP, subscriptions over
 * graphql-ws, both on the router's /graphql; the session's access token on each, refreshed
 * before it expires and once more when the API answers UNAUTHENTICATED.
 */
export function createApiClient(session: Session, options: ApiClientOptions): ApiClient {
  let ws: Promise<ReturnType<typeof createWsLink>> | undefined;
  const loadWs = () => (ws ??= import('./ws-link').then((module) => module.createWsLink(session, options.wsUrl)));
  // Hands the operation to the WebSocket link once its chunk has loaded.
  const subscriptions = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        let inner: { unsubscribe(): void } | undefined;
        let closed = false;
        loadWs().then(
          ({ link }) => {
            if (!closed) inner = link.request(operation).subscribe(observer);
          },
          (error: unknown) => observer.error(error),
        );
        return () => {
          closed = true;
          inner?.unsubscribe();
        };
      }),
  );

  const withToken = new SetContextLink(async (context) => {
    const token = await session.validAccessToken();
    return { token, headers: { ...context['headers'], ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });

  // An access token can be refused although it looked valid here (revoked after a role change,
  // the clock of this device off): refresh once and send the operation again.
  const retryOnUnauthenticated = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext();
    if (!hasCode(error, 'UNAUTHENTICATED') || context['retried'] || !context['token']) return;
    return from(session.renewAfterRejection(context['token'] as string)).pipe(
      switchMap((token) => {
        if (!token) return throwError(() => error);
        operation.setContext({ retried: true });
        return forward(operation);
      }),
    );
  });

  const transport = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    subscriptions,
    new HttpLink({ uri: options.httpUrl }),
  );

  const apollo = new ApolloClient({
    link: ApolloLink.from([retryOnUnauthenticated, withToken, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            books: relayStylePagination(['filter', 'sort']),
            orders: relayStylePagination(['status']),
            loans: relayStylePagination(['status']),
            holds: relayStylePagination(['bookId', 'status']),
            payments: relayStylePagination(['status']),
            reviews: relayStylePagination(),
            users: relayStylePagination(),
          },
        },
        Book: {
          fields: {
            reviews: relayStylePagination(),
            availability: { merge: true },
            rating: { merge: true },
            summary: { merge: true },
          },
        },
        User: {
          fields: {
            orders: relayStylePagination(),
            payments: relayStylePagination(),
            reviews: relayStylePagination(),
            loans: relayStylePagination(['status']),
            holds: relayStylePagination(['status']),
          },
        },
      },
    }),
  });
  return { apollo, restartSubscriptions: () => void ws?.then(({ client }) => client.terminate()) };
}
