/**
 * String removal: picks a served client, one of its visits' routes, and
 * removes a string of consecutive visits around it; then does the same in
 * the routes of the seed's nearest neighbours on that day, until `count`
 * clients are out. Clients are removed whole (all their days), which keeps
 * the spatial locality of the ruin on the seed's day.
 */
import type { Rng } from '../rng.js';
import type { Solution } from '../solution.js';
import { removeWhole, repairRoutes } from './remove.js';

const MAX_STRING = 10;

export function stringRemoval(
  sol: Solution,
  rng: Rng,
  count: number,
  neighbours: readonly Int32Array[],
  removed: number[],
): void {
  const since = sol.now();
  const served: number[] = [];
  for (let c = 0; c < sol.pattern.length; c++) if (sol.isServed(c)) served.push(c);
  if (served.length === 0) return;
  const seed = served[rng.int(served.length)];
  const D = sol.problem.numDays;
  const days = sol.problem.clients[seed].patterns[sol.pattern[seed]].days;
  const day = days[rng.int(days.length)];
  const start = removed.length;
  const ruined = new Set<number>();
  for (const c of [seed, ...neighbours[seed]]) {
    if (removed.length - start >= count) break;
    const s = sol.shiftOf[c * D + day];
    if (s < 0 || ruined.has(s)) continue;
    ruined.add(s);
    const route = sol.routes[s];
    const length = rng.between(1, Math.min(route.length, MAX_STRING, count - (removed.length - start)));
    const at = route.indexOf(c);
    const first = Math.max(0, Math.min(at - rng.int(length), route.length - length));
    for (const x of route.slice(first, first + length)) removeWhole(sol, x, removed);
  }
  repairRoutes(sol, removed, since);
}
