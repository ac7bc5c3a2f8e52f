/** Random removal: takes `count` served clients, chosen uniformly, out whole. */
import type { Rng } from '../rng.js';
import type { Solution } from '../solution.js';
import { removeWhole, repairRoutes } from './remove.js';

export function randomRemoval(sol: Solution, rng: Rng, count: number, removed: number[]): void {
  const since = sol.now();
  const served: number[] = [];
  for (let c = 0; c < sol.pattern.length; c++) if (sol.isServed(c)) served.push(c);
  for (let k = 0; k < count && served.length > 0; k++) {
    const i = rng.int(served.length);
    removeWhole(sol, served[i], removed);
    served[i] = served[served.length - 1];
    served.pop();
  }
  repairRoutes(sol, removed, since);
}
