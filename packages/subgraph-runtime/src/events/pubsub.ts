/**
 * Fire-and-forget broadcast to every subscriber of a channel, in any process (Redis pub/sub in
 * services mode) or in this one (embedded). Messages are JSON values.
 */
export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(channel: string, listener: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
