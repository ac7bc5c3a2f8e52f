import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/solver/rng.js';
import { Workspace } from '../../src/solver/ruin-recreate.js';
import { nearestClients } from '../../src/solver/neighbours.js';
import { Solution } from '../../src/solver/solution.js';
import { checkPlan } from '../helpers/check-plan.js';
import { randomProblem } from '../helpers/instances.js';
import { randomPlan } from './operators/property.js';

/** Runs the local search from a random plan with every delta checked; the result must be valid and better. */
function improvesWithCheckedDeltas(seed: number, options: { neighbours: number; granularFrom: number; fixedCost?: number }): void {
  const p = randomProblem(seed, { clients: 20, days: 3, vehicles: 2, tight: seed % 2 === 1, optionalCap: 4, ...(options.fixedCost ? { fixedCost: options.fixedCost } : {}) });
  const start = randomPlan(p, new Rng(seed));
  const w = new Workspace(p, nearestClients(p, options.neighbours), options.granularFrom);
  w.sol.copyFrom(Solution.load(p, start));
  w.ls.checkDeltas = true;
  w.ls.run(new Rng(seed));
  const plan = w.sol.unload();
  checkPlan(p, plan);
  expect(plan.cost.total).toBeLessThan(start.cost.total);
}

describe('LocalSearch', () => {
  it.each([1, 2, 3, 4])('improves a random solution with checked deltas, seed %i', (seed) => {
    improvesWithCheckedDeltas(seed, { neighbours: 8, granularFrom: 100 });
  });

  it.each([1, 2, 3, 4])('keeps its deltas exact with granular insertion and fixed costs, seed %i', (seed) => {
    improvesWithCheckedDeltas(seed, { neighbours: 4, granularFrom: 0, fixedCost: 30 });
  });

  it('moves nothing when every operator is left out', () => {
    const p = randomProblem(5, { clients: 20, days: 3, vehicles: 2, optionalCap: 4 });
    const start = randomPlan(p, new Rng(5));
    const without = ['relocate', 'swap', 'or-opt-2', 'or-opt-3', 'two-opt', 'two-opt-star', 'pattern-change', 'day-swap', 'replace', 'optional-ejection'];
    const idle = new Workspace(p, nearestClients(p, 8), 100, without);
    idle.sol.copyFrom(Solution.load(p, start));
    idle.ls.run(new Rng(5));
    expect(idle.sol.unload()).toEqual(start);
    const busy = new Workspace(p, nearestClients(p, 8), 100, without.slice(1));
    busy.sol.copyFrom(Solution.load(p, start));
    busy.ls.run(new Rng(5));
    expect(busy.sol.cost()).toBeLessThan(start.cost.total);
  });
});
