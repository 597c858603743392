import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app/routes';
import { ApiProvider } from './client/ApiProvider';
import { createApiClient, sameOriginEndpoints } from './client/apollo';
import { Session } from './client/session';
import './ui/styles.css';

const session = new Session({ endpoint: sameOriginEndpoints().httpUrl, storage: window.localStorage });
const client = createApiClient(session, sameOriginEndpoints());
void session.restore();

// The first render as a transition: React renders the app shell in slices of a few
// milliseconds, yielding between them, rather than in one long main-thread task.
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <ApiProvider client={client} session={session}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ApiProvider>
    </StrictMode>,
  ),
);
