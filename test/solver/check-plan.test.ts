import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/solver/plan.js';
import { checkPlan } from '../helpers/check-plan.js';
import { lineOfThree, makeProblem, planFor, squareTwoDays } from '../helpers/instances.js';

// The validator must catch what the solver must never return.
describe('checkPlan', () => {
  const p = squareTwoDays();
  const good = planFor(p, [[0, [0]], [1, [0, 1, 2, 3]]], [0, 1, 0, 1]);

  it('accepts a valid plan', () => {
    expect(() => { checkPlan(p, good); }).not.toThrow();
  });

  it.each<[string, Plan, RegExp]>([
    ['a visit missing from a pattern day', planFor(p, [[1, [0, 1, 2, 3]]], [0, 1, 0, 1]), /client 0 with pattern 0/],
    ['an unserved client on a route', planFor(p, [[0, [0]], [1, [0, 1, 2, 3]]], [0, 1, 0, -1]), /unserved client 3/],
    ['a client twice on a day', planFor(p, [[0, [0]], [1, [0, 1, 2, 3, 0]]], [0, 1, 0, 1]), /client 0/],
    ['a wrong cost', { ...good, cost: { ...good.cost, total: good.cost.total + 1 } }, /total/],
    ['a wrong travel', { ...good, cost: { ...good.cost, travel: 0 } }, /travel/],
  ])('rejects %s', (_, plan, message) => {
    expect(() => { checkPlan(p, plan); }).toThrow(message);
  });

  it('rejects an infeasible route and broken optional caps', () => {
    const line = lineOfThree({ latestEnd: 74 });
    expect(() => { checkPlan(line, planFor(line, [[0, [0, 1, 2]]], [0, 0, 0])); }).toThrow(/infeasible/);
    const capped = makeProblem({
      clients: [{ at: [1, 0], optional: true }, { at: [2, 0], optional: true }],
      optionalCaps: { dayGroup: [0], caps: [1] },
    });
    expect(() => { checkPlan(capped, planFor(capped, [[0, [0, 1]]], [0, 0])); }).toThrow(/optional group 0/);
  });
});
