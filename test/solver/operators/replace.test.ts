import { describe, expect, it } from 'vitest';
import { Inserter } from '../../../src/solver/insertion.js';
import { Replace } from '../../../src/solver/operators/replace.js';
import { Solution } from '../../../src/solver/solution.js';
import { makeProblem, planFor } from '../../helpers/instances.js';
import { checkClientOperator } from './property.js';

const make = (sol: Solution) => new Replace(sol, new Inserter(sol));

// One day that ends at 50. Depot (0, 0); client 0 at (10, 0) and client 1 at (0, 10), 20 s of
// service each. Either fits alone (out 10, serve 20, back 10 = 40); both need 80 > 50. Client 0
// misses for 10,000, client 1 for 3,000. Edge cost: Manhattan travel (distanceWeight 0).
const day = () => makeProblem({
  shift: { latestEnd: 50 },
  clients: [
    { at: [10, 0], service: 20, missPenalty: 10_000 },
    { at: [0, 10], service: 20, missPenalty: 3_000 },
  ],
});

describe('Replace', () => {
  it('gives the place of a less important visit to a more important one', () => {
    // Now [1]: 20 travel + 10,000 missed = 10,020. After [0]: 20 travel + 3,000 missed = 3,020.
    const p = day();
    const sol = Solution.load(p, planFor(p, [[0, [1]]], [-1, 0]));
    const op = make(sol);
    expect(op.evaluate(0)).toBe(-7000);
    op.apply(0);
    expect(sol.routes).toEqual([[0]]);
    expect(Array.from(sol.pattern)).toEqual([0, -1]);
    expect(sol.cost()).toBe(3020);
  });

  it('never gives a place to a less important visit, and leaves served clients be', () => {
    // Client 1 in client 0's place would cost 7,000 more: no move.
    const p = day();
    const sol = Solution.load(p, planFor(p, [[0, [0]]], [0, -1]));
    expect(make(sol).evaluate(1)).toBe(Infinity);
    expect(make(sol).evaluate(0)).toBe(Infinity);
  });

  it('evaluates exactly and leaves valid plans on random instances', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const tally = checkClientOperator(make, seeds);
    const weekly = checkClientOperator(make, seeds, 0, { singleDays: true });
    expect(tally.evaluated + weekly.evaluated).toBeGreaterThanOrEqual(10);
  });
});
