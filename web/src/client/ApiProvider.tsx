import { ApolloProvider } from '@apollo/client/react';
import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from './apollo';
import type { Session, SessionState } from './session';

const SessionContext = createContext<Session | undefined>(undefined);

/**
 * The app's one GraphQL client and session. When the signed-in user changes (sign in, sign out,
 * another tab), cached data of the previous viewer is dropped and the WebSocket reconnects
 * with the new token, so nothing of one account shows under another.
 */
export function ApiProvider({ client, session, children }: { client: ApiClient; session: Session; children: ReactNode }) {
  const viewer = useRef<string | undefined>(undefined);
  useEffect(
    () =>
      session.subscribe(() => {
        const state = session.getState();
        const id = state.status === 'signed-in' ? state.user.id : undefined;
        if (state.status === 'restoring' || id === viewer.current) return;
        const had = viewer.current;
        viewer.current = id;
        if (had !== undefined || id === undefined) void client.apollo.resetStore().catch(() => undefined);
        else void client.apollo.refetchQueries({ include: 'active' });
        client.restartSubscriptions();
      }),
    [client, session],
  );
  return (
    <SessionContext.Provider value={session}>
      <ApolloProvider client={client.apollo}>{children}</ApolloProvider>
    </SessionContext.Provider>
  );
}

export function useSessionObject(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside ApiProvider');
  return session;
}

export function useSession(): SessionState {
  const session = useSessionObject();
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user's role, or undefined. */
export function useRole(): 'CUSTOMER' | 'LIBRARIAN' | 'ADMIN' | undefined {
  const state = useSession();
  return state.status === 'signed-in' ? state.user.role : undefined;
}
