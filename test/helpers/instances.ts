/**
 * Tiny hand-made problems for solver tests. Points are (x, y) on a grid;
 * travel duration is the Manhattan distance |dx| + |dy| and travel distance the
 * Chebyshev distance max(|dx|, |dy|), so expected values can be worked out by
 * hand. Location 0 is the depot; client i sits at location i + 1.
 */
import { createProblem, type Client, type Pattern, type Problem, type Shift } from '../../src/solver/problem.js';
import { evaluatePlan } from '../../src/solver/cost.js';
import type { Plan } from '../../src/solver/plan.js';
import { Rng } from '../../src/solver/rng.js';

export const OPEN = 1_000_000;

export interface ClientSpec {
  readonly at: readonly [number, number];
  readonly service?: number;
  readonly demand?: number;
  /** Windows used on every day, unless `windowsByDay` is given. */
  readonly windows?: readonly number[];
  readonly windowsByDay?: readonly (readonly number[])[];
  /** Defaults to one single-day pattern per day, all without penalty. */
  readonly patterns?: readonly Pattern[];
  readonly missPenalty?: number;
  readonly prize?: number;
  readonly optional?: boolean;
}

export interface InstanceSpec {
  readonly depot?: readonly [number, number];
  readonly numDays?: number;
  readonly vehicles?: number;
  readonly clients: readonly ClientSpec[];
  /** Overrides for every shift. */
  readonly shift?: Partial<Shift>;
  readonly distanceWeight?: number;
  readonly optionalCaps?: { readonly dayGroup: readonly number[]; readonly caps: readonly number[] };
  /** Added to every duration from a higher to a lower location index, to make travel asymmetric. */
  readonly asymmetry?: number;
}

export function makeProblem(spec: InstanceSpec): Problem {
  const numDays = spec.numDays ?? 1;
  const points = [spec.depot ?? [0, 0], ...spec.clients.map((c) => c.at)];
  const n = points.length;
  const durations = new Int32Array(n * n);
  const distances = new Int32Array(n * n);
  points.forEach(([xi, yi], i) => {
    points.forEach(([xj, yj], j) => {
      const dx = Math.abs(xi - xj);
      const dy = Math.abs(yi - yj);
      durations[i * n + j] = dx + dy + (i > j ? spec.asymmetry ?? 0 : 0);
      distances[i * n + j] = Math.max(dx, dy);
    });
  });
  const shifts: Shift[] = [];
  for (let day = 0; day < numDays; day++) {
    for (let vehicle = 0; vehicle < (spec.vehicles ?? 1); vehicle++) {
      shifts.push({
        day, vehicle, startLocation: 0, endLocation: 0, earliestStart: 0, latestEnd: OPEN,
        maxDuration: OPEN, capacity: OPEN, maxVisits: 1000, maxTravel: OPEN,
        breakDuration: 0, breakEarliest: 0, breakLatest: 0,
        ...spec.shift,
      });
    }
  }
  const everyDay: Pattern[] = Array.from({ length: numDays }, (_, d) => ({ days: [d], penalty: 0 }));
  const clients: Client[] = spec.clients.map((c, i) => ({
    location: i + 1,
    service: c.service ?? 0,
    demand: c.demand ?? 1,
    windows: Array.from({ length: numDays }, (_, d) => Int32Array.from(c.windowsByDay?.[d] ?? c.windows ?? [0, OPEN])),
    patterns: c.patterns ?? everyDay,
    missPenalty: c.missPenalty ?? 10_000,
    prize: c.prize ?? 0,
    optional: c.optional ?? false,
  }));
  return createProblem({
    numLocations: n, durations, distances, numDays, shifts, clients,
    distanceWeight: spec.distanceWeight ?? 0,
    ...(spec.optionalCaps && {
      optionalCaps: { dayGroup: Int32Array.from(spec.optionalCaps.dayGroup), caps: spec.optionalCaps.caps },
    }),
  });
}

/**
 * Three clients on a line east of the depot at x = 10, 20, 30, 5 s of service
 * each, one day. Visiting 0, 1, 2 from time 0: service 10-15, 25-30, 40-45,
 * back at 75; travel 10 + 10 + 10 + 30 = 60.
 */
export function lineOfThree(shift: Partial<Shift> = {}, windows: readonly (readonly number[] | undefined)[] = []): Problem {
  return makeProblem({
    clients: [10, 20, 30].map((x, i) => ({ at: [x, 0] as const, service: 5, ...(windows[i] && { windows: windows[i] }) })),
    shift,
  });
}

/**
 * Two days, four clients at the corners of a 10×10 square around the depot
 * at (0, 0): (10, 0), (10, 10), (0, 10), (−10, 0).
 * Client 0 needs both days (one pattern), client 1 either day, client 2 only
 * day 1 and client 3 is optional with a prize.
 */
