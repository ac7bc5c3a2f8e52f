/**
 * Independent re-evaluation of a plan with the benchmark's own rules in
 * double precision: cost from coordinates, capacity, duration limits and time
 * windows, and that every client is served on the days of an allowed pattern.
 */
import type { Plan } from '../src/solver/index.js';
import { exactDistance, type BenchInstance } from './instances.js';

export interface Verdict {
  readonly cost: number;
  readonly routes: number;
  readonly violations: readonly string[];
}

const TOLERANCE = 1e-6;

export function verify(instance: BenchInstance, plan: Plan): Verdict {
  const { exact, problem } = instance;
  const violations: string[] = [];
  const served = new Map<number, number[]>();
  let cost = 0;
  for (const route of plan.routes) {
    const day = problem.shifts[route.shift]?.day ?? -1;
    const nodes = [0, ...route.visits.map((c) => c + 1), 0];
    let length = 0;
    let load = 0;
    let service = 0;
    let time = 0;
    for (let i = 1; i < nodes.length; i++) {
      const [from, to] = [nodes[i - 1] ?? 0, nodes[i] ?? 0];
      const leg = exactDistance(exact, from, to);
      length += leg;
      time += leg;
      if (i < nodes.length - 1) {
        const window = exact.windows?.[to];
        if (window) {
          time = Math.max(time, window[0]);
          if (time > window[1] + TOLERANCE) violations.push(`day ${day}: node ${to} starts at ${time.toFixed(3)} after ${window[1]}`);
        }
        time += exact.service[to] ?? 0;
        service += exact.service[to] ?? 0;
        load += exact.demand[to] ?? 0;
        served.set(to - 1, [...(served.get(to - 1) ?? []), day]);
      }
    }
    cost += length;
    if (load > (exact.capacity[day] ?? Infinity)) violations.push(`day ${day}: load ${load}`);
    const limit = exact.maxDuration[day] ?? 0;
    if (limit > 0 && length + service > limit + TOLERANCE) violations.push(`day ${day}: duration ${(length + service).toFixed(3)} > ${limit}`);
    if (exact.horizon !== undefined && time > exact.horizon + TOLERANCE) violations.push(`day ${day}: back at ${time.toFixed(3)}`);
  }
  problem.clients.forEach((client, c) => {
    const days = (served.get(c) ?? []).sort((a, b) => a - b).join(',');
    if (!client.patterns.some((p) => p.days.join(',') === days)) violations.push(`client ${c + 1} served on days [${days}]`);
  });
  return { cost, routes: plan.routes.length, violations };
}
