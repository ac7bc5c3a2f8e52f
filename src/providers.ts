import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Location } from './contract/common.js';
import { createCachedTravelTimes, type CachedTravelTimes } from './matrix/cached.js';
import { createHaversine } from './matrix/haversine.js';
import { createOsrm, OsrmRequestError, UnreachablePointsError, type OsrmRequestReport } from './matrix/osrm.js';
import type { TravelTimes, TravelTimeSource } from './matrix/travel-times.js';
import { UnreachableHomeError, type RouteGeometry } from './pipeline.js';

/** The travel-time part of the pipeline's dependencies, as the configuration sets it up. */
export interface Providers {
  readonly defaultSource: TravelTimeSource;
  readonly fallbackToHaversine: boolean;
  /** Road geometry, when OSRM is configured. */
  readonly geometry?: RouteGeometry;
  readonly travelTimes: (source: TravelTimeSource) => TravelTimes;
  /** Fetches the OSRM travel times among points into the cache, when there is one. */
  readonly warm?: (points: readonly Location[], options: { signal?: AbortSignal }) => Promise<void>;
}

/** What the travel-time layer tells about its work, for metrics. */
export interface TravelTimeObserver {
  osrmRequest(report: OsrmRequestReport): void;
  /** Cells found in and missing from the cache by one matrix. */
  cache(hits: number, misses: number): void;
}

/** Travel-time providers from the configuration; OSRM matrices are cached in Redis when a connection is given. */
export function createProviders(config: Config, redis?: Redis, observer?: TravelTimeObserver): Providers {
  const haversine = createHaversine({ speedKmh: config.HAVERSINE_SPEED_KMH, detourFactor: config.HAVERSINE_DETOUR_FACTOR });
  const osrmUrl = config.OSRM_URL;
  const osrm = osrmUrl
    ? createOsrm({
        baseUrl: osrmUrl,
        profile: config.OSRM_PROFILE,
        maxTableSize: config.OSRM_MAX_TABLE_SIZE,
        timeoutMs: config.OSRM_TIMEOUT_MS,
        retries: config.OSRM_RETRIES,
        maxSnapMetres: config.OSRM_MAX_SNAP_METERS,
        ...(observer ? { onRequest: (report: OsrmRequestReport) => { observer.osrmRequest(report); } } : {}),
      })
    : undefined;
  const cache =
    osrm && redis && config.MATRIX_CACHE_TTL_SECONDS > 0
      ? createCachedTravelTimes(osrm, redis, { ttlSeconds: config.MATRIX_CACHE_TTL_SECONDS, prefix: `${cachePrefix(config.QUEUE_PREFIX)}:matrix:${dataset(config)}` })
      : undefined;
  const cachedOsrm = cache && observer ? counted(cache, observer) : (cache ?? osrm);
  return {
    defaultSource: cachedOsrm ? 'osrm' : 'haversine',
    fallbackToHaversine: config.OSRM_FALLBACK_HAVERSINE,
    ...(osrm ? { geometry: (points, options) => osrm.routeGeometry(points, options) } : {}),
    ...(cache && cachedOsrm ? { warm: async (points, options) => { await cachedOsrm.matrix(points, options); } } : {}),
    travelTimes: (source) => {
      if (source === 'haversine') return haversine;
      if (!cachedOsrm) throw new TravelTimesUnavailableError('This request asks for OSRM travel times, but the service has no OSRM_URL.');
      return cachedOsrm;
    },
  };
}

/** Reports the cache's hits and misses of each matrix. */
function counted(cache: CachedTravelTimes, observer: TravelTimeObserver): TravelTimes {
  return {
    source: cache.source,
    async matrix(points, options) {
      const before = cache.stats();
      try {
        return await cache.matrix(points, options);
      } finally {
        const after = cache.stats();
        observer.cache(after.hits - before.hits, after.misses - before.misses);
      }
    },
  };
}

/**
 * The cache's keys leave out the queue prefix's hash tag: on a Redis Cluster
 * they spread over the slots, where the queue's keys must share one.
 */
export function cachePrefix(queuePrefix: string): string {
  return queuePrefix.replace(/[{}]/g, '');
}

/** Cached times belong to one routing server and one version of its road data. */
function dataset(config: Config): string {
  return createHash('sha256').update(`${config.OSRM_URL ?? ''} ${config.OSRM_DATA_VERSION}`).digest('hex').slice(0, 12);
}

export class TravelTimesUnavailableError extends Error {
  override readonly name = 'TravelTimesUnavailableError';
}

/** Errors that a retry cannot fix: bad points, a misconfigured or refusing OSRM, no OSRM at all. */
export function isPermanentTravelTimeError(error: unknown): error is Error {
  return (
    error instanceof UnreachablePointsError ||
    error instanceof UnreachableHomeError ||
    error instanceof OsrmRequestError ||
    error instanceof TravelTimesUnavailableError
  );
}
