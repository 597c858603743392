import { env, parseEnv } from '@bookstore/server-core/config';
import { z } from 'zod';

/** The storefront's static server in services mode (its own image; Kubernetes' Ingress sends `/` here). */
const schema = z.object({
  /** Listening port; default 4008. */
  PORT: env.port(4008),
  /** Listening address; default 127.0.0.1 (the image sets 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Where `/graphql` (HTTP and WebSocket) is forwarded, e.g. http://router:4000, for a setup
   * without an Ingress in front (Docker Compose), so the storefront keeps one origin. Unset: the
   * Ingress routes `/graphql` to the router and this server answers it 404.
   */
  GRAPHQL_UPSTREAM: env.url().optional(),
});

export type WebConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): WebConfig {
  return parseEnv(schema, source);
}
