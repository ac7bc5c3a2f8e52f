import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createCachedTravelTimes } from './matrix/cached.js';
import { createHaversine } from './matrix/haversine.js';
import { createOsrm, OsrmRequestError, UnreachablePointsError } from './matrix/osrm.js';
import type { TravelTimes, TravelTimeSource } from './matrix/travel-times.js';
import { UnreachableHomeError, type RouteGeometry } from './pipeline.js';

/** The travel-time part of the pipeline's dependencies, as the configuration sets it up. */
export interface Providers {
  readonly defaultSource: TravelTimeSource;
  readonly fallbackToHaversine: boolean;
  /** Road geometry, when OSRM is configured. */
  readonly geometry?: RouteGeometry;
  readonly travelTimes: (source: TravelTimeSource) => TravelTimes;
}

/** Travel-time providers from the configuration; OSRM matrices are cached in Redis when a connection is given. */
export function createProviders(config: Config, redis?: Redis): Providers {
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
      })
    : undefined;
  const cachedOsrm =
    osrm && redis && config.MATRIX_CACHE_TTL_SECONDS > 0
      ? createCachedTravelTimes(osrm, redis, { ttlSeconds: config.MATRIX_CACHE_TTL_SECONDS, prefix: `${config.QUEUE_PREFIX}:matrix:${dataset(config)}` })
      : osrm;
  return {
    defaultSource: cachedOsrm ? 'osrm' : 'haversine',
    fallbackToHaversine: config.OSRM_FALLBACK_HAVERSINE,
    ...(osrm ? { geometry: (points, options) => osrm.routeGeometry(points, options) } : {}),
    travelTimes: (source) => {
      if (source === 'haversine') return haversine;
      if (!cachedOsrm) throw new TravelTimesUnavailableError('This request asks for OSRM travel times, but the service has no OSRM_URL.');
      return cachedOsrm;
    },
  };
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
