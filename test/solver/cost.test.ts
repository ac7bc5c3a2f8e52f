import { describe, expect, it } from 'vitest';
import { clientCost, edgeCost, evaluatePlan, routeCost } from '../../src/solver/cost.js';
import { lineOfThree, squareTwoDays } from '../helpers/instances.js';

// squareTwoDays: depot (0, 0); clients 0 (10, 0), 1 (10, 10), 2 (0, 10), 3 (−10, 0);
// duration Manhattan, distance Chebyshev, distanceWeight 1.
describe('cost', () => {
  const p = squareTwoDays();

  it('costs an edge as duration plus weighted distance', () => {
    // Depot (location 0) to client 1 (location 2): 20 + 10.
    expect(edgeCost(p, 0, 2)).toBe(30);
  });

  it('costs a route with its return, and an empty route as nothing', () => {
    // 0 → (10, 0) → (10, 10) → 0: durations 10 + 10 + 20, distances 10 + 10 + 10.
    expect(routeCost(p, 0, [0, 1], 2)).toBe(70);
    expect(routeCost(p, 0, [], 0)).toBe(0);
  });

  it('charges patterns and misses, and credits prizes', () => {
    expect(clientCost(p, 1, 1)).toBe(3);
    expect(clientCost(p, 0, -1)).toBe(5000);
    expect(clientCost(p, 3, 0)).toBe(-50);
  });

  it('breaks a plan down', () => {
    // Day 0 [0]: 20 + 20. Day 1 [0, 2]: durations 10 + 20 + 10 = 40, distances 10 + 10 + 10 = 30.
    // Client 1 missed (10 000), client 3 missed (0).
    const cost = evaluatePlan(p, { routes: [{ shift: 0, visits: [0] }, { shift: 1, visits: [0, 2] }], patterns: [0, -1, 0, -1] });
    expect(cost).toEqual({ travel: 60, distance: 50, penalty: 10_000, prize: 0, total: 10_110 });
  });

  it('adds the fixed cost of each used route', () => {
    const q = lineOfThree({ fixedCost: 100 });
    // [0, 1] travels 10 + 10 + 20 = 40, plus 100; an empty route costs nothing.
    expect(routeCost(q, 0, [0, 1], 2)).toBe(140);
    expect(routeCost(q, 0, [], 0)).toBe(0);
    const cost = evaluatePlan(q, { routes: [{ shift: 0, visits: [0, 1, 2] }], patterns: [0, 0, 0] });
    expect(cost).toEqual({ travel: 60, distance: 60, fixed: 100, penalty: 0, prize: 0, total: 160 });
  });
});
