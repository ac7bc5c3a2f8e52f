/**
 * Seeded property checks shared by the operator tests: on random valid
 * solutions of random instances, every finite evaluation must equal the cost
 * difference measured after applying the move, and every improving move must
 * leave a valid plan. With a load price, capacity becomes soft: the cost then
 * includes the price of the excess load, recomputed here from the routes.
 */
import { expect } from 'vitest';
import { EPSILON, type ClientOperator, type RouteOperator } from '../../../src/solver/operators/operator.js';
import { evaluatePlan } from '../../../src/solver/cost.js';
import type { Plan } from '../../../src/solver/plan.js';
import type { Problem } from '../../../src/solver/problem.js';
import { Rng } from '../../../src/solver/rng.js';
import { isFeasibleRoute } from '../../../src/solver/schedule.js';
import { Solution } from '../../../src/solver/solution.js';
import { checkPlan } from '../../helpers/check-plan.js';
import { randomProblem, type RandomSpec } from '../../helpers/instances.js';

/** A valid but poor solution: clients in random order, random patterns, random feasible places. */
export function randomPlan(problem: Problem, rng: Rng): Plan {
  const sol = new Solution(problem);
  const order = problem.clients.map((_, c) => c);
  rng.shuffle(order);
  for (const c of order) {
    const patterns = problem.clients[c].patterns;
    const p = rng.int(patterns.length);
    if (rng.float() < 0.1 || !sol.capsAllow(c, p)) continue;
    const placed: number[] = [];
    for (const d of patterns[p].days) {
      const shifts = problem.shiftsByDay[d];
      const s = shifts[rng.int(shifts.length)];
      const route = sol.routes[s];
      const pos = rng.int(route.length + 1);
      const candidate = [...route.slice(0, pos), c, ...route.slice(pos)];
      if (!isFeasibleRoute(problem, s, candidate, candidate.length)) break;
      sol.insertVisit(c, s, pos);
      placed.push(d);
    }
    sol.setPattern(c, p);
    if (placed.length < patterns[p].days.length) sol.removeClient(c);
  }
  const plan = sol.unload();
  checkPlan(problem, plan);
  return plan;
}

export interface Tally {
  evaluated: number;
  improving: number;
  refused: number;
  /** Evaluated moves that left some route over its capacity (only with a load price). */
  overloaded: number;
}

/** A random instance; with a load price, capacities are low so that many moves overload a route. */
function instances(seed: number, loadWeight: number, extra: Partial<RandomSpec> = {}): Problem {
  // Seeds 3, 4, 7, 8... give routes a fixed cost, so that emptying and opening routes are priced too.
  const fixedCost = seed % 4 === 3 || seed % 4 === 0 ? 40 : undefined;
  return randomProblem(seed, {
    // Seeds 2, 5, 8... split windows in two, so that routes take the timed checks.
    clients: 14, days: 3, vehicles: 2, tight: seed % 2 === 1, optionalCap: 4, twoWindows: seed % 3 === 2, ...(fixedCost !== undefined && { fixedCost }),
    ...(loadWeight > 0 && { capacity: 8 }),
    ...extra,
  });
}

/** The objective plus the price of excess load, from the routes alone. */
function fullCost(problem: Problem, sol: Solution, loadWeight: number): number {
  const plan = sol.unload();
  let excess = 0;
  for (const r of plan.routes) {
    const load = r.visits.reduce((sum, c) => sum + problem.clients[c].demand, 0);
    excess += Math.max(0, load - problem.shifts[r.shift].capacity);
  }
  return evaluatePlan(problem, plan).total + loadWeight * excess;
}

/** The same problem without capacities: what a plan must satisfy while load is priced. */
function uncapacitated(problem: Problem): Problem {
  return { ...problem, shifts: problem.shifts.map((s) => ({ ...s, capacity: Infinity })) };
}

function measure(
  problem: Problem,
  plan: Plan,
  delta: number,
  apply: (sol: Solution) => void,
  sol: Solution,
  tally: Tally,
  loadWeight: number,
): void {
  if (!Number.isFinite(delta)) {
    tally.refused++;
    return;
  }
  tally.evaluated++;
  const before = fullCost(problem, sol, loadWeight);
  apply(sol);
  const after = fullCost(problem, sol, loadWeight);
  if (sol.excessLoad() > 0) tally.overloaded++;
  expect(after - before).toBeCloseTo(delta, 6);
  expect(sol.cost()).toBeCloseTo(after, 6);
  if (delta < -EPSILON) {
    tally.improving++;
    checkPlan(loadWeight > 0 ? uncapacitated(problem) : problem, sol.unload());
  }
  expect(plan.cost.total).toBeCloseTo(before, 6);
}

/** The plan loaded into a fresh solution, with excess load priced at `loadWeight`. */
function loaded(problem: Problem, plan: Plan, loadWeight: number): Solution {
  const sol = Solution.load(problem, plan);
  if (loadWeight > 0) sol.setLoadWeight(loadWeight);
  return sol;
}

export function checkRouteOperator(
  make: (sol: Solution) => RouteOperator,
  seeds: readonly number[],
  trials = 300,
  loadWeight = 0,
): Tally {
  const tally: Tally = { evaluated: 0, improving: 0, refused: 0, overloaded: 0 };
  for (const seed of seeds) {
    const problem = instances(seed, loadWeight);
    const rng = new Rng(seed);
    const plan = randomPlan(problem, rng);
    const D = problem.numDays;
    const starts = problem.clients.length * D;
    const visits = Solution.load(problem, plan).shiftOf.reduce<number[]>((acc, s, node) => (s >= 0 ? [...acc, node] : acc), []);
    for (let t = 0; t < trials && visits.length > 0; t++) {
      const u = visits[rng.int(visits.length)];
      const day = u % D;
      const sameDay = visits.filter((x) => x % D === day);
      const shifts = problem.shiftsByDay[day];
      const v = rng.float() < 0.2 ? starts + shifts[rng.int(shifts.length)] : sameDay[rng.int(sameDay.length)];
      const sol = loaded(problem, plan, loadWeight);
      const op = make(sol);
      measure(problem, plan, op.evaluate(u, v), () => { op.apply(u, v); }, sol, tally, loadWeight);
    }
  }
  return tally;
}

export function checkClientOperator(
  make: (sol: Solution) => ClientOperator,
  seeds: readonly number[],
  loadWeight = 0,
  extra: Partial<RandomSpec> = {},
): Tally {
  const tally: Tally = { evaluated: 0, improving: 0, refused: 0, overloaded: 0 };
  for (const seed of seeds) {
    const problem = instances(seed, loadWeight, extra);
    const plan = randomPlan(problem, new Rng(seed));
    for (let c = 0; c < problem.clients.length; c++) {
      const sol = loaded(problem, plan, loadWeight);
      const op = make(sol);
      measure(problem, plan, op.evaluate(c), () => { op.apply(c); }, sol, tally, loadWeight);
    }
  }
  return tally;
}
