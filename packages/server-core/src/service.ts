import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { inServerSpan, tracingActive } from './tracing.js';
import { ForbiddenError, InternalError } from './errors.js';
import { REQUEST_ID_HEADER, requestIdOf, sendError, sendJson, type RouteHandler } from './http.js';
import type { StaticSiteHandler } from './static-site.js';

/** A service's lifecycle; `/ready` answers 200 only while `serving`. */
export type ServicePhase = { phase: 'starting' } | { phase: 'serving'; url: string } | { phase: 'draining' } | { phase: 'stopped' };

export interface HttpServiceOptions {
  /** Used in logs and in the port-in-use message, e.g. "users subgraph". */
  name: string;
  logger: Logger;
  /** Serves `/graphql` (any method). */
  graphql: (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;
  /** Extra GET routes by exact path, e.g. `/.well-known/jwks.json`. */
  routes?: Record<string, RouteHandler>;
  /** Extra GET routes that, like `/graphql`, answer only callers `admits` lets in (e.g. the users subgraph's `/revocations`). */
  privateRoutes?: Record<string, RouteHandler>;
  /** Throws while a dependency (database, key set) is unavailable; `/ready` then answers 503. */
  ready?: () => Promise<void>;
  /** Whether `/graphql` and the private routes may answer this caller (the router's shared secret); default: anyone. */
  admits?: (req: IncomingMessage) => boolean;
  /** Counts requests by route and status. They are served on the metrics port (MetricsServer), never on this one. */
  metrics?: ServiceMetrics;
  /**
   * A web app served at every other GET path (`staticSite`, the storefront); `/graphql`,
   * `/health`, `/ready` and the routes above keep their own handlers. Default: none (`/` is GraphQL).
   */
  site?: StaticSiteHandler;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    service: string,
  ) {
    super(`Port ${port} is already in use, so the ${service} cannot start. Stop the process using it, or choose another port in the configuration.`);
    this.name = 'PortInUseError';
  }
}

/** `/health`, `/ready`, extra routes and `/graphql` on one node:http server, with request ids. */
export class HttpService {
  readonly httpServer: Server;
  private state: ServicePhase = { phase: 'starting' };
  /** Every extra route by path, public and private: what a metric label may name. */
  private readonly namedRoutes: Record<string, RouteHandler>;

  constructor(private readonly options: HttpServiceOptions) {
    this.namedRoutes = { ...options.routes, ...options.privateRoutes };
    this.httpServer = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        options.logger.error({ err: error }, 'request failed');
        if (!res.headersSent) sendError(res, 500, new InternalError());
        else res.destroy();
      });
    });
    // Keep-alive from the router must outlive its pool's idle timeout to avoid races on reuse.
    this.httpServer.keepAliveTimeout = 65_000;
    this.httpServer.headersTimeout = 66_000;
  }

  get phase(): ServicePhase {
    return this.state;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // The path nearly every request has needs no parsing; any other is normalised by URL.
    const path = req.url === '/graphql' ? '/graphql' : new URL(req.url ?? '/', 'http://localhost').pathname;
    const { metrics } = this.options;
    const site = this.options.site;
    const read = req.method === 'GET' || req.method === 'HEAD';
    metrics?.countRequest(routeName(path, this.namedRoutes, site !== undefined && read), res);
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === '/ready') return this.sendReadiness(res);
    const route = this.options.routes?.[path];
    if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(req, res);
    const privateRoute = read ? this.options.privateRoutes?.[path] : undefined;
    if (site && read && path !== '/graphql' && !privateRoute) return site(req, res, path);
    if (path === '/graphql' || path === '/' || privateRoute) {
      if (this.options.admits && !this.options.admits(req)) {
        return sendError(res, 403, new ForbiddenError('Requests must come through the router.'));
      }
      if (privateRoute) return privateRoute(req, res);
      if (!tracingActive()) return this.options.graphql(req, res, requestId);
      const attributes = { 'bookstore.service': this.options.name, 'http.request.method': req.method ?? 'GET', 'bookstore.request_id': requestId };
      return inServerSpan(`${req.method ?? 'GET'} /graphql`, req.headers, attributes, async (span) => {
        await this.options.graphql(req, res, requestId);
        span.setAttribute('http.response.status_code', res.statusCode);
      });
    }
    sendJson(res, 404, { error: 'Not found' });
  }

  private async sendReadiness(res: ServerResponse): Promise<void> {
    if (this.state.phase !== 'serving') return sendJson(res, 503, { status: this.state.phase });
    try {
      await this.options.ready?.();
      sendJson(res, 200, { status: 'ready' });
    } catch (error) {
      this.options.logger.warn({ err: error }, 'not ready');
      sendJson(res, 503, { status: 'unavailable' });
    }
  }

  /** Listens (port 0 picks a free port) and returns the base URL. */
  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        this.httpServer.off('listening', onListening);
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, this.options.name) : error);
      };
      const onListening = () => {
        this.httpServer.off('error', onError);
        resolve();
      };
      this.httpServer.once('error', onError);
      this.httpServer.once('listening', onListening);
      this.httpServer.listen(port, host);
    });
    const address = this.httpServer.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    this.state = { phase: 'serving', url };
    this.options.logger.info({ url }, `${this.options.name} listening`);
    return url;
  }

  /** Marks the service not ready, then runs `drain` (which must close the HTTP server). */
  async stop(drain: () => Promise<void>): Promise<void> {
    if (this.state.phase === 'draining' || this.state.phase === 'stopped') return;
    this.state = { phase: 'draining' };
    try {
      await drain();
    } finally {
      if (this.httpServer.listening) await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
      this.state = { phase: 'stopped' };
    }
  }
}

/** A request's route as a metric label: a fixed name, never a caller-chosen path. */
function routeName(path: string, routes: Record<string, RouteHandler>, site: boolean): string {
  if (path === '/graphql') return 'graphql';
  if (path === '/health' || path === '/ready') return path.slice(1);
  if (routes[path]) return path;
  if (site) return 'site';
  return path === '/' ? 'graphql' : 'unknown';
}

/** What can be started once and stopped with a drain (Apollo Server). */
interface Startable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface Listener {
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `apollo` now; `listen` waits for it, `stop` drains it (which closes the HTTP server). */
export function serveApollo(apollo: Startable, service: HttpService): Listener {
  const started = apollo.start();
  // A failed start surfaces from listen(); don't also report it as an unhandled rejection.
  started.catch(() => undefined);
  return {
    async listen(port, host) {
      await started;
      return service.listen(port, host);
    },
    async stop() {
      await started.catch(() => undefined);
      await service.stop(() => apollo.stop());
    },
  };
}
