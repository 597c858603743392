import { MetricsServer, type Logger } from '@bookstore/server-core';
import { AggregatorRegistry, type Registry } from 'prom-client';

// With several workers, each counts only the requests it served. The primary serves the metrics
// port: a scrape makes it gather every worker's registry over IPC and sum them (prom-client's
// AggregatorRegistry: counters and histograms summed, gauges per prom-client's aggregators).

/** In the primary: serves the whole cluster's metrics on the metrics port. */
export function clusterMetricsServer(logger: Logger): MetricsServer {
  const aggregator = new AggregatorRegistry();
  return new MetricsServer({
    name: 'router',
    source: async () => ({ body: await aggregator.clusterMetrics(), contentType: aggregator.contentType }),
    logger,
  });
}

/** In a worker: answers the primary's requests with this worker's registry. */
export function shareMetricsWithPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // A worker answers the primary's requests only once an AggregatorRegistry exists in it (its
  // constructor installs the IPC listener); this one is never read.
  new AggregatorRegistry();
}
