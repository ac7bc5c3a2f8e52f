import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/solver/rng.js';
import { routeRemoval } from '../../src/solver/ruin/route-removal.js';
import { Solution } from '../../src/solver/solution.js';
import { checkPlan } from '../helpers/check-plan.js';
import { fourPoints, planFor, randomProblem } from '../helpers/instances.js';
import { randomPlan } from './operators/property.js';

describe('routeRemoval', () => {
  it('empties one whole route, up to `count` visits of it', () => {
    const p = fourPoints();
    const plan = planFor(p, [[0, [0, 1, 3]], [1, [2]]], [0, 0, 0, 0]);
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const sol = Solution.load(p, plan);
      const removed: number[] = [];
      routeRemoval(sol, new Rng(seed), 10, removed);
      seen.add(removed.join());
      expect(removed.length === 1 ? sol.routes : sol.routes.map((r) => r.length)).toEqual(removed.length === 1 ? [[0, 1, 3], []] : [0, 1]);
    }
    // The short route goes more often (either draw of it wins), the long one only when drawn twice.
    expect([...seen].sort()).toEqual(['0,1,3', '2']);
    const sol = Solution.load(p, plan);
    const removed: number[] = [];
    routeRemoval(sol, new Rng(1), 2, removed);
    expect(removed.length).toBeLessThanOrEqual(2);
  });

  it('removes clients whole and leaves a valid plan', () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = randomProblem(seed, { clients: 16, days: 3, vehicles: 2, tight: seed % 2 === 1 });
      const rng = new Rng(seed);
      const sol = Solution.load(p, randomPlan(p, rng));
      const removed: number[] = [];
      routeRemoval(sol, rng, 3, removed);
      expect(removed.length).toBeGreaterThan(0);
      for (const c of removed) expect(sol.isServed(c)).toBe(false);
      checkPlan(p, sol.unload());
    }
  });
});
