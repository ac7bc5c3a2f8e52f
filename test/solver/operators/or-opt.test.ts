import { describe, expect, it } from 'vitest';
import { orOpt } from '../../../src/solver/operators/or-opt.js';
import { Solution } from '../../../src/solver/solution.js';
import { fourPoints, planFor } from '../../helpers/instances.js';
import { checkRouteOperator } from './property.js';

// fourPoints: A = 0 (10, 0), B = 1 (20, 0), C = 2 (0, 10), D = 3 (0, 20); nodes as in relocate.test.ts.
const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe('or-opt', () => {
  // [A, C, D, B] costs 10 + 20 + 10 + 40 + 20 = 100; shift 1 is empty.
  const load = () => {
    const p = fourPoints();
    return Solution.load(p, planFor(p, [[0, [A, C, D, B]]], [0, 0, 0, 0]));
  };

  it('moves two visits later in the route', () => {
    // [A, B, C, D] = 10 + 10 + 30 + 10 + 20 = 80: −20.
    const sol = load();
    const op = orOpt(sol, 2);
    expect(op.evaluate(C, B)).toBe(-20);
    op.apply(C, B);
    expect(sol.routes[0]).toEqual([A, B, C, D]);
  });

  it('moves three visits, and into an empty route', () => {
    // [B, A, C, D] = 20 + 10 + 20 + 10 + 20 = 80: −20.
    expect(orOpt(load(), 3).evaluate(A, B)).toBe(-20);
    // [A, B] = 40 (−60) and the empty route gets [C, D] = 40: −20.
    const sol = load();
    const op = orOpt(sol, 2);
    expect(op.evaluate(C, 5)).toBe(-20);
    op.apply(C, 5);
    expect(sol.routes).toEqual([[A, B], [C, D]]);
  });

  it('refuses segments that run past the route or contain the target', () => {
    expect(orOpt(load(), 2).evaluate(B, A)).toBe(Infinity);
    expect(orOpt(load(), 3).evaluate(A, C)).toBe(Infinity);
  });

  it('evaluates exactly on random instances', () => {
    for (const length of [2, 3] as const) {
      const tally = checkRouteOperator((sol) => orOpt(sol, length), [5, 6, 7, 8]);
      expect(tally.improving).toBeGreaterThan(5);
    }
  });

  it('evaluates exactly with excess load priced', () => {
    for (const length of [2, 3] as const) {
      const tally = checkRouteOperator((sol) => orOpt(sol, length), [1, 2, 3, 4], 300, 7);
      expect(tally.improving).toBeGreaterThan(5);
      expect(tally.overloaded).toBeGreaterThan(0);
    }
  });
});
