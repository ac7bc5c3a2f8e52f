/**
 * Granular neighbourhoods: for each client, the `k` other clients closest to
 * it by edge cost (the cheaper direction), nearest first, ties to the lower
 * index. Moves only pair a visit with its neighbours' visits of the same day
 * and with the route starts of that day.
 */
import type { Problem } from './problem.js';

export function nearestClients(problem: Problem, k: number): Int32Array[] {
  const { clients } = problem;
  const count = clients.length;
  const size = Math.min(k, count - 1);
  if (size <= 0) return clients.map(() => new Int32Array(0));
  const { durations, distances, distanceWeight: w, numLocations: n } = problem;
  const location = Int32Array.from(clients, (c) => c.location);
  // Per client, the best `size` so far, kept sorted: one pass over the pairs instead of sorting them all.
  const best = new Int32Array(count * size);
  const cost = new Float64Array(count * size).fill(Infinity);
  const held = new Int32Array(count);
  const offer = (i: number, j: number, d: number): void => {
    const base = i * size;
    if (held[i] === size && d >= cost[base + size - 1]) return;
    let at = held[i] < size ? held[i]++ : size - 1;
    // Pairs come in increasing j for each i, so equal costs stay ordered by index.
    while (at > 0 && cost[base + at - 1] > d) {
      best[base + at] = best[base + at - 1];
      cost[base + at] = cost[base + at - 1];
      at--;
    }
    best[base + at] = j;
    cost[base + at] = d;
  };
  for (let i = 0; i < count; i++) {
    const a = location[i];
    for (let j = i + 1; j < count; j++) {
      const b = location[j];
      // The edge cost (cost.ts) of the cheaper direction: the same for both clients.
      const d = Math.min(durations[a * n + b] + w * distances[a * n + b], durations[b * n + a] + w * distances[b * n + a]);
      offer(i, j, d);
      offer(j, i, d);
    }
  }
  return clients.map((_, i) => best.slice(i * size, i * size + held[i]));
}
