import { describe, expect, it } from 'vitest';
import { Relocate } from '../../../src/solver/operators/relocate.js';
import { Solution } from '../../../src/solver/solution.js';
import { fourPoints, planFor } from '../../helpers/instances.js';
import { checkRouteOperator } from './property.js';

// fourPoints: A = 0 (10, 0), B = 1 (20, 0), C = 2 (0, 10), D = 3 (0, 20); one day, so the
// node of client c is c and the start of shift s is node 4 + s. Manhattan travel.
const A = 0;
const B = 1;
const C = 2;
const D = 3;
const start = (s: number) => 4 + s;

describe('Relocate', () => {
  // [A, D] costs 10 + 30 + 20 = 60 and [C, B] costs 10 + 30 + 20 = 60.
  const load = (shift = {}) => {
    const p = fourPoints(shift);
    return Solution.load(p, planFor(p, [[0, [A, D]], [1, [C, B]]], [0, 0, 0, 0]));
  };

  it('moves a visit to another route', () => {
    // [A, B, D] = 10 + 10 + 40 + 20 = 80 (+20) and [C] = 20 (−40): −20.
    const sol = load();
    const op = new Relocate(sol);
    expect(op.evaluate(B, A)).toBe(-20);
    op.apply(B, A);
    expect(sol.routes).toEqual([[A, B, D], [C]]);
    expect(sol.cost()).toBe(100);
  });

  it('moves a visit to the start of a route', () => {
    // [D, A] = 20 + 30 + 10 = 60: no change.
    const sol = load();
    expect(new Relocate(sol).evaluate(D, start(0))).toBe(0);
    // [B, C] = 20 + 30 + 10 = 60 as well; [A, D] loses nothing.
    expect(new Relocate(sol).evaluate(B, start(1))).toBe(0);
  });

  it('refuses moves that change nothing or break a limit', () => {
    const sol = load();
    expect(new Relocate(sol).evaluate(A, start(0))).toBe(Infinity);
    expect(new Relocate(sol).evaluate(D, A)).toBe(Infinity);
    expect(new Relocate(load({ maxVisits: 2 })).evaluate(B, A)).toBe(Infinity);
  });

  it('evaluates exactly on random instances', () => {
    const tally = checkRouteOperator((sol) => new Relocate(sol), [1, 2, 3, 4]);
    expect(tally.improving).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it('evaluates exactly with excess load priced', () => {
    const tally = checkRouteOperator((sol) => new Relocate(sol), [1, 2, 3, 4], 300, 7);
    expect(tally.improving).toBeGreaterThan(10);
    expect(tally.overloaded).toBeGreaterThan(0);
  });
});
