import { describe, expect, it } from 'vitest';
import { TwoOpt } from '../../../src/solver/operators/two-opt.js';
import { Solution } from '../../../src/solver/solution.js';
import { fourPoints, makeProblem, planFor } from '../../helpers/instances.js';
import { checkRouteOperator } from './property.js';

// fourPoints: A = 0 (10, 0), B = 1 (20, 0), C = 2 (0, 10), D = 3 (0, 20); nodes as in relocate.test.ts.
const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe('TwoOpt', () => {
  // [A, C, B, D] costs 10 + 20 + 30 + 40 + 20 = 120.
  const load = () => {
    const p = fourPoints();
    return Solution.load(p, planFor(p, [[0, [A, C, B, D]], [1, []]], [0, 0, 0, 0]));
  };

  it('reverses the visits between two visits', () => {
    // Reversing C, B gives [A, B, C, D] = 10 + 10 + 30 + 10 + 20 = 80: −40.
    const sol = load();
    const op = new TwoOpt(sol);
    expect(op.evaluate(A, B)).toBe(-40);
    op.apply(A, B);
    expect(sol.routes[0]).toEqual([A, B, C, D]);
  });

  it('reverses a prefix when paired with the route start', () => {
    // [C, A, B, D] = 10 + 20 + 10 + 40 + 20 = 100: −20.
    expect(new TwoOpt(load()).evaluate(C, 4)).toBe(-20);
  });

  it('re-costs the reversed segment when travel is asymmetric', () => {
    // Going from a higher to a lower location index costs 5 more. Clients 0..2 at x = 10, 20, 30
    // (locations 1..3). [0, 2, 1]: 10 + 20 + (10+5) + (20+5) = 70. Reversing 2, 1 gives
    // [0, 1, 2]: 10 + 10 + 10 + (30+5) = 65: −5.
    const p = makeProblem({ clients: [{ at: [10, 0] }, { at: [20, 0] }, { at: [30, 0] }], asymmetry: 5 });
    const sol = Solution.load(p, planFor(p, [[0, [0, 2, 1]]], [0, 0, 0]));
    expect(sol.cost()).toBe(70);
    expect(new TwoOpt(sol).evaluate(0, 1)).toBe(-5);
  });

  it('refuses visits of different routes and segments shorter than two', () => {
    const p = fourPoints();
    const sol = Solution.load(p, planFor(p, [[0, [A, C]], [1, [B, D]]], [0, 0, 0, 0]));
    expect(new TwoOpt(sol).evaluate(A, B)).toBe(Infinity);
    expect(new TwoOpt(sol).evaluate(A, C)).toBe(Infinity);
  });

  it('evaluates exactly on random instances', () => {
    const tally = checkRouteOperator((sol) => new TwoOpt(sol), [1, 2, 3, 4], 400);
    expect(tally.evaluated).toBeGreaterThan(20);
  });

  it('evaluates exactly with excess load priced', () => {
    const tally = checkRouteOperator((sol) => new TwoOpt(sol), [1, 2, 3, 4], 400, 7);
    expect(tally.evaluated).toBeGreaterThan(20);
  });
});
