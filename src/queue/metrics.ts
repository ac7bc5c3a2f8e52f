/**
 * Metrics of the work done in worker processes and their solver children:
 * job durations, solver iterations, OSRM requests, the travel-time cache.
 * Each process adds its counts to one Redis hash (HINCRBYFLOAT, flushed at the
 * end of each job), and the API's /metrics reads the hash. So one scrape
 * covers every worker on every machine, counts survive a worker's restart,
 * and short-lived solver children need no port of their own.
 *
 * A field of the hash is the JSON of [metric, labels, part]: part is "value"
 * for a counter; "sum", "count" or a bucket's upper bound for a histogram,
 * whose buckets are stored one per observation and made cumulative on read.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { TravelTimeObserver } from '../providers.js';

type Labels = Readonly<Record<string, string>>;

interface CounterDef {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter';
}
interface HistogramDef {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram';
  readonly buckets: readonly number[];
}

export const WORKER_METRICS = {
  jobSeconds: {
    name: 'tournee_job_duration_seconds',
    help: 'Time a worker spent on a plan job, by outcome: completed, failed, cancelled, or retried (an attempt that failed and will be tried again).',
    type: 'histogram',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
  },
  batchSeconds: {
    name: 'tournee_batch_duration_seconds',
    help: 'Time from a batch\'s submission to the end of its last plan, by outcome: completed or cancelled.',
    type: 'histogram',
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  },
  iterations: { name: 'tournee_solver_iterations_total', help: 'Search iterations run by the solver.', type: 'counter' },
  osrmSeconds: {
    name: 'tournee_osrm_request_duration_seconds',
    help: 'OSRM HTTP requests (each attempt), by service (table, route) and outcome: ok, refused (an OSRM error answer) or failed (timeout, connection error, 5xx).',
    type: 'histogram',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  osrmErrors: { name: 'tournee_osrm_request_errors_total', help: 'OSRM requests that were refused or failed, by service and kind (refused, failed).', type: 'counter' },
  cacheHits: { name: 'tournee_matrix_cache_hits_total', help: 'Travel-time cells read from the Redis cache.', type: 'counter' },
  cacheMisses: { name: 'tournee_matrix_cache_misses_total', help: 'Travel-time cells missing from the Redis cache, fetched from OSRM.', type: 'counter' },
} as const satisfies Record<string, CounterDef | HistogramDef>;

type Metrics = typeof WORKER_METRICS;
type CounterName = { [K in keyof Metrics]: Metrics[K]['type'] extends 'counter' ? K : never }[keyof Metrics];
type HistogramName = { [K in keyof Metrics]: Metrics[K]['type'] extends 'histogram' ? K : never }[keyof Metrics];

/** Counts of one process, waiting to be added to the shared hash. */
export interface Tally {
  count(metric: CounterName, labels?: Labels, by?: number): void;
  observe(metric: HistogramName, labels: Labels, value: number): void;
  /** Adds what was counted since the last flush to Redis; best effort, a failure loses those counts. */
  flush(): Promise<void>;
}

const fieldOf = (name: string, labels: Labels, part: string | number) => JSON.stringify([name, sorted(labels), part]);

export function createTally(redis: Redis, key: string): Tally {
  let pending = new Map<string, number>();
  const add = (field: string, by: number) => pending.set(field, (pending.get(field) ?? 0) + by);
  return {
    count(metric, labels = {}, by = 1) {
      add(fieldOf(WORKER_METRICS[metric].name, labels, 'value'), by);
    },
    observe(metric, labels, value) {
      const { name, buckets } = WORKER_METRICS[metric];
      const bound = buckets.find((b) => value <= b);
      add(fieldOf(name, labels, bound ?? '+Inf'), 1);
      add(fieldOf(name, labels, 'sum'), value);
      add(fieldOf(name, labels, 'count'), 1);
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      const pipeline = redis.pipeline();
      for (const [field, by] of batch) pipeline.hincrbyfloat(key, field, by);
      await pipeline.exec().catch(() => undefined);
    },
  };
}

/** The travel-time layer's reports, counted. */
export function travelTimeMetrics(tally: Tally): TravelTimeObserver {
  return {
    osrmRequest({ url, ms, outcome }) {
      const service = /\/(table|route|nearest)\/v1\//.exec(url)?.[1] ?? 'other';
      tally.observe('osrmSeconds', { service, outcome }, ms / 1000);
      if (outcome !== 'ok') tally.count('osrmErrors', { service, kind: outcome });
    },
    cache(hits, misses) {
      tally.count('cacheHits', {}, hits);
      tally.count('cacheMisses', {}, misses);
    },
  };
}

/** A metric as prom-client's registries exchange it (getMetricsAsJSON / AggregatorRegistry.aggregate). */
export interface MetricJson {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram' | 'gauge';
  readonly aggregator: 'sum';
  readonly values: { readonly value: number; readonly labels: Record<string, string | number>; readonly metricName?: string }[];
}

const Field = z.tuple([z.string(), z.record(z.string(), z.string()), z.union([z.string(), z.number()])]);

/** The workers' metrics from the shared hash; every metric is listed, unlabelled counters at 0 until they move. */
export async function readWorkerMetrics(redis: Redis, key: string): Promise<MetricJson[]> {
  const stored = await redis.hgetall(key);
  const parsed = Object.entries(stored).flatMap(([field, value]) => {
    const fields = Field.safeParse(parseJson(field));
    return fields.success ? [{ name: fields.data[0], labels: fields.data[1], part: fields.data[2], value: Number(value) }] : [];
  });
  return Object.values(WORKER_METRICS).map((def): MetricJson => {
    const mine = parsed.filter((p) => p.name === def.name);
    if (def.type === 'counter') {
      const values = mine.map((p) => ({ value: p.value, labels: p.labels }));
      return { name: def.name, help: def.help, type: 'counter', aggregator: 'sum', values: values.length > 0 ? values : [{ value: 0, labels: {} }] };
    }
    return { name: def.name, help: def.help, type: 'histogram', aggregator: 'sum', values: histogramValues(def, mine) };
  });
}

function histogramValues(def: HistogramDef, parts: readonly { labels: Labels; part: string | number; value: number }[]): MetricJson['values'] {
  const series = new Map<string, { labels: Labels; parts: Map<string | number, number> }>();
  for (const p of parts) {
    const id = JSON.stringify(p.labels);
    const entry = series.get(id) ?? { labels: p.labels, parts: new Map() };
    series.set(id, entry);
    entry.parts.set(p.part, p.value);
  }
  return [...series.values()].flatMap(({ labels, parts: got }) => {
    let cumulative = 0;
    const buckets = [...def.buckets, '+Inf' as const].map((le) => {
      cumulative += got.get(le) ?? 0;
      return { value: cumulative, labels: { ...labels, le }, metricName: `${def.name}_bucket` };
    });
    return [
      ...buckets,
      { value: got.get('sum') ?? 0, labels: { ...labels }, metricName: `${def.name}_sum` },
      { value: got.get('count') ?? 0, labels: { ...labels }, metricName: `${def.name}_count` },
    ];
  });
}

function sorted(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
