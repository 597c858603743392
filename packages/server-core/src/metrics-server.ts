import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from './logger.js';
import { PortInUseError } from './service.js';

/** One scrape's answer, in Prometheus' text format. */
export interface MetricsExposition {
  body: string;
  contentType: string;
}

/** Produces the metrics a scrape gets. */
export type MetricsSource = () => Promise<MetricsExposition>;

/**
 * The metrics of one or more registries as one exposition. Embedded mode serves the router's
 * and every subgraph's together: the text format allows one block per metric name, and every
 * service has `http_requests_total`, so the registries are merged (prom-client's aggregation),
 * their `service` labels keeping the series apart.
 */
export function registriesSource(registries: Registry[]): MetricsSource {
  return async () => {
    const [only] = registries;
    if (registries.length === 1 && only) return { body: await only.metrics(), contentType: only.contentType };
    const merged = AggregatorRegistry.aggregate(await Promise.all(registries.map((registry) => registry.getMetricsAsJSON())));
    return { body: await merged.metrics(), contentType: merged.contentType };
  };
}

export interface MetricsServerOptions {
  /** Names the process in logs and in the port-in-use message, e.g. "router". */
  name: string;
  source: MetricsSource;
  logger: Logger;
}

/**
 * `GET /metrics` on a port of its own, for the scraper: the public port (the one the Ingress or
 * a load balancer publishes) never serves metrics, which name operations, subgraphs and
 * internals. Everything else on this port is 404.
 */
export class MetricsServer {
  private readonly server: Server;

  constructor(private readonly options: MetricsServerOptions) {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      options.source().then(
        ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(req.method === 'HEAD' ? undefined : body),
        (error: unknown) => {
          options.logger.warn({ err: error }, 'metrics unavailable');
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
        },
      );
    });
  }

  /** Listens (port 0 picks a free port) and returns the base URL, e.g. http://127.0.0.1:9400. */
  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, `${this.options.name} metrics endpoint`) : error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${(this.server.address() as AddressInfo).port}`;
    this.options.logger.info({ url: `${url}/metrics` }, `${this.options.name} metrics listening`);
    return url;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
