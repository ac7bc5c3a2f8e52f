/**
 * Readers for the literature benchmark sets in ../shared/benchmarks (see its
 * README for the formats). Each returns the solver problem, built on integer
 * matrices, together with the exact data needed to re-evaluate a plan in
 * double precision independently of the search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProblem, type Client, type Problem, type Shift } from '../src/solver/index.js';

export type BenchSet = 'pvrp' | 'solomon' | 'cvrp';

/** What an independent evaluation needs: coordinates and the rules as stated by the benchmark. */
export interface Exact {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Round each edge to the nearest integer (TSPLIB EUC_2D) instead of keeping it unrounded. */
  readonly roundEdges: boolean;
  readonly service: readonly number[];
  readonly demand: readonly number[];
  /** Per node: time window [ready, due] for the start of service (Solomon only). */
  readonly windows?: readonly (readonly [number, number])[];
  readonly horizon?: number;
  /** Per day: capacity and duration limit (0 = none). */
  readonly capacity: readonly number[];
  readonly maxDuration: readonly number[];
}

export interface BenchInstance {
  readonly name: string;
  readonly problem: Problem;
  readonly exact: Exact;
}

/** Integer units per benchmark unit in the matrices of unrounded sets. */
export const SCALE = 1000;
/** Cost of leaving out a client: far above any routing cost, so all are served when they fit. */
const MISS = 1e12;
/**
 * Fixed cost per used vehicle on the Solomon set, whose objective ranks
 * vehicles first: above the total distance of any of its solutions (scaled).
 */
const VEHICLE_COST = 1e7;

function tokens(path: string): number[] {
  return readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
}

function euclid(exact: Pick<Exact, 'xs' | 'ys' | 'roundEdges'>, i: number, j: number): number {
  const d = Math.hypot((exact.xs[i] ?? 0) - (exact.xs[j] ?? 0), (exact.ys[i] ?? 0) - (exact.ys[j] ?? 0));
  return exact.roundEdges ? Math.floor(d + 0.5) : d;
}

export function exactDistance(exact: Exact, i: number, j: number): number {
  return euclid(exact, i, j);
}

function matrix(exact: Pick<Exact, 'xs' | 'ys' | 'roundEdges'>, scale: number): Int32Array {
  const n = exact.xs.length;
  const m = new Int32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = Math.round(euclid(exact, i, j) * scale);
  return m;
}

function shift(day: number, vehicle: number, over: Partial<Shift>): Shift {
  return {
    day, vehicle, startLocation: 0, endLocation: 0, earliestStart: 0, latestEnd: 2 ** 30, maxDuration: 2 ** 30,
    capacity: 2 ** 30, maxVisits: 100_000, maxTravel: 2 ** 30, breakDuration: 0, breakEarliest: 0, breakLatest: 0,
    ...over,
  };
}

/** Cordeau's PVRP format: `type m n t`, t lines `D Q`, then n + 1 nodes `i x y d q f a patterns…`. */
export function readPvrp(dir: string, name: string): BenchInstance {
  const t = tokens(join(dir, 'pvrp', name));
  let k = 0;
  const next = () => t[k++] ?? 0;
  next();
  const [m, n, days] = [next(), next(), next()];
  const limits = Array.from({ length: days }, () => ({ D: next(), Q: next() }));
  const xs: number[] = [];
  const ys: number[] = [];
  const service: number[] = [];
  const demand: number[] = [];
  const patterns: number[][][] = [];
  for (let i = 0; i <= n; i++) {
    next();
    xs.push(next());
    ys.push(next());
    service.push(next());
    demand.push(next());
    next();
    const count = next();
    const own: number[][] = [];
    for (let a = 0; a < count; a++) {
      const code = next();
      // Day 1 is the most significant of `days` bits.
      own.push(Array.from({ length: days }, (_, d) => d).filter((d) => (code >> (days - 1 - d)) & 1));
    }
    patterns.push(own);
  }
  const exact: Exact = {
    xs, ys, roundEdges: false, service, demand,
    capacity: limits.map((l) => l.Q), maxDuration: limits.map((l) => l.D),
  };
  const clients: Client[] = patterns.slice(1).map((own, c) => ({
    location: c + 1, service: Math.round((service[c + 1] ?? 0) * SCALE), demand: demand[c + 1] ?? 0,
    windows: Array.from({ length: days }, () => Int32Array.of(0, 2 ** 30)),
    patterns: own.map((d) => ({ days: d, penalty: 0 })), missPenalty: MISS, prize: 0, optional: false,
  }));
  const shifts: Shift[] = [];
  limits.forEach((l, day) => {
    for (let v = 0; v < m; v++) {
      shifts.push(shift(day, v, { capacity: l.Q, ...(l.D > 0 && { maxDuration: Math.floor(l.D * SCALE) }) }));
    }
  });
  const distances = matrix(exact, SCALE);
  return {
    name, exact,
    problem: createProblem({ numLocations: n + 1, durations: distances, distances, numDays: days, shifts, clients, distanceWeight: 0 }),
  };
}

