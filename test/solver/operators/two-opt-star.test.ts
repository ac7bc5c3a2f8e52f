import { describe, expect, it } from 'vitest';
import { TwoOptStar } from '../../../src/solver/operators/two-opt-star.js';
import { Solution } from '../../../src/solver/solution.js';
import { fourPoints, planFor } from '../../helpers/instances.js';
import { checkRouteOperator } from './property.js';

// fourPoints: A = 0 (10, 0), B = 1 (20, 0), C = 2 (0, 10), D = 3 (0, 20); nodes as in relocate.test.ts.
const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe('TwoOptStar', () => {
  // [A, D] = 10 + 30 + 20 = 60 and [C, B] = 10 + 30 + 20 = 60.
  const load = () => {
    const p = fourPoints();
    return Solution.load(p, planFor(p, [[0, [A, D]], [1, [C, B]]], [0, 0, 0, 0]));
  };

  it('exchanges the tails after two visits', () => {
    // [A, B] = 40 and [C, D] = 40: −40.
    const sol = load();
    const op = new TwoOptStar(sol);
    expect(op.evaluate(A, C)).toBe(-40);
    op.apply(A, C);
    expect(sol.routes).toEqual([[A, B], [C, D]]);
  });

  it('hands a whole route over when paired with a route start', () => {
    // After A, take route 1 whole: [A, C, B] = 10 + 20 + 30 + 20 = 80; route 1 gets [D] = 40: 0.
    expect(new TwoOptStar(load()).evaluate(A, 5)).toBe(0);
    // After D (the end), take route 1 whole: [A, D, C, B] = 10 + 30 + 10 + 30 + 20 = 100 and an
    // empty route: −20.
    const sol = load();
    const op = new TwoOptStar(sol);
    expect(op.evaluate(D, 5)).toBe(-20);
    op.apply(D, 5);
    expect(sol.routes).toEqual([[A, D, C, B], []]);
  });

  it('refuses one route, empty exchanges and overloads', () => {
    expect(new TwoOptStar(load()).evaluate(A, D)).toBe(Infinity);
    expect(new TwoOptStar(load()).evaluate(D, B)).toBe(Infinity);
    const p = fourPoints({ maxVisits: 2 });
    const sol = Solution.load(p, planFor(p, [[0, [A, D]], [1, [C, B]]], [0, 0, 0, 0]));
    expect(new TwoOptStar(sol).evaluate(D, 5)).toBe(Infinity);
  });

  it('evaluates exactly on random instances', () => {
    const tally = checkRouteOperator((sol) => new TwoOptStar(sol), [1, 2, 3, 4]);
    expect(tally.improving).toBeGreaterThan(5);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it('evaluates exactly with excess load priced', () => {
    const tally = checkRouteOperator((sol) => new TwoOptStar(sol), [1, 2, 3, 4], 300, 7);
    expect(tally.improving).toBeGreaterThan(5);
    expect(tally.overloaded).toBeGreaterThan(0);
  });
});
