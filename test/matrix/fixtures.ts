/** Deterministic points and expected values for the travel-time tests. */
import type { Location } from '../../src/contract/common.js';
import { roadModel, type Coordinate } from '../helpers/osrm-server.js';

/** `count` distinct points around Rennes, the same for a given seed. */
export function pointsNearRennes(count: number, seed = 1): Location[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => ({
    lat: Math.round((48.0 + next() * 0.3) * 1e6) / 1e6,
    lon: Math.round((-1.9 + next() * 0.4) * 1e6) / 1e6,
  }));
}

const at = (p: Location): Coordinate => [p.lon, p.lat];

/** The matrix the stub's road model gives, rounded to whole seconds and metres as the client does. */
export function expectedMatrix(points: readonly Location[]): { durations: Int32Array; distances: Int32Array } {
  const n = points.length;
  const durations = new Int32Array(n * n);
  const distances = new Int32Array(n * n);
  points.forEach((a, i) => {
    points.forEach((b, j) => {
      durations[i * n + j] = Math.round(roadModel.duration(at(a), at(b)));
      distances[i * n + j] = Math.round(roadModel.distance(at(a), at(b)));
    });
  });
  return { durations, distances };
}

/** Instant backoff for tests; records the requested delays. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

/** Index of the first differing cell, -1 when equal (fast for million-cell matrices). */
export function firstDifference(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
