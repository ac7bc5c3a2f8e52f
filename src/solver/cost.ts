/**
 * The objective: Σ routes (travel + distanceWeight·distance, return included,
 * plus the shift's fixed cost; an empty route costs nothing) + Σ clients (the
 * chosen pattern's penalty when served, missPenalty when not) − Σ prizes of
 * served clients.
 */
import type { Problem } from './problem.js';
import type { CostBreakdown, Plan } from './plan.js';

/** Cost of driving from location `from` to location `to`. */
export function edgeCost(problem: Problem, from: number, to: number): number {
  const k = from * problem.numLocations + to;
  return problem.durations[k] + problem.distanceWeight * problem.distances[k];
}

/** The client part of the objective for pattern `pattern` (-1 = not served). */
export function clientCost(problem: Problem, client: number, pattern: number): number {
  const c = problem.clients[client];
  return pattern < 0 ? c.missPenalty : c.patterns[pattern].penalty - c.prize;
}

/** Travel and distance of a route `seq[0..len)` on `shift`, return included. */
export function routeTotals(
  problem: Problem,
  shift: number,
  seq: ArrayLike<number>,
  len: number,
): { travel: number; distance: number } {
  if (len === 0) return { travel: 0, distance: 0 };
  const { durations, distances, numLocations: n, clients } = problem;
  const s = problem.shifts[shift];
  let travel = 0;
  let distance = 0;
  let prev = s.startLocation;
  for (let i = 0; i <= len; i++) {
    const loc = i === len ? s.endLocation : clients[seq[i]].location;
    travel += durations[prev * n + loc];
    distance += distances[prev * n + loc];
    prev = loc;
  }
  return { travel, distance };
}

/** The fixed cost of using `shift` (0 when it has none). */
export function fixedCost(problem: Problem, shift: number): number {
  return problem.shifts[shift].fixedCost ?? 0;
}

/** Route cost: travel + distanceWeight·distance, plus the fixed cost when the route is used. */
export function routeCost(problem: Problem, shift: number, seq: ArrayLike<number>, len: number): number {
  const { travel, distance } = routeTotals(problem, shift, seq, len);
  return travel + problem.distanceWeight * distance + (len > 0 ? fixedCost(problem, shift) : 0);
}

/** The cost of a plan, recomputed from scratch (feasibility is not checked here). */
export function evaluatePlan(problem: Problem, plan: Pick<Plan, 'routes' | 'patterns'>): CostBreakdown {
  let travel = 0;
  let distance = 0;
  let fixed = 0;
  for (const r of plan.routes) {
    const t = routeTotals(problem, r.shift, r.visits, r.visits.length);
    travel += t.travel;
    distance += t.distance;
    if (r.visits.length > 0) fixed += fixedCost(problem, r.shift);
  }
  let penalty = 0;
  let prize = 0;
  problem.clients.forEach((c, i) => {
    const p = plan.patterns[i] ?? -1;
    if (p < 0) {
      penalty += c.missPenalty;
    } else {
      penalty += c.patterns[p].penalty;
      prize += c.prize;
    }
  });
  const total = travel + problem.distanceWeight * distance + fixed + penalty - prize;
  return { travel, distance, ...(fixed > 0 && { fixed }), penalty, prize, total };
}
