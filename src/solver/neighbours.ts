/**
 * Granular neighbourhoods: for each client, the `k` other clients closest to
 * it by edge cost (the cheaper direction). Moves only pair a visit with its
 * neighbours' visits of the same day and with the route starts of that day.
 */
import { edgeCost } from './cost.js';
import type { Problem } from './problem.js';

export function nearestClients(problem: Problem, k: number): Int32Array[] {
  const { clients } = problem;
  return clients.map((c, i) => {
    const others: number[] = [];
    const dist = new Float64Array(clients.length);
    clients.forEach((o, j) => {
      if (j === i) return;
      dist[j] = Math.min(edgeCost(problem, c.location, o.location), edgeCost(problem, o.location, c.location));
      others.push(j);
    });
    others.sort((a, b) => dist[a] - dist[b] || a - b);
    return Int32Array.from(others.slice(0, k));
  });
}
