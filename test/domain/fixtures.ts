/** Small requests, a haversine-like matrix and a greedy plan builder for the domain tests. */
import { PlanRequest, type PlanRequestInput } from '../../src/contract/plan-request.js';
import type { Location } from '../../src/contract/common.js';
import { pointsOf } from '../../src/domain/compile.js';
import type { Matrix } from '../../src/matrix/travel-times.js';
import type { Plan, PlanRoute } from '../../src/solver/plan.js';
import type { Problem } from '../../src/solver/problem.js';
import { scheduleRoute } from '../../src/solver/schedule.js';

/** A Monday. */
export const MONDAY = '2026-11-23';
export const TODAY = '2026-11-20';

export const WEEKDAYS_8_TO_18 = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], start: '08:00', end: '18:00' }];

export function request(input: Partial<PlanRequestInput> & Pick<PlanRequestInput, 'accounts'>): PlanRequest {
  return PlanRequest.parse({
    rep: { id: 'rep-1', start: { lat: 48.11, lon: -1.68 }, workingHours: WEEKDAYS_8_TO_18 },
    horizon: { start: MONDAY, days: 7 },
    ...input,
  });
}

/** Great-circle distance × 1.3 at 50 km/h. */
export function haversineMatrix(points: readonly Location[]): Matrix {
  const n = points.length;
  const durations = new Int32Array(n * n);
  const distances = new Int32Array(n * n);
  points.forEach((a, i) => {
    points.forEach((b, j) => {
      const rad = Math.PI / 180;
      const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
      const metres = 2 * 6_371_000 * Math.asin(Math.sqrt(h)) * 1.3;
      distances[i * n + j] = Math.round(metres);
      durations[i * n + j] = Math.round(metres / (50_000 / 3600));
    });
  });
  return { size: n, durations, distances, source: 'haversine' };
}

export function matrixFor(req: PlanRequest): Matrix {
  return haversineMatrix(pointsOf(req));
}

/**
 * A deterministic greedy plan: clients in order, each with its first pattern
 * whose every day accepts the visit at its cheapest feasible position.
 */
export function greedyPlan(problem: Problem): Plan {
  const routes = new Map<number, number[]>();
  const patterns = problem.clients.map(() => -1);
  let prize = 0;
  let penalty = 0;
  const { dayGroup, caps } = problem.optionalCaps;
  const taken = caps.map(() => 0);
  problem.clients.forEach((client, c) => {
    const chosen = client.patterns.findIndex((pattern) => {
      const groups = client.optional ? pattern.days.map((d) => dayGroup[d]).filter((g) => g >= 0) : [];
      if (groups.some((g) => taken[g] >= caps[g])) return false;
      const trial = pattern.days.map((day) => {
        const shift = problem.shiftsByDay[day][0];
        const route = routes.get(shift) ?? [];
        for (let at = route.length; at >= 0; at--) {
          const visits = [...route.slice(0, at), c, ...route.slice(at)];
          if (scheduleRoute(problem, shift, visits) !== null) return { shift, visits };
        }
        return null;
      });
      if (trial.some((t) => t === null)) return false;
      for (const t of trial) if (t !== null) routes.set(t.shift, t.visits);
      for (const g of groups) taken[g]++;
      return true;
    });
    patterns[c] = chosen;
    if (chosen >= 0) {
      penalty += client.patterns[chosen].penalty;
      prize += client.prize;
    } else penalty += client.missPenalty;
  });
  const planRoutes: PlanRoute[] = [...routes].map(([shift, visits]) => ({ shift, visits }));
  let travel = 0;
  let distance = 0;
  for (const r of planRoutes) {
    const s = scheduleRoute(problem, r.shift, r.visits);
    travel += s?.travel ?? 0;
    distance += s?.distance ?? 0;
  }
  const total = travel + problem.distanceWeight * distance + penalty - prize;
  return { routes: planRoutes, patterns, cost: { travel, distance, penalty, prize, total } };
}
