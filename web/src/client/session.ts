import { print } from 'graphql';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { SessionUserFragment as SessionUserData } from '../gql/graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { appErrorOf, type AppError } from './errors';

export const SessionUserFragment = graphql(`
  fragment SessionUser on User {
    id
    username
    email
    name
    role
  }
`);

/** What signing in, signing up and refreshing answer: a token pair and who it is for. */
export const SessionPayloadFragment = graphql(`
  fragment SessionPayload on AuthPayload {
    accessToken
    refreshToken
    expiresIn
    user {
      ...SessionUser
    }
  }
`);

const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...SessionPayload
    }
  }
`);

const SignOutMutation = graphql(`
  mutation SignOut($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export type SessionUser = SessionUserData;


export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason?: 'signed-out' | 'expired' | 'offline' }
  | { status: 'signed-in'; user: SessionUser };

/** Messages between tabs of one browser. */
type TabMessage = { kind: 'tokens'; accessToken: string; expiresAt: number; user: SessionUser } | { kind: 'signed-out' };

/** A refresh was refused for a while (RATE_LIMITED); the session is kept. */
export class RefreshThrottledError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export interface SessionOptions {
  /** The GraphQL endpoint, e.g. `/graphql`. */
  endpoint: string;
  /**
   * Where the refresh token is kept across reloads and shared by tabs (README "Storefront":
   * localStorage, because the public API hands refresh tokens to the client, not as cookies).
   */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Tabs tell each other about new tokens and sign-outs; default a BroadcastChannel when the browser has one. */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'>;
  /** One refresh at a time across tabs (refresh tokens rotate: a reused one revokes the family). Default navigator.locks. */
  locks?: Pick<LockManager, 'request'>;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long before expiry an access token is refreshed; default 60 000 ms. */
  refreshMarginMs?: number;
}

export const REFRESH_TOKEN_KEY = 'bookstore.refreshToken';
const LOCK_NAME = 'bookstore.session.refresh';

/**
 * The signed-in session. The access token lives only in this object's memory (a script injected
 * into the page cannot find it in storage, and it dies with the tab); the refresh token is in
 * localStorage so a reload or another tab stays signed in. Refresh tokens rotate on every use
 * and reusing one revokes the whole family, so refreshes are serialised across tabs with a Web
 * Lock, and the tab that refreshed hands the new access token to the others over a
 * BroadcastChannel; a tab that still needs one after waiting for the lock reads the newest
 * refresh token from storage, never a stale copy.
 */
export class Session {
  private state: SessionState = { status: 'restoring' };
  private accessToken: string | undefined;
  private expiresAt = 0;
  private readonly listeners = new Set<() => void>();
  private inflight: Promise<string | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly channel: SessionOptions['channel'];
  private readonly now: () => number;
  private readonly margin: number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    this.margin = options.refreshMarginMs ?? 60_000;
    this.channel = options.channel ?? (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('bookstore.session'));
    this.channel?.addEventListener('message', (event) => this.onTabMessage((event as MessageEvent<TabMessage>).data));
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** At start: a stored refresh token signs the tab in again. */
  async restore(): Promise<void> {
    if (!this.options.storage.getItem(REFRESH_TOKEN_KEY)) return this.setState({ status: 'anonymous' });
    try {
      await this.refresh();
    } catch {
      // refresh() has set the state; a throttled or offline start stays signed out until the next try.
      if (this.state.status === 'restoring') this.setState({ status: 'anonymous', reason: 'offline' });
    }
  }

  /** After login or register. */
  accept(answer: FragmentType<typeof SessionPayloadFragment>): void {
    const payload = getFragmentData(SessionPayloadFragment, answer);
    this.options.storage.setItem(REFRESH_TOKEN_KEY, payload.refreshToken);
    const user = getFragmentData(SessionUserFragment, payload.user);
    this.adopt(payload.accessToken, this.now() + payload.expiresIn * 1000, user);
    this.channel?.postMessage({ kind: 'tokens', accessToken: payload.accessToken, expiresAt: this.expiresAt, user } satisfies TabMessage);
  }

  /** The user's name or role changed (profile page). */
  updateUser(user: SessionUser): void {
    if (this.state.status === 'signed-in') this.setState({ status: 'signed-in', user });
  }

  /** A token valid for a while yet, refreshing first when it is about to expire; undefined when signed out. */
  async validAccessToken(): Promise<string | undefined> {
    if (this.accessToken && this.expiresAt - this.now() > this.margin) return this.accessToken;
    if (!this.options.storage.getItem(REFRESH_TOKEN_KEY)) return undefined;
    try {
      return await this.refresh();
    } catch {
      return this.accessToken;
    }
  }

