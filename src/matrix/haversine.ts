/**
 * Travel times without a routing engine: great-circle distance stretched by a
 * detour factor, driven at a constant speed. The embedded default when no OSRM
 * is configured; every matrix says it came from here.
 */
import type { Location } from '../contract/common.js';
import type { Table, TableTravelTimes } from './table.js';
import type { Matrix } from './travel-times.js';

/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_METRES = 6_371_000;

export interface HaversineOptions {
  /** Average driving speed, km/h. Default 50. */
  readonly speedKmh?: number;
  /** Road distance over straight-line distance. Default 1.3. */
  readonly detourFactor?: number;
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine formula). */
export function greatCircleMetres(a: Location, b: Location): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function createHaversine(options: HaversineOptions = {}): TableTravelTimes {
  const speedKmh = options.speedKmh ?? 50;
  const detourFactor = options.detourFactor ?? 1.3;
  if (!(speedKmh > 0) || !Number.isFinite(speedKmh)) throw new RangeError(`speedKmh must be a positive number, got ${speedKmh}`);
  if (!(detourFactor >= 1) || !Number.isFinite(detourFactor)) throw new RangeError(`detourFactor must be at least 1, got ${detourFactor}`);
  const metresPerSecond = speedKmh / 3.6;

  function fill(points: readonly Location[], sources: readonly number[], destinations: readonly number[]): Table {
    const durations = new Int32Array(sources.length * destinations.length);
    const distances = new Int32Array(sources.length * destinations.length);
    sources.forEach((s, r) => {
      destinations.forEach((d, c) => {
        const metres = s === d ? 0 : greatCircleMetres(points[s], points[d]) * detourFactor;
        distances[r * destinations.length + c] = Math.round(metres);
        durations[r * destinations.length + c] = Math.round(metres / metresPerSecond);
      });
    });
    // No snapping: every point is where it is.
    const snapMetres = new Map([...sources, ...destinations].map((p) => [p, 0]));
    return { durations, distances, snapMetres, unsnapped: new Set() };
  }

  return {
    source: 'haversine',
    profile: `${speedKmh}kmh-x${detourFactor}`,
    maxSnapMetres: Number.POSITIVE_INFINITY,
    table: (points, sources, destinations) => Promise.resolve(fill(points, sources, destinations)),
    matrix(points): Promise<Matrix> {
      const all = points.map((_, i) => i);
      const { durations, distances } = fill(points, all, all);
      return Promise.resolve({ size: points.length, durations, distances, source: 'haversine' });
    },
  };
}
