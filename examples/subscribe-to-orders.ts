// A runnable subscription client: signs in, then prints every status change of the user's
// orders, with fields from four subgraphs, until Ctrl+C.
//
//   npx tsx examples/subscribe-to-orders.ts <login> <password> [router URL, default http://localhost:4000]
//
// It refreshes its token before the access token expires (the router closes a socket whose
// token has expired with 4403) and reconnects with the fresh one.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [login, password, routerUrl = 'http://localhost:4000'] = process.argv.slice(2);
if (!login || !password) {
  console.error('usage: npx tsx examples/subscribe-to-orders.ts <login> <password> [router URL]');
  process.exit(2);
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${routerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

let tokens = (await graphql<{ login: Tokens }>('mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken expiresIn } }', { i: { login, password } })).login;
// Refresh a minute before expiry; the next (re)connection picks the new token up.
const refresh = async () => {
  tokens = (await graphql<{ refreshToken: Tokens }>('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken expiresIn } }', { t: tokens.refreshToken })).refreshToken;
  timer = setTimeout(refresh, Math.max(10, tokens.expiresIn - 60) * 1000);
};
let timer = setTimeout(refresh, Math.max(10, tokens.expiresIn - 60) * 1000);

const client = createClient({
  url: `${routerUrl.replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  connectionParams: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
  retryAttempts: Infinity,
});

const subscription = client.iterate({
  query: `subscription {
    myOrderUpdates {
      id status updatedAt total { amount currency }
      items { quantity book { title } }
      payments { status amount { amount } }
      customer { username }
    }
  }`,
});
process.once('SIGINT', () => {
  clearTimeout(timer);
  void subscription.return?.();
  void client.dispose();
});
console.log(`Listening for order updates of ${login} at ${routerUrl}; place an order in Sandbox. Ctrl+C to stop.`);
for await (const result of subscription) {
  if (result.errors) console.error('error:', result.errors.map((e) => `${e.extensions?.['code'] ?? ''} ${e.message}`).join('; '));
  else console.log(JSON.stringify(result.data, null, 2));
}
clearTimeout(timer);
