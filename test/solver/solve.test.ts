import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/solver/plan.js';
import { Rng } from '../../src/solver/rng.js';
import { DEFAULT_PARAMS, RuinRecreate } from '../../src/solver/ruin-recreate.js';
import { createSearch, solve } from '../../src/solver/solve.js';
import { checkPlan } from '../helpers/check-plan.js';
import { makeProblem, randomProblem, squareTwoDays } from '../helpers/instances.js';
import { bruteForceOptimum } from './brute-force.js';

describe('solve', () => {
  it('finds the optimum of the square instance', () => {
    // Day 0: client 0 alone, 10 + 10 travel + 10 + 10 distance = 40. Day 1: 0, 1, 2, 3 around
    // the square: travel 10+10+10+20+10 = 60, distance 10·5 = 50. Client 1 on day 1 costs
    // its pattern penalty 3 and client 3 brings its prize 50: 40 + 110 + 3 − 50 = 103.
    // Serving client 1 on day 0 instead costs 70 + 100 − 50 = 120.
    const p = squareTwoDays();
    const { plan } = solve(p, { seed: 1, maxIterations: 30, checkDeltas: true });
    checkPlan(p, plan);
    expect(plan.cost.total).toBe(103);
    expect(plan.patterns).toEqual([0, 1, 0, 1]);
  });

  // Six clients, two or three days, one or two vehicles, loose or tight (windows, a break,
  // capacity and visit limits), with and without a cap on optional visits.
  const tiny = (seed: number) => randomProblem(seed, {
    clients: 6, days: seed % 2 === 1 ? 3 : 2, vehicles: seed % 3 === 0 ? 2 : 1, tight: seed % 4 < 2,
    ...(seed % 5 === 0 && { optionalCap: 1 }),
  });

  it.each(Array.from({ length: 24 }, (_, i) => 100 + i))('reaches the brute-force optimum on random instance %i', (seed) => {
    const p = tiny(seed);
    const { plan } = solve(p, { seed, maxIterations: 100, checkDeltas: true });
    checkPlan(p, plan);
    expect(plan.cost.total).toBeCloseTo(bruteForceOptimum(p), 6);
  });

  it('gives the same plan for the same seed and budget, however it is sliced', () => {
    const p = randomProblem(21, { clients: 25, days: 3, vehicles: 2, tight: true, optionalCap: 3 });
    const whole = solve(p, { seed: 7, maxIterations: 60 });
    const search = createSearch(p, { seed: 7, maxIterations: 60 });
    let slices = 0;
    while (!search.step(1 + (slices++ % 7)));
    expect(search.iterations()).toBe(60);
    expect(search.best()).toEqual(whole.plan);
    checkPlan(p, whole.plan);
    const other = solve(p, { seed: 8, maxIterations: 60 });
    checkPlan(p, other.plan);
  });

  it('stops when the stop criterion says so and reports throttled progress', () => {
    const p = randomProblem(22, { clients: 15, days: 2, vehicles: 2 });
    let clock = 0;
    const seen: Progress[] = [];
    const result = solve(p, {
      seed: 1,
      stop: (iteration) => iteration >= 25,
      now: () => (clock += 10),
      progressEveryMs: 100,
      onProgress: (x) => seen.push(x),
    });
    expect(result.iterations).toBe(25);
    checkPlan(p, result.plan);
    // The clock moves 10 ms per reading: at most one report per 100 ms, plus the final one.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(clock / 100) + 1);
    expect(seen.at(-1)).toMatchObject({ iteration: 25, bestCost: result.plan.cost.total });
  });

  it('respects the optional caps', () => {
    // Six prospects, each worth 100 next to the depot, but the week holds only 2 optional visits.
    const p = makeProblem({
      numDays: 2,
      clients: Array.from({ length: 6 }, (_, i) => ({ at: [i, 1] as const, optional: true, prize: 100, missPenalty: 0 })),
      optionalCaps: { dayGroup: [0, 0], caps: [2] },
    });
    const { plan } = solve(p, { seed: 3, maxIterations: 20 });
    checkPlan(p, plan);
    expect(plan.patterns.filter((x) => x >= 0)).toHaveLength(2);
  });

  it('lets missed required visits dominate travel', () => {
    // A required client far away (travel 2·1000) is served; an optional one whose prize (10)
    // is below its detour (2·200) is not.
    const p = makeProblem({
      clients: [
        { at: [1000, 0], missPenalty: 100_000 },
        { at: [0, 200], optional: true, prize: 10, missPenalty: 0 },
      ],
    });
    const { plan } = solve(p, { seed: 1, maxIterations: 10 });
    checkPlan(p, plan);
    expect(plan.patterns).toEqual([0, -1]);
    expect(plan.cost.total).toBe(2000);
  });

  it('leaves out what cannot fit and says so in the cost', () => {
    // Both clients open only in [0, 10] and sit 10 apart on either side: one fits, the other is missed.
    const p = makeProblem({
      clients: [{ at: [10, 0], windows: [0, 10], missPenalty: 500 }, { at: [-10, 0], windows: [0, 10], missPenalty: 400 }],
    });
    const { plan } = solve(p, { seed: 1, maxIterations: 10 });
    checkPlan(p, plan);
    expect(plan.patterns).toEqual([0, -1]);
    expect(plan.cost).toEqual({ travel: 20, distance: 20, penalty: 400, prize: 0, total: 420 });
  });

  it('prices excess load on tight capacities, and returns only plans within them', () => {
    const p = randomProblem(31, { clients: 24, days: 2, vehicles: 2, capacity: 8 });
    const engine = new RuinRecreate(p, DEFAULT_PARAMS, true);
    const rng = new Rng(3);
    let best = engine.construct(rng);
    let overloaded = 0;
    for (let i = 0; i < 200; i++) {
      const { cost, solution, feasible } = engine.iterate(rng, i, best, best);
      expect(feasible).toBe(solution.excessLoad() === 0);
      if (!feasible) overloaded++;
      else best = Math.min(best, cost);
    }
    expect(overloaded).toBeGreaterThan(0);
    for (const feasibleShare of [0, 0.5]) {
      const { plan } = solve(p, { seed: 3, maxIterations: 200, params: { feasibleShare }, checkDeltas: true });
      checkPlan(p, plan);
    }
  });

  it('refuses to leave out an operator it does not know', () => {
    const p = randomProblem(32, { clients: 6, days: 2, vehicles: 1 });
    expect(() => solve(p, { seed: 5, maxIterations: 1, params: { without: ['three-opt'] } })).toThrow(/three-opt/);
  });
});