export function squareTwoDays(): Problem {
  return makeProblem({
    numDays: 2,
    distanceWeight: 1,
    clients: [
      { at: [10, 0], patterns: [{ days: [0, 1], penalty: 0 }], missPenalty: 5000 },
      { at: [10, 10], patterns: [{ days: [0], penalty: 0 }, { days: [1], penalty: 3 }] },
      { at: [0, 10], patterns: [{ days: [1], penalty: 0 }] },
      { at: [-10, 0], optional: true, prize: 50, missPenalty: 0 },
    ],
  });
}

export interface RandomSpec {
  readonly clients: number;
  readonly days: number;
  readonly vehicles: number;
  /** Tight windows, breaks and limits, so that many moves are infeasible. */
  readonly tight?: boolean;
  readonly optionalCap?: number;
  /** Fixed cost of every used route. */
  readonly fixedCost?: number;
  /** Capacity of every shift (tight instances default to 12, others have none). */
  readonly capacity?: number;
  /** Split each client's window in two around a closed hour on every day (as a lunch closure). */
  readonly twoWindows?: boolean;
  /** A duration limit that binds (exact timing instead of cached data). */
  readonly maxDuration?: number;
  /** Clients visited once: every pattern is a single day (a week's accounts). */
  readonly singleDays?: boolean;
}

/**
 * A random instance from a seed: clients on a 100×100 grid, random services
 * and windows, 1 to 3 patterns each (sometimes with a penalty), a quarter of
 * them optional with a prize. Used by property and brute-force tests.
 */
export function randomProblem(seed: number, spec: RandomSpec): Problem {
  const rng = new Rng(seed);
  const tight = spec.tight ?? false;
  const horizon = tight ? 400 : 2000;
  const clients: ClientSpec[] = Array.from({ length: spec.clients }, () => {
    const optional = rng.float() < 0.25;
    const patterns: Pattern[] = [];
    const count = rng.between(1, 3);
    for (let k = 0; k < count; k++) {
      const days = Array.from({ length: spec.days }, (_, d) => d).filter(() => rng.float() < 0.5);
      if (days.length === 0) days.push(rng.int(spec.days));
      if (spec.singleDays === true) days.length = 1;
      if (patterns.every((p) => p.days.join() !== days.join())) patterns.push({ days, penalty: rng.float() < 0.3 ? rng.between(1, 50) : 0 });
    }
    const open = rng.int(horizon / 2);
    const single = tight ? [open, open + rng.between(30, 200)] : [0, horizon];
    const windows = spec.twoWindows === true ? split(single, rng.between(10, 60)) : single;
    return {
      at: [rng.int(101), rng.int(101)] as const, service: rng.between(0, 20), demand: rng.between(1, 5),
      windows, patterns, optional, prize: optional ? rng.between(0, 150) : 0, missPenalty: optional ? 0 : 10_000,
    };
  });
  return makeProblem({
    numDays: spec.days, vehicles: spec.vehicles, depot: [50, 50], clients, distanceWeight: 0.5, asymmetry: 3,
    shift: {
      ...(tight
        ? { latestEnd: horizon, capacity: 12, maxVisits: 4, breakDuration: 15, breakEarliest: 150, breakLatest: 250 }
        : { latestEnd: horizon }),
      ...(spec.fixedCost !== undefined && { fixedCost: spec.fixedCost }),
      ...(spec.capacity !== undefined && { capacity: spec.capacity }),
      ...(spec.maxDuration !== undefined && { maxDuration: spec.maxDuration }),
    },
    ...(spec.optionalCap !== undefined && {
      optionalCaps: { dayGroup: Array.from({ length: spec.days }, () => 0), caps: [spec.optionalCap] },
    }),
  });
}

/** A window [a, b] with a closed gap in its middle, when it is wide enough. */
function split(window: readonly number[], gap: number): number[] {
  const [a, b] = [window[0] ?? 0, window[1] ?? 0];
  const middle = Math.floor((a + b) / 2);
  return b - middle > gap ? [a, middle, middle + gap, b] : [a, b];
}

/** A plan from routes given as [shift, visits] and the patterns per client. */
export function planFor(problem: Problem, routes: readonly (readonly [number, readonly number[]])[], patterns: readonly number[]): Plan {
  const planRoutes = routes.map(([shift, visits]) => ({ shift, visits }));
  return { routes: planRoutes, patterns, cost: evaluatePlan(problem, { routes: planRoutes, patterns }) };
}

/**
 * One day, two vehicles, travel cost = Manhattan distance (distanceWeight 0):
 * depot (0, 0), A = 0 at (10, 0), B = 1 at (20, 0), C = 2 at (0, 10), D = 3 at (0, 20).
 */
export function fourPoints(shift: Partial<Shift> = {}, demands: readonly number[] = [1, 1, 1, 1]): Problem {
  const at: readonly (readonly [number, number])[] = [[10, 0], [20, 0], [0, 10], [0, 20]];
  return makeProblem({ vehicles: 2, clients: at.map((xy, i) => ({ at: xy, demand: demands[i] ?? 1 })), shift });
}
