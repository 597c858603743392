import { ApolloClient, InMemoryCache } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { ApiProvider } from '../client/ApiProvider';
import { makeFragmentData } from '../gql';
import { Session, SessionPayloadFragment, SessionUserFragment } from '../client/session';

/**
 * A session signed in as `role` without a network: component tests render pages for members and
 * staff. Its refresh token is never used (the tokens last an hour and no test runs that long).
 */
export function signedInSession(role: 'CUSTOMER' | 'LIBRARIAN' | 'ADMIN' = 'CUSTOMER'): Session {
  const session = new Session({ endpoint: '/graphql', storage: localStorage, channel: { postMessage: () => undefined, addEventListener: () => undefined, close: () => undefined } });
  const user = makeFragmentData({ __typename: 'User', id: 'u1', username: 'reader', email: 'reader@example.com', name: null, role }, SessionUserFragment);
  session.accept(makeFragmentData({ __typename: 'AuthPayload', accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, user }, SessionPayloadFragment));
  return session;
}

/**
 * The app's providers around `ui` for a component test: the session above and Apollo answering
 * from `mocks` (Apollo's MockLink), in a router at `path`.
 */
export function withApi(ui: ReactNode, options: { mocks: MockLink.MockedResponse[]; role?: 'CUSTOMER' | 'LIBRARIAN' | 'ADMIN'; path?: string }): ReactElement {
  const apollo = new ApolloClient({ cache: new InMemoryCache(), link: new MockLink(options.mocks) });
  return (
    <MemoryRouter initialEntries={[options.path ?? '/']}>
      <ApiProvider client={{ apollo, restartSubscriptions: () => undefined }} session={signedInSession(options.role)}>
        {ui}
      </ApiProvider>
    </MemoryRouter>
  );
}
