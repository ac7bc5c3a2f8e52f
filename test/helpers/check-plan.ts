/**
 * Re-verifies a plan from scratch, independently of the search: patterns and
 * visits, route feasibility, optional caps, travel against the matrix and the
 * reported cost. Throws an Error naming the first violation.
 */
import type { Plan } from '../../src/solver/plan.js';
import type { Problem } from '../../src/solver/problem.js';
import { scheduleRoute } from '../../src/solver/schedule.js';

function fail(message: string): never {
  throw new Error(`invalid plan: ${message}`);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function checkPlan(problem: Problem, plan: Plan): void {
  const { clients, shifts } = problem;
  if (plan.patterns.length !== clients.length) fail(`${plan.patterns.length} patterns for ${clients.length} clients`);
  const daysOf = clients.map(() => [] as number[]);
  const seenShift = new Set<number>();
  let travel = 0;
  let distance = 0;
  let fixed = 0;
  for (const route of plan.routes) {
    if (!Number.isInteger(route.shift) || route.shift < 0 || route.shift >= shifts.length) fail(`unknown shift ${route.shift}`);
    if (seenShift.has(route.shift)) fail(`shift ${route.shift} has two routes`);
    seenShift.add(route.shift);
    if (route.visits.length === 0) fail(`shift ${route.shift} has an empty route`);
    const day = shifts[route.shift].day;
    for (const c of route.visits) {
      if (!Number.isInteger(c) || c < 0 || c >= clients.length) fail(`unknown client ${c} in shift ${route.shift}`);
      daysOf[c].push(day);
    }
    const schedule = scheduleRoute(problem, route.shift, route.visits);
    if (schedule === null) fail(`route of shift ${route.shift} [${route.visits.join(', ')}] is infeasible`);
    const t = matrixTotals(problem, route.shift, route.visits);
    if (schedule.travel !== t.travel || schedule.distance !== t.distance) {
      fail(`shift ${route.shift}: schedule travel ${schedule.travel}/${schedule.distance} ≠ matrix ${t.travel}/${t.distance}`);
    }
    travel += t.travel;
    distance += t.distance;
    fixed += shifts[route.shift].fixedCost ?? 0;
  }
  const used = new Array<number>(problem.optionalCaps.caps.length).fill(0);
  let penalty = 0;
  let prize = 0;
  clients.forEach((client, c) => {
    const p = plan.patterns[c];
    const days = [...daysOf[c]].sort((a, b) => a - b);
    if (p === -1) {
      if (days.length > 0) fail(`unserved client ${c} is visited on days ${days.join(', ')}`);
      penalty += client.missPenalty;
      return;
    }
    const pattern = client.patterns[p] ?? fail(`client ${c} has unknown pattern ${p}`);
    if (days.join(',') !== pattern.days.join(',')) {
      fail(`client ${c} with pattern ${p} (days ${pattern.days.join(', ')}) is visited on days ${days.join(', ')}`);
    }
    penalty += pattern.penalty;
    prize += client.prize;
    if (client.optional) {
      for (const d of days) {
        const g = problem.optionalCaps.dayGroup[d];
        if (g >= 0) used[g] = (used[g] ?? 0) + 1;
      }
    }
  });
  used.forEach((n, g) => {
    if (n > (problem.optionalCaps.caps[g] ?? 0)) fail(`optional group ${g} holds ${n} visits, cap ${problem.optionalCaps.caps[g] ?? 0}`);
  });
  const total = travel + problem.distanceWeight * distance + fixed + penalty - prize;
  const cost = plan.cost;
  if (cost.travel !== travel || cost.distance !== distance) fail(`cost says travel ${cost.travel}/${cost.distance}, routes give ${travel}/${distance}`);
  if (!close(cost.penalty, penalty) || !close(cost.prize, prize)) fail(`cost says penalty ${cost.penalty} prize ${cost.prize}, recomputed ${penalty} ${prize}`);
  if (!close(cost.fixed ?? 0, fixed)) fail(`cost says fixed ${cost.fixed ?? 0}, recomputed ${fixed}`);
  if (!close(cost.total, total)) fail(`cost says total ${cost.total}, recomputed ${total}`);
}

/** Travel and distance of a route summed directly from the matrices. */
function matrixTotals(problem: Problem, shift: number, visits: readonly number[]): { travel: number; distance: number } {
  const n = problem.numLocations;
  const s = problem.shifts[shift];
  const locs = [s.startLocation, ...visits.map((c) => problem.clients[c].location), s.endLocation];
  let travel = 0;
  let distance = 0;
  for (let i = 1; i < locs.length; i++) {
    travel += problem.durations[locs[i - 1] * n + locs[i]];
    distance += problem.distances[locs[i - 1] * n + locs[i]];
  }
  return { travel, distance };
}
