import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/solver/rng.js';
import { EXACT, SEGMENTS, TIMED } from '../../src/solver/route-cache.js';
import { isFeasibleRoute } from '../../src/solver/schedule.js';
import { Solution } from '../../src/solver/solution.js';
import { lineOfThree, randomProblem } from '../helpers/instances.js';
import { randomPlan } from './operators/property.js';

describe('Proposal', () => {
  it('takes the segment path only on simple shifts', () => {
    expect(new Solution(lineOfThree()).cache.mode[0]).toBe(SEGMENTS);
    expect(new Solution(lineOfThree({ breakDuration: 10, breakEarliest: 0, breakLatest: 100 })).cache.mode[0]).toBe(TIMED);
    expect(new Solution(lineOfThree({}, [[0, 5, 50, 60]])).cache.mode[0]).toBe(TIMED);
  });

  it('checks pieces of routes like the exact timing pass', () => {
    // Clients at x = 10, 20, 30 with 5 of service; client 2 must start by 39. The route is [1, 0].
    // [1, 0, 2]: at 20, 35, then 2 at 60: late. [2, 1, 0]: 2 at 30, fine. [0, 1, 2]: 2 at 40: late.
    const sol = Solution.load(lineOfThree({}, [undefined, undefined, [0, 39]]), {
      routes: [{ shift: 0, visits: [1, 0] }], patterns: [0, 0, -1], cost: { travel: 0, distance: 0, penalty: 0, prize: 0, total: 0 },
    });
    const prop = sol.proposal;
    expect(prop.begin(0, 2).visit(2).fits()).toBe(false);
    expect(prop.begin(0, 0).visit(2).rest(0, 0).fits()).toBe(true);
    expect(prop.begin(0, 0).reversed(0, 0, 2).visit(2).fits()).toBe(false);
    expect(prop.begin(0, 0).range(0, 1, 2).fits()).toBe(true);
  });

  it.each([
    ['segments and a break', {}, [SEGMENTS, TIMED]],
    ['two windows a day', { twoWindows: true }, [TIMED]],
    ['a binding duration limit', { maxDuration: 150 }, [EXACT, SEGMENTS]],
  ] as const)('agrees with isFeasibleRoute on random candidates: %s', (_name, extra, modes) => {
    let agreed = 0;
    let infeasible = 0;
    const seen = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const p = randomProblem(seed, { clients: 16, days: 2, vehicles: 2, tight: seed % 2 === 1, ...extra });
      const rng = new Rng(seed);
      const sol = Solution.load(p, randomPlan(p, rng));
      for (const m of sol.cache.mode) seen.add(m);
      for (let t = 0; t < 300; t++) {
        const s = rng.int(p.shifts.length);
        const o = rng.int(p.shifts.length);
        const route = sol.routes[s];
        const other = sol.routes[o];
        if (p.shifts[s].day !== p.shifts[o].day) continue;
        const i = rng.int(route.length + 1);
        const j = rng.int(other.length + 1);
        const c = rng.int(p.clients.length);
        const seq = [...route.slice(0, i), c, ...other.slice(j)];
        const fits = sol.proposal.begin(s, i).visit(c).rest(o, j).fits();
        expect(fits).toBe(isFeasibleRoute(p, s, seq, seq.length));
        if (route.length > 0) {
          const at = rng.int(route.length);
          const without = sol.proposal.without(s, at);
          const k = rng.int(without.length + 1);
          const seq2 = [...without.slice(0, k), c, ...without.slice(k)];
          const scratch = sol.proposal.scratch;
          expect(sol.proposal.begin(scratch, k).visit(c).rest(scratch, k).fits()).toBe(isFeasibleRoute(p, s, seq2, seq2.length));
        }
        agreed++;
        if (!fits) infeasible++;
      }
    }
    expect(agreed).toBeGreaterThan(500);
    expect(infeasible).toBeGreaterThan(50);
    expect([...seen].sort()).toEqual([...modes]);
  });
});
