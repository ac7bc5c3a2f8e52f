/**
 * Tiny hand-made problems for solver tests. Points are (x, y) on a grid;
 * travel duration is the Manhattan distance |dx| + |dy| and travel distance the
 * Chebyshev distance max(|dx|, |dy|), so expected values can be worked out by
 * hand. Location 0 is the depot; client i sits at location i + 1.
 */
import { createProblem, type Client, type Pattern, type Problem, type Shift } from '../../src/solver/problem.js';

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
      durations[i * n + j] = dx + dy;
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
