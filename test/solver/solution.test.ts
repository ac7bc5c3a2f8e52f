import { describe, expect, it } from 'vitest';
import { Solution } from '../../src/solver/solution.js';
import { makeProblem, planFor, squareTwoDays } from '../helpers/instances.js';

describe('Solution', () => {
  it('loads and unloads a plan unchanged, with its cost', () => {
    const p = squareTwoDays();
    const plan = planFor(p, [[0, [0]], [1, [0, 1, 2, 3]]], [0, 1, 0, 1]);
    const sol = Solution.load(p, plan);
    expect(sol.unload()).toEqual(plan);
    expect(sol.cost()).toBe(plan.cost.total);
    // Client 0 is visited by shift 0 on day 0 and shift 1 on day 1.
    expect([sol.shiftOf[0], sol.shiftOf[1]]).toEqual([0, 1]);
  });

  it('removes a client from every day', () => {
    const p = squareTwoDays();
    const sol = Solution.load(p, planFor(p, [[0, [0]], [1, [0, 1, 2, 3]]], [0, 1, 0, 1]));
    sol.removeClient(0);
    expect(sol.routes).toEqual([[], [1, 2, 3]]);
    expect(sol.pattern[0]).toBe(-1);
    expect(sol.unload().routes).toEqual([{ shift: 1, visits: [1, 2, 3] }]);
  });

  it('counts optional visits against their caps', () => {
    // Two days in one group capped at 2; client 0 optional on one or both days.
    const p = makeProblem({
      numDays: 2,
      clients: [
        { at: [1, 0], optional: true, patterns: [{ days: [0], penalty: 0 }, { days: [0, 1], penalty: 0 }] },
        { at: [2, 0], optional: true },
      ],
      optionalCaps: { dayGroup: [0, 0], caps: [2] },
    });
    const sol = new Solution(p);
    expect(sol.capsAllow(0, 1)).toBe(true);
    sol.setPattern(1, 0);
    expect(sol.capsAllow(0, 1)).toBe(false);
    expect(sol.capsAllow(0, 0)).toBe(true);
    sol.setPattern(0, 0);
    // Its own visit does not count against a change of its pattern.
    expect(sol.capsAllow(0, 0)).toBe(true);
    expect(Array.from(sol.optionalUsed)).toEqual([2]);
  });
});
