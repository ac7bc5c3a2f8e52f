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

/** Each point as (x, y, z) on the unit sphere, three numbers a point. */
function unitVectors(points: readonly Location[]): Float64Array {
  const out = new Float64Array(3 * points.length);
  points.forEach((p, i) => {
    const lat = toRadians(p.lat);
    const lon = toRadians(p.lon);
    out[3 * i] = Math.cos(lat) * Math.cos(lon);
    out[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
    out[3 * i + 2] = Math.sin(lat);
  });
  return out;
}

export function createHaversine(options: HaversineOptions = {}): TableTravelTimes {
  const speedKmh = options.speedKmh ?? 50;
  const detourFactor = options.detourFactor ?? 1.3;
  if (!(speedKmh > 0) || !Number.isFinite(speedKmh)) throw new RangeError(`speedKmh must be a positive number, got ${speedKmh}`);
  if (!(detourFactor >= 1) || !Number.isFinite(detourFactor)) throw new RangeError(`detourFactor must be at least 1, got ${detourFactor}`);
  const metresPerSecond = speedKmh / 3.6;

  function fill(points: readonly Location[], sources: readonly number[], destinations: readonly number[]): Table {
    const cols = destinations.length;
    const durations = new Int32Array(sources.length * cols);
    const distances = new Int32Array(sources.length * cols);
    // Points as unit vectors: the great-circle angle follows from the chord, one square root and one arcsine a cell.
    const unit = unitVectors(points);
    const metresBetween = (a: number, b: number): number => {
      const dx = unit[3 * a] - unit[3 * b];
      const dy = unit[3 * a + 1] - unit[3 * b + 1];
      const dz = unit[3 * a + 2] - unit[3 * b + 2];
      return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2)) * detourFactor;
    };
    const square = sources === destinations;
    for (let r = 0; r < sources.length; r++) {
      // A square table is symmetric: each pair is computed once.
      for (let c = square ? r + 1 : 0; c < cols; c++) {
        if (sources[r] === destinations[c]) continue;
        const metres = metresBetween(sources[r], destinations[c]);
        distances[r * cols + c] = Math.round(metres);
        durations[r * cols + c] = Math.round(metres / metresPerSecond);
        if (!square) continue;
        distances[c * cols + r] = distances[r * cols + c];
        durations[c * cols + r] = durations[r * cols + c];
      }
    }
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
