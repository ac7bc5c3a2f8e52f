/**
 * Travel times from an OSRM v5 server over HTTP (GET only, hints off). Large
 * tables are split into blocks within the server's max-table-size, fetched a few
 * at a time, each retried on transient failures, and assembled; points that
 * cannot be snapped or reached are reported by index.
 */
import type { Location } from '../contract/common.js';
import { buildTableRequest, forEachLimited, planTable, type ChunkLimits, type TableRequest } from './chunk.js';
import { refusal, unsnappedPoints } from './errors.js';
import { routeGeometry, type LineString } from './osrm-route.js';
import { defaultSleep, getOsrm, type MatrixLogger, type OsrmRequestReport, type RetryPolicy } from './retry.js';
import { UNREACHABLE, toMatrix, type Table, type TableTravelTimes } from './table.js';
import { readTableAnswer, type Sink } from './table-answer.js';
import type { Matrix, MatrixOptions } from './travel-times.js';

export { OsrmRequestError, OsrmUnavailableError, UnreachablePointsError, type UnreachablePoint } from './errors.js';
export type { LineString } from './osrm-route.js';
export type { OsrmRequestReport } from './retry.js';

export interface OsrmOptions {
  /** e.g. `http://osrm:5000` (no trailing slash needed). */
  readonly baseUrl: string;
  /** Profile segment of the URL. Default `driving`. */
  readonly profile?: string;
  /** The server's `--max-table-size`: at most this many sources and destinations per request. Default 100. */
  readonly maxTableSize?: number;
  /** The server's `--max-viaroute-size`: waypoints per `route` request. Default 500. */
  readonly maxRouteSize?: number;
  /** Longest request URL sent; blocks are halved until they fit. Default 8000. */
  readonly maxUrlLength?: number;
  /** Requests in flight at once; match the server's `--threads`. Default 4. */
  readonly concurrency?: number;
  /** Per attempt. Default 10 000. */
  readonly timeoutMs?: number;
  /** Attempts after the first, on 5xx, timeouts and connection errors. Default 3. */
  readonly retries?: number;
  /** Backoff before retry k is jittered in [½, 1] × min(max, base × 2^k). Defaults 250 and 4000. */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** A point snapped farther than this from its road is reported unreachable. Default 1000. */
  readonly maxSnapMetres?: number;
  readonly logger?: MatrixLogger;
  /** Told of every request attempt, for metrics. */
  readonly onRequest?: (report: OsrmRequestReport) => void;
  /** Injected for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export interface Osrm extends TableTravelTimes {
  readonly source: 'osrm';
  /** The road geometry through the points, in order. */
  routeGeometry(points: readonly Location[], options?: MatrixOptions): Promise<LineString>;
}

function integer(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`);
  return value;
}
const positive = (name: string, value: number): number => integer(name, value, 1);

export function createOsrm(options: OsrmOptions): Osrm {
  const limits: ChunkLimits = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    profile: options.profile ?? 'driving',
    maxTableSize: positive('maxTableSize', options.maxTableSize ?? 100),
    maxUrlLength: positive('maxUrlLength', options.maxUrlLength ?? 8000),
  };
  const concurrency = positive('concurrency', options.concurrency ?? 4);
  const maxRouteSize = positive('maxRouteSize', options.maxRouteSize ?? 500);
  const maxSnapMetres = options.maxSnapMetres ?? 1000;
  const policy: RetryPolicy = {
    retries: integer('retries', options.retries ?? 3, 0),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? 10_000),
    baseDelayMs: options.retryBaseDelayMs ?? 250,
    maxDelayMs: options.retryMaxDelayMs ?? 4000,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
    onRequest: options.onRequest,
  };

  /** Fetches one block; a coordinate OSRM cannot snap is noted and the block retried without it. */
  async function fetchBlock(points: readonly Location[], first: TableRequest, sink: Sink, signal: AbortSignal): Promise<void> {
    let request = first;
    for (;;) {
      const answer = await getOsrm(request.url, limits.baseUrl, policy, signal);
      if (answer.ok) {
        readTableAnswer(request, answer.body, sink);
        return;
      }
      const what = `a ${request.rows}×${request.cols} table`;
      const hint = `maxTableSize ${limits.maxTableSize} is larger than the server's --max-table-size`;
      if (answer.code !== 'NoSegment') throw refusal(answer, what, hint);
      const bad = unsnappedPoints(answer.message, request.pointsAt);
      if (bad === undefined) throw refusal(answer, what, hint);
      for (const index of bad) sink.unsnapped.add(index);
      const sources = request.sources.filter((i) => !sink.unsnapped.has(i));
      const destinations = request.destinations.filter((i) => !sink.unsnapped.has(i));
      if (sources.length === 0 || destinations.length === 0) return;
      request = buildTableRequest(points, sources, destinations, limits);
    }
  }

  async function table(points: readonly Location[], sources: readonly number[], destinations: readonly number[], opts?: MatrixOptions): Promise<Table> {
    const sink: Sink = {
      rowIndex: new Map(sources.map((s, r) => [s, r])),
      colIndex: new Map(destinations.map((d, c) => [d, c])),
      cols: destinations.length,
      durations: new Int32Array(sources.length * destinations.length).fill(UNREACHABLE),
      distances: new Int32Array(sources.length * destinations.length).fill(UNREACHABLE),
      snapMetres: new Map(),
      unsnapped: new Set(),
    };
    const requests = sources.length === 0 || destinations.length === 0 ? [] : planTable(points, sources, destinations, limits);
    await forEachLimited(requests, concurrency, (request, signal) => fetchBlock(points, request, sink, signal), opts?.signal);
    return sink;
  }

  return {
    source: 'osrm',
    profile: limits.profile,
    maxSnapMetres,
    table,
    async matrix(points: readonly Location[], opts?: MatrixOptions): Promise<Matrix> {
      const all = points.map((_, i) => i);
      const result = await table(points, all, all, opts);
      return toMatrix({ size: points.length, ...result, snapMetres: new Map(result.snapMetres), unsnapped: new Set(result.unsnapped) }, 'osrm', maxSnapMetres);
    },
    routeGeometry: (points, opts) => routeGeometry(points, { ...limits, maxRouteSize, concurrency, policy }, opts?.signal),
  };
}