  /**
   * The API refused `rejected` (UNAUTHENTICATED): a new access token, unless another request or
   * tab has already replaced it. Undefined when the session is over.
   */
  async renewAfterRejection(rejected: string | undefined): Promise<string | undefined> {
    if (this.accessToken && this.accessToken !== rejected && this.expiresAt - this.now() > this.margin) return this.accessToken;
    if (rejected !== undefined && this.accessToken === rejected) this.expiresAt = 0;
    return this.refresh();
  }

  /** Ends this session everywhere: the refresh token is revoked and every tab signs out. */
  async signOut(): Promise<void> {
    const refreshToken = this.options.storage.getItem(REFRESH_TOKEN_KEY);
    this.end('signed-out');
    this.channel?.postMessage({ kind: 'signed-out' } satisfies TabMessage);
    if (refreshToken) await this.call(SignOutMutation, { refreshToken }).catch(() => undefined);
  }

  /** The user signed out or the session was revoked elsewhere (another tab, password change). */
  end(reason: 'signed-out' | 'expired'): void {
    this.options.storage.removeItem(REFRESH_TOKEN_KEY);
    this.accessToken = undefined;
    this.expiresAt = 0;
    clearTimeout(this.timer);
    this.setState({ status: 'anonymous', reason });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.channel?.close();
  }

  /** One refresh per tab at a time, and one per browser under the lock. */
  refresh(): Promise<string | undefined> {
    this.inflight ??= this.refreshOnce().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refreshOnce(): Promise<string | undefined> {
    const locks = this.options.locks ?? (typeof navigator !== 'undefined' ? navigator.locks : undefined);
    const work = async (): Promise<string | undefined> => {
      // Another tab may have refreshed while this one waited for the lock and told it so.
      if (this.accessToken && this.expiresAt - this.now() > this.margin) return this.accessToken;
      const refreshToken = this.options.storage.getItem(REFRESH_TOKEN_KEY);
      if (!refreshToken) {
        if (this.state.status !== 'anonymous') this.end('expired');
        return undefined;
      }
      const result = await this.call(RefreshSessionMutation, { refreshToken });
      // Stored before the lock is released, so the next holder reads the new token.
      this.accept(result.refreshToken);
      return getFragmentData(SessionPayloadFragment, result.refreshToken).accessToken;
    };
    return locks ? locks.request(LOCK_NAME, work) : work();
  }

  /** Sends one operation straight to the API, without the app's links (and without the access token). */
  private async call<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const fetchImpl = this.options.fetch ?? fetch;
    let body: { data?: TResult | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      const response = await fetchImpl(this.options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: print(document), variables }),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new Error('The shop cannot be reached.', { cause: error });
    }
    if (body.data && !body.errors?.length) return body.data;
    const first = body.errors?.[0] ? appErrorOf(body.errors[0]) : undefined;
    if (first?.code === 'RATE_LIMITED' || first?.code === 'INTERNAL_SERVER_ERROR' || first?.code === 'SERVICE_UNAVAILABLE') {
      this.retryLater((first.retryAfter ?? 5) * 1000);
      throw new RefreshThrottledError(first);
    }
    // UNAUTHENTICATED or BAD_USER_INPUT: the refresh token expired, was revoked or already used.
    this.end('expired');
    throw new Error(first?.message ?? 'Your session has ended.');
  }

  private adopt(accessToken: string, expiresAt: number, user: SessionUser): void {
    this.accessToken = accessToken;
    this.expiresAt = expiresAt;
    this.setState({ status: 'signed-in', user });
    // Refresh a minute before expiry, so requests and sockets never carry an expired token.
    this.retryLater(Math.max(5_000, expiresAt - this.now() - this.margin));
  }

  private retryLater(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), ms);
  }

  private onTabMessage(message: TabMessage): void {
    if (message.kind === 'signed-out') {
      this.accessToken = undefined;
      this.expiresAt = 0;
      clearTimeout(this.timer);
      this.setState({ status: 'anonymous', reason: 'signed-out' });
    } else if (message.expiresAt > this.expiresAt && this.options.storage.getItem(REFRESH_TOKEN_KEY)) {
      // Tokens announced before a sign-out that this tab has already seen must not sign it in again.
      this.adopt(message.accessToken, message.expiresAt, message.user);
    }
  }

  private setState(state: SessionState): void {
    const previous = this.state;
    this.state = state;
    if (previous.status === state.status && previous.status !== 'signed-in') return;
    for (const listener of this.listeners) listener();
  }
}
