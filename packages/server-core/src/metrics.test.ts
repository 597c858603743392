import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesCounter, SeriesHistogram } from './metrics.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];

/** The same observations in prom-client's own metric types and in ours, each in its own registry with a default label. */
function both() {
  const theirs = new Registry();
  const ours = new Registry();
  for (const registry of [theirs, ours]) registry.setDefaultLabels({ service: 'router' });
  const counter = new Counter({ name: 'requests_total', help: 'Requests.', labelNames: ['route', 'status'], registers: [theirs] });
  const histogram = new Histogram({ name: 'duration_seconds', help: 'Durations.', labelNames: ['operation', 'outcome'], buckets: BUCKETS, registers: [theirs] });
  const seriesCounter = new SeriesCounter('requests_total', 'Requests.', ['route', 'status'], ours);
  const seriesHistogram = new SeriesHistogram('duration_seconds', 'Durations.', ['operation', 'outcome'], BUCKETS, ours);
  const count = (route: string, status: string) => {
    counter.inc({ route, status });
    seriesCounter.series({ route, status }).value++;
  };
  const observe = (operation: string, outcome: string, seconds: number) => {
    histogram.observe({ operation, outcome }, seconds);
    seriesHistogram.series({ operation, outcome }).observe(seconds);
  };
  return { theirs, ours, count, observe, seriesHistogram };
}

describe('SeriesCounter and SeriesHistogram', () => {
  it('export exactly what prom-client exports for the same observations, as text and as JSON', async () => {
    const { theirs, ours, count, observe } = both();
    expect(await ours.metrics()).toBe(await theirs.metrics()); // nothing observed yet
    count('/graphql', '200');
    count('/graphql', '200');
    count('/health', '200');
    count('/graphql', '400');
    for (const seconds of [0.0004, 0.001, 0.003, 0.5, 7, 0.02, 0.1]) observe('Books', 'ok', seconds);
    observe('other', 'error', 0.2);
    observe('Books', 'error', 0);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
    // Summed across registries as the cluster's primary and embedded mode's metrics server do.
    expect(await AggregatorRegistry.aggregate([await ours.getMetricsAsJSON(), await ours.getMetricsAsJSON()]).metrics()).toBe(
      await AggregatorRegistry.aggregate([await theirs.getMetricsAsJSON(), await theirs.getMetricsAsJSON()]).metrics(),
    );
  });

  it('refuses an observation that is not a finite number, as prom-client does', () => {
    const { seriesHistogram } = both();
    expect(() => seriesHistogram.series({ operation: 'Books', outcome: 'ok' }).observe(Number.NaN)).toThrow(TypeError);
  });
});
