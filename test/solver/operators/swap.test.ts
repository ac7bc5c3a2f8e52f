import { describe, expect, it } from 'vitest';
import { Swap } from '../../../src/solver/operators/swap.js';
import { Solution } from '../../../src/solver/solution.js';
import { fourPoints, planFor } from '../../helpers/instances.js';
import { checkRouteOperator } from './property.js';

// fourPoints: A = 0 (10, 0), B = 1 (20, 0), C = 2 (0, 10), D = 3 (0, 20); nodes as in relocate.test.ts.
const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe('Swap', () => {
  it('exchanges visits of two routes', () => {
    // [A, D] = 60 and [C, B] = 60 become [A, B] = 40 and [C, D] = 40: −40.
    const p = fourPoints();
    const sol = Solution.load(p, planFor(p, [[0, [A, D]], [1, [C, B]]], [0, 0, 0, 0]));
    const op = new Swap(sol);
    expect(op.evaluate(D, B)).toBe(-40);
    op.apply(D, B);
    expect(sol.routes).toEqual([[A, B], [C, D]]);
  });

  it('exchanges neighbours within a route', () => {
    // [A, C, D, B] = 100 becomes [C, A, D, B] = 10 + 20 + 30 + 40 + 20 = 120: +20.
    const p = fourPoints();
    const sol = Solution.load(p, planFor(p, [[0, [A, C, D, B]]], [0, 0, 0, 0]));
    expect(new Swap(sol).evaluate(A, C)).toBe(20);
    expect(new Swap(sol).evaluate(C, A)).toBe(20);
  });

  it('refuses route starts and a swap that overloads a vehicle', () => {
    // Demands A 3, B 5, C 1, D 1 with capacity 6: [A, B] would carry 8.
    const p = fourPoints({ capacity: 6 }, [3, 5, 1, 1]);
    const sol = Solution.load(p, planFor(p, [[0, [A, D]], [1, [C, B]]], [0, 0, 0, 0]));
    expect(new Swap(sol).evaluate(D, B)).toBe(Infinity);
    expect(new Swap(sol).evaluate(D, 4)).toBe(Infinity);
    expect(new Swap(sol).evaluate(D, D)).toBe(Infinity);
  });

  it('evaluates exactly on random instances', () => {
    const tally = checkRouteOperator((sol) => new Swap(sol), [1, 2, 3, 4]);
    expect(tally.improving).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it('evaluates exactly with excess load priced', () => {
    const tally = checkRouteOperator((sol) => new Swap(sol), [1, 2, 3, 4], 300, 7);
    expect(tally.improving).toBeGreaterThan(10);
    expect(tally.overloaded).toBeGreaterThan(0);
  });
});
