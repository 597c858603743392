import cluster, { type Worker } from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { RouteHandler } from '@bookstore/kit';
import { AggregatorRegistry, type Registry } from 'prom-client';

// With several workers a scrape lands on any one of them, which alone would report a fraction
// of the traffic. The worker asks the primary, which gathers every worker's registry over IPC
// (prom-client's AggregatorRegistry: counters and histograms summed) and answers.
const REQUEST = 'bookstore:cluster-metrics-request';
const RESPONSE = 'bookstore:cluster-metrics-response';
const TIMEOUT_MS = 5_000;

interface MetricsMessage {
  type: string;
  id: string;
  body?: string;
  contentType?: string;
  error?: string;
}

/** In the primary: answers workers' requests for the cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: MetricsMessage) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: RESPONSE, id: message.id, body, contentType: aggregator.contentType }),
      (error: unknown) => worker.send({ type: RESPONSE, id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** In a worker: registers this worker's registry for aggregation and returns the `/metrics` route. */
export function clusterMetricsRoute(registry: Registry): RouteHandler {
  AggregatorRegistry.setRegistries([registry]);
  const pending = new Map<string, (message: MetricsMessage) => void>();
  process.on('message', (message: MetricsMessage) => {
    if (message?.type === RESPONSE) pending.get(message.id)?.(message);
  });
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const id = randomUUID();
    const message = await new Promise<MetricsMessage>((resolve) => {
      const timer = setTimeout(() => resolve({ type: RESPONSE, id, error: 'timed out' }), TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      process.send?.({ type: REQUEST, id });
    });
    pending.delete(id);
    if (message.error !== undefined || message.body === undefined) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('metrics of the other workers are unavailable\n');
      return;
    }
    res.writeHead(200, { 'content-type': message.contentType ?? 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(message.body);
  };
}
