import { describe, expect, it } from 'vitest';
import { Inserter } from '../../../src/solver/insertion.js';
import { nearestClients } from '../../../src/solver/neighbours.js';
import { DaySwap } from '../../../src/solver/operators/day-swap.js';
import { Solution } from '../../../src/solver/solution.js';
import { makeProblem, planFor } from '../../helpers/instances.js';
import { checkClientOperator } from './property.js';

const make = (sol: Solution) => new DaySwap(sol, new Inserter(sol), nearestClients(sol.problem, 8));

// Two days of at most two visits. East: e (10, 0) only on day 0, a (11, 0) either day; west:
// w (−10, 0) only on day 1, b (−11, 0) either day. Edge cost: Manhattan travel.
const crossed = (bDays: readonly number[] = [0, 1]) => makeProblem({
  numDays: 2,
  shift: { maxVisits: 2 },
  clients: [
    { at: [10, 0], patterns: [{ days: [0], penalty: 0 }] },
    { at: [11, 0] },
    { at: [-10, 0], patterns: [{ days: [1], penalty: 0 }] },
    { at: [-11, 0], patterns: bDays.map((d) => ({ days: [d], penalty: 0 })) },
  ],
});

describe('DaySwap', () => {
  it('exchanges the days of two clients when neither can move alone', () => {
    // Crossed: day 0 [e, b] = 10 + 21 + 11 = 42, day 1 [w, a] = 42. Each day is full, so a alone
    // cannot join e. Swapped: a out of [w, a] saves 21 + 11 − 10 = 22, b out of [e, b] saves 22;
    // a into [e] adds 1 + 11 − 10 = 2, b into [w] adds 2: −40, to 22 + 22 = 44.
    const p = crossed();
    const sol = Solution.load(p, planFor(p, [[0, [0, 3]], [1, [2, 1]]], [0, 1, 0, 0]));
    expect(sol.cost()).toBe(84);
    const op = make(sol);
    expect(op.evaluate(1)).toBe(-40);
    op.apply(1);
    expect(sol.cost()).toBe(44);
    expect(sol.routes.map((r) => [...r].sort())).toEqual([[0, 1], [2, 3]]);
  });

  it('leaves a pair alone when the partner may not take the day', () => {
    const p = crossed([0]);
    const sol = Solution.load(p, planFor(p, [[0, [0, 3]], [1, [2, 1]]], [0, 1, 0, 0]));
    expect(make(sol).evaluate(1)).toBe(Infinity);
  });

  it('evaluates exactly and leaves valid plans on random instances', () => {
    // A week's accounts: each visited once, on one of a few days.
    const tally = checkClientOperator(make, Array.from({ length: 16 }, (_, i) => i + 1), 0, { singleDays: true });
    const priced = checkClientOperator(make, [1, 2, 3, 4], 5, { singleDays: true });
    expect(priced.evaluated).toBeGreaterThan(0);
    expect(tally.evaluated).toBeGreaterThan(20);
    expect(tally.improving).toBeGreaterThan(5);
  });
});
