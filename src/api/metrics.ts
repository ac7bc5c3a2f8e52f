/**
 * GET /metrics in the Prometheus text format: this API process's own metrics
 * (HTTP latency by route and status, queue depth read at scrape time) plus
 * the workers' (src/queue/metrics.ts), read from Redis and merged by
 * prom-client's own aggregation.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AggregatorRegistry, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import type { MetricJson } from '../queue/metrics.js';
import { metricsExample } from './examples.js';
import { mediaResponse } from './openapi.js';

export interface MetricsOptions {
  /** Jobs per state, per queue ("plans", "batches"), read at each scrape. */
  readonly queues: Readonly<Record<string, () => Promise<Record<string, number>>>>;
  /** The workers' metrics; none when there is no store to read them from. */
  readonly workers: () => Promise<MetricJson[]>;
}

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function registerMetrics(app: FastifyInstance, options: MetricsOptions): void {
  const registry = new Registry();
  const http = new Histogram({
    name: 'tournee_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route (its pattern) and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'tournee_queue_jobs',
    help: 'Jobs in each state of each queue, read when scraped: waiting, active, delayed, prioritized, waiting-children.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of Object.entries(options.queues)) {
        // A store that does not answer leaves its queue out of this scrape.
        const states = await counts().catch(() => ({}));
        for (const [state, jobs] of Object.entries(states)) this.set({ queue, state }, jobs);
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the raw URL: one series per route, whatever the ids.
    http.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    return Promise.resolve();
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        summary: 'Metrics in the Prometheus text format',
        description: 'HTTP latency and queue depth from this API process; job durations, solver iterations, OSRM requests and cache hits from every worker, added up in Redis.',
        tags: ['operations'],
        security: [],
        response: { 200: mediaResponse('The metrics.', { 'text/plain': { schema: z.string().meta({ description: 'Prometheus text exposition format 0.0.4.' }), example: metricsExample } }) },
      },
    },
    async (_request, reply) => {
      const workers = await options.workers().catch(() => []);
      const merged = AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), workers]);
      return reply.type(registry.contentType).serializer(String).send(await merged.metrics());
    },
  );
}
