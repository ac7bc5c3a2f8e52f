import { describe, expect, it } from 'vitest';
import { Inserter } from '../../../src/solver/insertion.js';
import { PatternChange } from '../../../src/solver/operators/pattern-change.js';
import { Solution } from '../../../src/solver/solution.js';
import { planFor, squareTwoDays } from '../../helpers/instances.js';
import { checkClientOperator } from './property.js';

// squareTwoDays: depot (0, 0); client 0 (10, 0) on both days, 1 (10, 10) on day 0 or on day 1
// (penalty 3), 2 (0, 10) on day 1, 3 (−10, 0) optional with prize 50. Edge cost is
// Manhattan + Chebyshev (distanceWeight 1); shift s is day s.
const make = (sol: Solution) => new PatternChange(sol, new Inserter(sol));

describe('PatternChange', () => {
  it('moves a client to its other pattern', () => {
    // Day 0 [0, 1] = 20 + 20 + 30 = 70, day 1 [0, 2, 3] = 20 + 30 + 30 + 20 = 100: 170 − 50 = 120.
    // Client 1 on day 1 after client 0: day 0 [0] = 40, day 1 [0, 1, 2, 3] = 110, penalty 3: 103.
    const p = squareTwoDays();
    const sol = Solution.load(p, planFor(p, [[0, [0, 1]], [1, [0, 2, 3]]], [0, 0, 0, 0]));
    expect(sol.cost()).toBe(120);
    const op = make(sol);
    expect(op.evaluate(1)).toBe(-17);
    op.apply(1);
    expect(sol.routes).toEqual([[0], [0, 1, 2, 3]]);
    expect(Array.from(sol.pattern)).toEqual([0, 1, 0, 0]);
  });

  it('inserts an unserved client when its prize pays for the detour', () => {
    // Day 1 [0, 1, 2] = 80; client 3 after client 2 adds 30 + 20 − 20 = 30 (40 on day 0): 30 − 50 = −20.
    const p = squareTwoDays();
    const sol = Solution.load(p, planFor(p, [[0, [0]], [1, [0, 1, 2]]], [0, 1, 0, -1]));
    const op = make(sol);
    expect(op.evaluate(3)).toBe(-20);
    op.apply(3);
    expect(sol.cost()).toBe(103);
  });

  it('does nothing to a client already at its best', () => {
    const p = squareTwoDays();
    const sol = Solution.load(p, planFor(p, [[0, [0]], [1, [0, 1, 2, 3]]], [0, 1, 0, 1]));
    for (let c = 0; c < 4; c++) expect(make(sol).evaluate(c)).toBeGreaterThanOrEqual(0);
  });

  it('evaluates exactly on random instances', () => {
    const tally = checkClientOperator(make, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tally.improving).toBeGreaterThan(10);
  });

  it('evaluates exactly with excess load priced', () => {
    const tally = checkClientOperator(make, [1, 2, 3, 4], 7);
    expect(tally.improving).toBeGreaterThan(5);
    expect(tally.overloaded).toBeGreaterThan(0);
  });
});
