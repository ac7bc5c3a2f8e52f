import { describe, expect, it } from 'vitest';
import { routeCost } from '../../src/solver/cost.js';
import { Inserter, type PatternChoice } from '../../src/solver/insertion.js';
import { nearestClients } from '../../src/solver/neighbours.js';
import { Rng } from '../../src/solver/rng.js';
import { isFeasibleRoute } from '../../src/solver/schedule.js';
import { Solution } from '../../src/solver/solution.js';
import { randomProblem } from '../helpers/instances.js';
import { randomPlan } from './operators/property.js';

/**
 * What inserting `client` at `pos` of the route of `shift` would cost, and
 * whether that route is feasible, rebuilt from scratch.
 */
function insertionFromScratch(sol: Solution, client: number, shift: number, pos: number): { cost: number; feasible: boolean } {
  const p = sol.problem;
  const route = sol.routes[shift];
  const next = [...route.slice(0, pos), client, ...route.slice(pos)];
  const load = (visits: readonly number[]) => visits.reduce((sum, c) => sum + p.clients[c].demand, 0);
  const excess = (visits: readonly number[]) => Math.max(0, load(visits) - p.shifts[shift].capacity);
  const cost = routeCost(p, shift, next, next.length) - routeCost(p, shift, route, route.length)
    + sol.loadWeight * (excess(next) - excess(route));
  return { cost, feasible: isFeasibleRoute(p, shift, next, next.length, sol.loadWeight > 0) };
}

describe('Inserter', () => {
  // The insertion cache keeps results across changes to other routes; whatever it answers
  // must still be a feasible place at exactly the cost it claims.
  it.each([
    [1, 0],
    [2, 0],
    [3, 5],
    [4, 5],
  ])('answers only feasible places at their exact cost while routes change, seed %i, load price %i', (seed, loadWeight) => {
    const p = randomProblem(seed, { clients: 30, days: 2, vehicles: 3, tight: seed % 2 === 1, capacity: 10 });
    const rng = new Rng(seed);
    const sol = Solution.load(p, randomPlan(p, rng));
    if (loadWeight > 0) sol.setLoadWeight(loadWeight);
    const inserter = new Inserter(sol, { lists: nearestClients(p, 5), from: 0 });
    const choice: PatternChoice = { pattern: -1, cost: 0, second: 0 };
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      // A new load price must not leave costs priced at the old one.
      if (loadWeight > 0 && round % 10 === 9) sol.setLoadWeight(loadWeight * (2 + rng.int(3)));
      const c = rng.int(p.clients.length);
      sol.removeClient(c);
      inserter.insertClient(c, inserter.choose(c, false, choice).pattern);
      for (let x = 0; x < p.clients.length; x++) {
        for (let d = 0; d < p.numDays; d++) {
          if (sol.shiftOf[x * p.numDays + d] >= 0) continue;
          const cost = inserter.bestOnDay(x, d);
          if (cost === Infinity) continue;
          const fresh = insertionFromScratch(sol, x, inserter.shift, inserter.pos);
          expect(fresh.feasible).toBe(true);
          expect(cost).toBeCloseTo(fresh.cost, 6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
