/**
 * Sub-matrices (some sources × some destinations) and the one place that turns
 * raw cells into a checked `Matrix` or an `UnreachablePointsError`.
 */
import type { Location } from '../contract/common.js';
import { UnreachablePointsError, type UnreachablePoint } from './errors.js';
import type { Matrix, MatrixOptions, TravelTimeSource, TravelTimes } from './travel-times.js';

/** Cell value for "no route between these two points". */
export const UNREACHABLE = -1;

/** Travel times from `sources` to `destinations` (indices into the requested points), row-major. */
export interface Table {
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  /** Metres from each point of the request to the road it was snapped to, by point index. */
  readonly snapMetres: ReadonlyMap<number, number>;
  /** Points that could not be snapped to any road; their cells are UNREACHABLE. */
  readonly unsnapped: ReadonlySet<number>;
}

/** A provider that can compute any rectangle of the matrix, so callers can fetch only what they miss. */
export interface TableTravelTimes extends TravelTimes {
  /** What the numbers depend on besides the points (routing profile, speed), for cache keys. */
  readonly profile: string;
  /** Points snapped farther than this from a road count as unreachable. */
  readonly maxSnapMetres: number;
  /** Cells from each of `sources` to each of `destinations` (distinct indices into `points`). */
  table(points: readonly Location[], sources: readonly number[], destinations: readonly number[], options?: MatrixOptions): Promise<Table>;
}

/** The full n×n cells gathered from one or more tables, before checking. */
export interface RawMatrix {
  readonly size: number;
  readonly durations: Int32Array;
  readonly distances: Int32Array;
  readonly snapMetres: Map<number, number>;
  readonly unsnapped: Set<number>;
}

export function emptyRawMatrix(size: number): RawMatrix {
  return {
    size,
    durations: new Int32Array(size * size).fill(UNREACHABLE),
    distances: new Int32Array(size * size).fill(UNREACHABLE),
    snapMetres: new Map(),
    unsnapped: new Set(),
  };
}

/** Copies a table computed for `sources` × `destinations` into the full matrix. */
export function putTable(raw: RawMatrix, table: Table, sources: readonly number[], destinations: readonly number[]): void {
  const cols = destinations.length;
  sources.forEach((s, r) => {
    destinations.forEach((d, c) => {
      raw.durations[s * raw.size + d] = table.durations[r * cols + c] ?? UNREACHABLE;
      raw.distances[s * raw.size + d] = table.distances[r * cols + c] ?? UNREACHABLE;
    });
  });
  for (const [point, metres] of table.snapMetres) raw.snapMetres.set(point, metres);
  for (const point of table.unsnapped) raw.unsnapped.add(point);
}

/**
 * Points to blame for unreachable cells. A point whose row and column hold more
 * unreachable cells than reachable ones is on an island of its own; when no point
 * stands out (tiny matrices), every point involved is named.
 */
export function pointsWithoutRoute(size: number, durations: Int32Array, exclude: ReadonlySet<number>): number[] {
  if (!durations.includes(UNREACHABLE)) return [];
  const count = new Int32Array(size);
  let any = false;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j || exclude.has(i) || exclude.has(j) || durations[i * size + j] !== UNREACHABLE) continue;
      count[i] = (count[i] ?? 0) + 1;
      count[j] = (count[j] ?? 0) + 1;
      any = true;
    }
  }
  if (!any) return [];
  const others = size - 1 - exclude.size;
  const isolated = [...count.keys()].filter((k) => (count[k] ?? 0) > others);
  return isolated.length > 0 ? isolated : [...count.keys()].filter((k) => (count[k] ?? 0) > 0);
}

/** Checks the gathered cells and returns the matrix, or throws naming every unreachable point. */
export function toMatrix(raw: RawMatrix, source: TravelTimeSource, maxSnapMetres: number): Matrix {
  const bad: UnreachablePoint[] = [];
  for (const index of raw.unsnapped) bad.push({ index, reason: 'no-road-nearby' });
  for (const [index, snapMetres] of raw.snapMetres) {
    if (snapMetres > maxSnapMetres && !raw.unsnapped.has(index)) bad.push({ index, reason: 'snapped-too-far', snapMetres });
  }
  for (const index of pointsWithoutRoute(raw.size, raw.durations, raw.unsnapped)) {
    if (!bad.some((p) => p.index === index)) bad.push({ index, reason: 'no-route' });
  }
  if (bad.length > 0) throw new UnreachablePointsError(bad);
  for (let i = 0; i < raw.size; i++) {
    raw.durations[i * raw.size + i] = 0;
    raw.distances[i * raw.size + i] = 0;
  }
  return { size: raw.size, durations: raw.durations, distances: raw.distances, source };
}
