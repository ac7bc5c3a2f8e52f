/**
 * Route removal: empties a short route of a random day, taking its clients
 * out whole, so that recreate can try to do without that route. Of two used
 * routes drawn at random, the one with fewer visits goes. Stops at `count`
 * clients when the route is longer.
 */
import type { Rng } from '../rng.js';
import type { Solution } from '../solution.js';
import { removeWhole, repairRoutes } from './remove.js';

export function routeRemoval(sol: Solution, rng: Rng, count: number, removed: number[]): void {
  const since = sol.now();
  const used: number[] = [];
  sol.routes.forEach((r, s) => {
    if (r.length > 0) used.push(s);
  });
  if (used.length === 0) return;
  const a = used[rng.int(used.length)];
  const b = used[rng.int(used.length)];
  const pick = sol.routes[b].length < sol.routes[a].length ? b : a;
  const visits = sol.routes[pick].slice(0, Math.max(count, 1));
  for (const c of visits) removeWhole(sol, c, removed);
  repairRoutes(sol, removed, since);
}