/** Solomon's VRPTW format: fleet size and capacity, then `id x y demand ready due service` per node. */
export function readSolomon(dir: string, name: string): BenchInstance {
  const lines = readFileSync(join(dir, 'vrptw', 'solomon', `${name}.txt`), 'utf8').split(/\r?\n/);
  const numbers = lines.map((l) => l.trim().split(/\s+/).map(Number)).filter((r) => r.length >= 2 && r.every(Number.isFinite));
  const fleet = numbers[0]?.[0] ?? 0;
  const capacity = numbers[0]?.[1] ?? 0;
  const nodes = numbers.slice(1).filter((r) => r.length === 7);
  const col = (j: number) => nodes.map((r) => r[j] ?? 0);
  const windows = nodes.map((r) => [r[4] ?? 0, r[5] ?? 0] as const);
  const horizon = windows[0]?.[1] ?? 0;
  const exact: Exact = {
    xs: col(1), ys: col(2), roundEdges: false, service: col(6), demand: col(3), windows, horizon,
    capacity: [capacity], maxDuration: [0],
  };
  const clients: Client[] = nodes.slice(1).map((r, c) => ({
    location: c + 1, service: Math.round((r[6] ?? 0) * SCALE), demand: r[3] ?? 0,
    windows: [Int32Array.of(Math.round((r[4] ?? 0) * SCALE), Math.floor((r[5] ?? 0) * SCALE))],
    patterns: [{ days: [0], penalty: 0 }], missPenalty: MISS, prize: 0, optional: false,
  }));
  const shifts = Array.from({ length: fleet }, (_, v) =>
    shift(0, v, { capacity, latestEnd: Math.floor(horizon * SCALE), fixedCost: VEHICLE_COST }));
  const distances = matrix(exact, SCALE);
  return {
    name, exact,
    problem: createProblem({ numLocations: nodes.length, durations: distances, distances, numDays: 1, shifts, clients, distanceWeight: 0 }),
  };
}

/** TSPLIB CVRP: NODE_COORD_SECTION and DEMAND_SECTION; the depot is node 1; as many vehicles as k + 3. */
export function readCvrp(dir: string, name: string): BenchInstance {
  const set = name.startsWith('X-') ? 'X' : 'A';
  const lines = readFileSync(join(dir, 'cvrp', set, `${name}.vrp`), 'utf8').split(/\r?\n/).map((l) => l.trim());
  const value = (key: string) => Number(lines.find((l) => l.startsWith(key))?.split(':')[1] ?? 0);
  const n = value('DIMENSION');
  const capacity = value('CAPACITY');
  const section = (title: string) => {
    const at = lines.findIndex((l) => l.startsWith(title));
    return lines.slice(at + 1, at + 1 + n).map((l) => l.split(/\s+/).map(Number));
  };
  const coords = section('NODE_COORD_SECTION');
  const demand = section('DEMAND_SECTION').map((r) => r[1] ?? 0);
  const exact: Exact = {
    xs: coords.map((r) => r[1] ?? 0), ys: coords.map((r) => r[2] ?? 0), roundEdges: true,
    service: demand.map(() => 0), demand, capacity: [capacity], maxDuration: [0],
  };
  const vehicles = Number(/-k(\d+)/.exec(name)?.[1] ?? 1) + 3;
  const clients: Client[] = demand.slice(1).map((q, c) => ({
    location: c + 1, service: 0, demand: q, windows: [Int32Array.of(0, 2 ** 30)],
    patterns: [{ days: [0], penalty: 0 }], missPenalty: MISS, prize: 0, optional: false,
  }));
  const shifts = Array.from({ length: vehicles }, (_, v) => shift(0, v, { capacity }));
  const distances = matrix(exact, 1);
  return {
    name, exact,
    problem: createProblem({ numLocations: n, durations: distances, distances, numDays: 1, shifts, clients, distanceWeight: 0 }),
  };
}

export function readInstance(dir: string, set: BenchSet, name: string): BenchInstance {
  switch (set) {
    case 'pvrp':
      return readPvrp(dir, name);
    case 'solomon':
      return readSolomon(dir, name);
    case 'cvrp':
      return readCvrp(dir, name);
  }
}
