import { RateLimitedError, WsCloseCode, type RateLimits, type WsClose } from '@bookstore/server-core';
import type { WebSocket } from 'ws';

export interface WsClientLimitOptions {
  /**
   * WebSockets one client address may hold open on this router process at once, default 20.
   * A concurrency bound, so per process: it protects this process's memory.
   */
  maxConnectionsPerAddress?: number;
  /**
   * `subscribe` messages one client address may send per minute, default 120; counted in
   * `rateLimits`, so shared by every router on one Redis.
   */
  subscribesPerMinute?: number;
  /** A socket holding no subscription this long is closed (1000), default 60 000 ms (60 seconds). */
  idleTimeoutMs?: number;
}

/** The over-the-cap refusal: graphql-ws' close codes mirror HTTP statuses, and 4429 is 429. */
const TOO_MANY_CONNECTIONS: WsClose = { code: WsCloseCode.TooManyRequests, reason: 'Too many connections from this address' };
const IDLE: WsClose = { code: WsCloseCode.Idle, reason: 'No subscription; reconnect to subscribe' };

interface SocketState {
  address: string;
  subscriptions: number;
  idle?: NodeJS.Timeout;
}

/**
 * Per-client limits of the router's graphql-ws endpoint, by client address (TRUSTED_PROXIES
 * applies): open sockets, subscribe rate, and sockets left idle without a subscription. One
 * address once held 400 sockets and 9,750 subscriptions, and churned 2,000 subscribe/complete
 * cycles in under two seconds.
 */
export class WsClientLimits {
  private readonly maxConnections: number;
  private readonly idleTimeoutMs: number;
  private readonly subscribeRule: { name: string; points: number; durationSeconds: number };
  private readonly openByAddress = new Map<string, number>();
  private readonly sockets = new WeakMap<WebSocket, SocketState>();

  constructor(
    options: WsClientLimitOptions,
    private readonly rateLimits: RateLimits,
  ) {
    this.maxConnections = options.maxConnectionsPerAddress ?? 20;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.subscribeRule = { name: 'router-ws-subscribe', points: options.subscribesPerMinute ?? 120, durationSeconds: 60 };
  }

  /**
   * A socket just upgraded from `address`: undefined when it may stay, else the close to send
   * (before graphql-ws ever sees it). An admitted socket is released when it closes.
   */
  admit(socket: WebSocket, address: string): WsClose | undefined {
    const open = this.openByAddress.get(address) ?? 0;
    if (open >= this.maxConnections) return TOO_MANY_CONNECTIONS;
    this.openByAddress.set(address, open + 1);
    const state: SocketState = { address, subscriptions: 0 };
    this.sockets.set(socket, state);
    this.startIdle(socket, state);
    socket.once('close', () => this.release(socket));
    return undefined;
  }

  /** Counts one `subscribe` message from the socket's address; the error to answer past the rate. */
  async countSubscribe(socket: WebSocket): Promise<RateLimitedError | undefined> {
    const state = this.sockets.get(socket);
    if (!state) return undefined;
    try {
      await this.rateLimits.consume(this.subscribeRule, state.address);
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const retryAfter = Number(error.extensions['retryAfter'] ?? this.subscribeRule.durationSeconds);
      return new RateLimitedError(`Too many subscriptions started from this address; try again in ${retryAfter} s.`, retryAfter);
    }
  }

  /** A subscription was accepted on the socket: it is not idle. */
  subscriptionStarted(socket: WebSocket): void {
    const state = this.sockets.get(socket);
    if (!state) return;
    state.subscriptions++;
    clearTimeout(state.idle);
  }

  /** One of the socket's subscriptions ended; with none left it is idle again. */
  subscriptionEnded(socket: WebSocket): void {
    const state = this.sockets.get(socket);
    if (!state) return;
    state.subscriptions = Math.max(0, state.subscriptions - 1);
    if (state.subscriptions === 0) this.startIdle(socket, state);
  }

  private startIdle(socket: WebSocket, state: SocketState): void {
    clearTimeout(state.idle);
    state.idle = setTimeout(() => socket.close(IDLE.code, IDLE.reason), this.idleTimeoutMs);
  }

  private release(socket: WebSocket): void {
    const state = this.sockets.get(socket);
    if (!state) return;
    this.sockets.delete(socket);
    clearTimeout(state.idle);
    const open = (this.openByAddress.get(state.address) ?? 1) - 1;
    if (open > 0) this.openByAddress.set(state.address, open);
    else this.openByAddress.delete(state.address);
  }
}
