import { describe, expect, it } from 'vitest';
import { Inserter } from '../../../src/solver/insertion.js';
import { OptionalEjection } from '../../../src/solver/operators/optional-ejection.js';
import { Solution } from '../../../src/solver/solution.js';
import { makeProblem, planFor } from '../../helpers/instances.js';
import { checkClientOperator } from './property.js';

const make = (sol: Solution) => new OptionalEjection(sol, new Inserter(sol));

// One day that ends at 50. Depot (0, 0); required client 0 at (10, 0), 20 s of service; optional
// client 1 at (0, 10), 20 s of service, prize 30. Either fits alone (out 10, serve 20, back 10 = 40);
// both need 10 + 20 + 20 + 20 + 10 = 80 > 50. Edge cost: Manhattan travel (distanceWeight 0).
const day = () => makeProblem({
  shift: { latestEnd: 50 },
  clients: [
    { at: [10, 0], service: 20, missPenalty: 10_000 },
    { at: [0, 10], service: 20, optional: true, prize: 30, missPenalty: 0 },
  ],
});

describe('OptionalEjection', () => {
  it('gives the optional client\'s place to the required one it keeps out', () => {
    // Now [1]: 20 travel − 30 prize + 10,000 missed = 9,990. After: [0]: 20 travel, prize lost.
    const p = day();
    const sol = Solution.load(p, planFor(p, [[0, [1]]], [-1, 0]));
    expect(sol.cost()).toBe(9990);
    const op = make(sol);
    expect(op.evaluate(0)).toBe(20 - 9990);
    expect(sol.routes).toEqual([[1]]);
    op.apply(0);
    expect(sol.routes).toEqual([[0]]);
    expect(Array.from(sol.pattern)).toEqual([0, -1]);
    expect(sol.cost()).toBe(20);
  });

  it('leaves alone what insertion can already do', () => {
    // The required client is served: nothing to gain. The optional one is never its target.
    const p = day();
    const sol = Solution.load(p, planFor(p, [[0, [0]]], [0, -1]));
    expect(make(sol).evaluate(0)).toBe(Infinity);
    expect(make(sol).evaluate(1)).toBe(Infinity);
  });

  it('evaluates exactly and leaves valid plans on random instances', () => {
    const tally = checkClientOperator(make, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tally.improving).toBeGreaterThan(10);
  });
});
