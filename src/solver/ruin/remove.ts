/**
 * Removing whole clients. Removing a visit can only make a route infeasible
 * when travel breaks the triangle inequality; any route left infeasible is
 * emptied, so the solution stays valid.
 */
import { isFeasibleRoute } from '../schedule.js';
import type { Solution } from '../solution.js';

/** Removes `client` (all its visits) and records it in `removed`. */
export function removeWhole(sol: Solution, client: number, removed: number[]): void {
  if (!sol.isServed(client)) return;
  sol.removeClient(client);
  removed.push(client);
}

/**
 * Empties every route changed after clock `since` (see `Solution.now`) that
 * is no longer feasible, removing its clients whole.
 */
export function repairRoutes(sol: Solution, removed: number[], since: number): void {
  let changed = true;
  while (changed) {
    changed = false;
    sol.routes.forEach((route, s) => {
      if (route.length === 0 || sol.routeStamp[s] <= since) return;
      if (isFeasibleRoute(sol.problem, s, route, route.length, sol.proposal.softLoad)) return;
      for (const c of [...route]) removeWhole(sol, c, removed);
      changed = true;
    });
  }
}
