/**
 * Accounts on a local plane, in kilometres, and their nearest neighbours.
 * The equirectangular projection around the portfolio's reference point is
 * within 1 % of the great-circle distance over a few hundred kilometres,
 * which is all a rep's territory spans, and makes distances a hypot.
 */
import type { Location } from '../contract/common.js';

const EARTH_RADIUS_KM = 6371;
const RADIANS = Math.PI / 180;

export interface Plane {
  /** x (east) and y (north) of each point, km from the origin. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

export function project(points: readonly Location[], origin: Location): Plane {
  const kx = EARTH_RADIUS_KM * RADIANS * Math.cos(origin.lat * RADIANS);
  const ky = EARTH_RADIUS_KM * RADIANS;
  const xs = new Float64Array(points.length);
  const ys = new Float64Array(points.length);
  points.forEach((p, i) => {
    xs[i] = (p.lon - origin.lon) * kx;
    ys[i] = (p.lat - origin.lat) * ky;
  });
  return { xs, ys };
}

export function distanceKm(plane: Plane, i: number, x: number, y: number): number {
  return Math.hypot(plane.xs[i] - x, plane.ys[i] - y);
}

/** Each point's k nearest other points, nearest first, in one flat array (k per point). */
export interface Neighbours {
  readonly k: number;
  readonly indices: Int32Array;
  /** Distance to the k-th nearest, km. */
  readonly radius: Float64Array;
}

/**
 * k nearest neighbours on a uniform grid of about k points per cell: each
 * point searches rings of cells outwards until no closer point can remain.
 * O(n·k) for spread points.
 */
export function nearest(plane: Plane, wanted: number): Neighbours {
  const n = plane.xs.length;
  const k = Math.max(0, Math.min(wanted, n - 1));
  const { xs, ys } = plane;
  const grid = buildGrid(plane, k);
  const { nx, ny, start, order, size } = grid;
  const indices = new Int32Array(n * k);
  const radius = new Float64Array(n);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let found = 0;
    const cx = grid.cellX(xs[i]);
    const cy = grid.cellY(ys[i]);
    const maxRing = Math.max(nx, ny);
    for (let ring = 0; ring <= maxRing; ring++) {
      // Points of ring r and beyond are at least (r − 1) cells away.
      if (found === k && bestD[k - 1] <= (ring - 1) * size) break;
      for (let y = Math.max(0, cy - ring); y <= Math.min(ny - 1, cy + ring); y++) {
        // Whole rows at the ring's top and bottom, only its two ends in between.
        const step = y === cy - ring || y === cy + ring ? 1 : 2 * ring;
        for (let x = cx - ring; x <= cx + ring; x += step) {
          if (x < 0 || x >= nx) continue;
          const c = y * nx + x;
          for (let p = start[c]; p < start[c + 1]; p++) {
            const j = order[p];
            if (j === i) continue;
            const d = Math.hypot(xs[j] - xs[i], ys[j] - ys[i]);
            if (found === k && d >= bestD[k - 1]) continue;
            let at = found < k ? found++ : k - 1;
            while (at > 0 && bestD[at - 1] > d) {
              bestD[at] = bestD[at - 1];
              bestI[at] = bestI[at - 1];
              at--;
            }
            bestD[at] = d;
            bestI[at] = j;
          }
        }
      }
    }
    indices.set(bestI.subarray(0, k), i * k);
    radius[i] = k === 0 ? 0 : bestD[k - 1];
  }
  return { k, indices, radius };
}

/** Points bucketed by cell: the points of cell c are `order[start[c]]` to `order[start[c + 1] − 1]`. */
interface Grid {
  readonly size: number;
  readonly nx: number;
  readonly ny: number;
  readonly start: Int32Array;
  readonly order: Int32Array;
  cellX(x: number): number;
  cellY(y: number): number;
}

/** A counting sort of the points into cells of about k points each. */
function buildGrid(plane: Plane, k: number): Grid {
  const n = plane.xs.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, plane.xs[i]);
    maxX = Math.max(maxX, plane.xs[i]);
    minY = Math.min(minY, plane.ys[i]);
    maxY = Math.max(maxY, plane.ys[i]);
  }
  const width = Math.max(maxX - minX, 1e-3);
  const height = Math.max(maxY - minY, 1e-3);
  // About k points per cell, and at most 4096 cells a side.
  const size = Math.max(Math.sqrt((width * height * Math.max(k, 1)) / Math.max(n, 1)), width / 4095, height / 4095, 1e-3);
  const nx = Math.floor(width / size) + 1;
  const ny = Math.floor(height / size) + 1;
  const cellX = (x: number) => Math.min(nx - 1, Math.floor((x - minX) / size));
  const cellY = (y: number) => Math.min(ny - 1, Math.floor((y - minY) / size));
  const start = new Int32Array(nx * ny + 1);
  for (let i = 0; i < n; i++) start[cellY(plane.ys[i]) * nx + cellX(plane.xs[i]) + 1]++;
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellY(plane.ys[i]) * nx + cellX(plane.xs[i])]++] = i;
  return { size, nx, ny, start, order, cellX, cellY };
}

/** The point at (x, y) km of a plane projected around `origin`. */
export function unproject(x: number, y: number, origin: Location): Location {
  const kx = EARTH_RADIUS_KM * RADIANS * Math.cos(origin.lat * RADIANS);
  const ky = EARTH_RADIUS_KM * RADIANS;
  return { lat: Math.round((origin.lat + y / ky) * 1e5) / 1e5, lon: Math.round((origin.lon + x / kx) * 1e5) / 1e5 };
}
