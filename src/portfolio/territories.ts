/**
 * Splitting a portfolio between reps by geography: recursive bisection of
 * the territory across its longer side, each cut placed where the workload
 * (visit and driving hours) divides in proportion to the reps on each side.
 * Territories come out compact and balanced, and the same input always gives
 * the same split.
 */
import type { Plane } from './geometry.js';

/** `count` groups of account indices; no group is empty while there are at least `count` accounts. */
export function bisect(plane: Plane, weights: Float64Array, count: number): number[][] {
  const all = Array.from(weights, (_, i) => i);
  return split(plane, weights, all, Math.max(1, count));
}

function split(plane: Plane, weights: Float64Array, indices: number[], count: number): number[][] {
  if (count === 1) return [indices];
  const left = Math.floor(count / 2);
  const right = count - left;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const i of indices) {
    minX = Math.min(minX, plane.xs[i]);
    maxX = Math.max(maxX, plane.xs[i]);
    minY = Math.min(minY, plane.ys[i]);
    maxY = Math.max(maxY, plane.ys[i]);
  }
  const coord = maxX - minX >= maxY - minY ? plane.xs : plane.ys;
  const sorted = [...indices].sort((a, b) => coord[a] - coord[b] || a - b);
  const total = sorted.reduce((s, i) => s + weights[i], 0);
  let cut = 0;
  let acc = 0;
  while (cut < sorted.length && acc + weights[sorted[cut] ?? 0] / 2 < (total * left) / count) acc += weights[sorted[cut++] ?? 0];
  // Each side keeps at least as many accounts as it has reps.
  cut = Math.max(Math.min(left, sorted.length), Math.min(cut, sorted.length - Math.min(right, sorted.length)));
  return [...split(plane, weights, sorted.slice(0, cut), left), ...split(plane, weights, sorted.slice(cut), right)];
}
