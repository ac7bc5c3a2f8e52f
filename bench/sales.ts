/**
 * The product's own benchmark: every week of ../shared/benchmarks/sales-weeks
 * planned through the service's pipeline on the week's own road matrix, each
 * plan re-verified by the plan checker, and compared with VROOM's plans of the
 * same weeks (vroom-1.14.csv): planned visits, priority sum (20 × account
 * priority, 100 per appointment) and driving minutes (the matrix's seconds
 * over the plan's legs, return legs included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanRequest } from '../src/contract/plan-request.js';
import type { PlanResult } from '../src/contract/plan-result.js';
import { compile, pointsOf, type Compiled } from '../src/domain/compile.js';
import { report } from '../src/domain/report.js';
import { WEEK_SEARCH } from '../src/domain/search-params.js';
import { createHaversine } from '../src/matrix/haversine.js';
import type { Matrix } from '../src/matrix/travel-times.js';
import { runPlan } from '../src/pipeline.js';
import { createProblem, createSearch, type Pattern, type SearchParams } from '../src/solver/index.js';
import { checkPlanResult } from '../test/helpers/check-result.js';

export interface SalesRow {
  readonly week: number;
  readonly seed: number;
  readonly jobs: number;
  readonly planned: number;
  readonly priority: number;
  readonly driveMinutes: number;
  readonly vroomPlanned: number;
  readonly vroomPriority: number;
  readonly vroomDrive: number;
  readonly iterations: number;
  readonly seconds: number;
  readonly violation: string;
}

interface Vroom {
  readonly jobs: number;
  readonly assigned: number;
  readonly priority: number;
  readonly drive: number;
}

function readVroom(dir: string): Map<number, Vroom> {
  const lines = readFileSync(join(dir, 'vroom-1.14.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((l) => {
    const c = l.split(',').map(Number);
    return [c[0] ?? 0, { jobs: c[2] ?? 0, assigned: c[3] ?? 0, priority: c[5] ?? 0, drive: c[6] ?? 0 }];
  }));
}

/** The week's request with its matrix attached (points: start, then the accounts). */
export function salesWeek(dir: string, week: number, options: { seconds: number; seed: number; iterations?: number }): PlanRequest {
  const request: unknown = JSON.parse(readFileSync(join(dir, `week-${String(week)}.json`), 'utf8'));
  const cells: unknown = JSON.parse(readFileSync(join(dir, `week-${String(week)}.matrix.json`), 'utf8'));
  const base = typeof request === 'object' && request !== null ? request : {};
  const parsed = PlanRequest.parse({ ...base, matrix: pickMatrix(cells) });
  const opts = { ...parsed.options, timeLimitSeconds: options.seconds, seed: options.seed };
  return { ...parsed, options: options.iterations === undefined ? opts : { ...opts, iterations: options.iterations } };
}

function pickMatrix(cells: unknown): unknown {
  if (typeof cells !== 'object' || cells === null) return cells;
  return { durations: 'durations' in cells ? cells.durations : undefined, distances: 'distances' in cells ? cells.distances : undefined };
}

/** Driving seconds of the plan's legs on the matrix, return legs included. */
function driveSeconds(request: PlanRequest, matrix: Matrix, result: PlanResult): number {
  const n = matrix.size;
  const end = request.rep.end === undefined ? 0 : 1;
  const index = new Map(request.accounts.map((a, i) => [a.id, end + 1 + i]));
  request.prospects.forEach((p, i) => index.set(p.id, end + 1 + request.accounts.length + i));
  let total = 0;
  for (const day of result.days) {
    let prev = 0;
    for (const stop of day.stops) {
      if (stop.id === undefined) continue;
      const at = index.get(stop.id) ?? 0;
      total += matrix.durations[prev * n + at];
      prev = at;
    }
    total += matrix.durations[prev * n + end];
  }
  return total;
}

/** 20 × priority per planned account visit, 100 per kept appointment. */
function prioritySum(request: PlanRequest, result: PlanResult): number {
  const priority = new Map(request.accounts.map((a) => [a.id, a.priority]));
  let sum = 0;
  for (const day of result.days) {
    for (const stop of day.stops) {
      if (stop.kind !== 'account' || stop.id === undefined) continue;
      sum += stop.appointment === true ? 100 : 20 * (priority.get(stop.id) ?? 0);
    }
  }
  return sum;
}

export interface SalesOptions {
  readonly seconds: number;
  readonly seed: number;
  readonly iterations?: number;
  readonly params?: Partial<SearchParams>;
  /**
   * Read the spacing of an account's later visits as VROOM's jobs do: each
   * within the tolerance of its due date counted from the previous due date,
   * whatever day the previous visit takes (Tournée counts from that day). For
   * comparison only: such plans can break the spacing rule.
   */
  readonly vroomSpacing?: boolean;
}

export async function runSalesWeek(dir: string, week: number, options: SalesOptions): Promise<SalesRow> {
  const vroom = readVroom(dir).get(week) ?? { jobs: 0, assigned: 0, priority: 0, drive: 0 };
  const request = salesWeek(dir, week, options);
  const cells = request.matrix;
  const size = pointsOf(request).length;
  const flat = (rows: readonly (readonly number[])[]) => Int32Array.from(rows.flat(), Math.round);
  const matrix: Matrix = { size, durations: flat(cells?.durations ?? []), distances: flat(cells?.distances ?? []), source: 'request' };
  const haversine = createHaversine();
  let iterations = 0;
  const started = performance.now();
  const result = options.vroomSpacing === true
    ? planOnVroomSpacing(request, matrix, options, (n) => (iterations = n))
    : await runPlan(request, {
      travelTimes: () => haversine,
      defaultSource: 'haversine',
      fallbackToHaversine: false,
      today: request.horizon.start ?? '2026-11-23',
      now: () => performance.now(),
      onProgress: (p) => {
        iterations = p.iteration;
      },
      ...(options.params ? { params: options.params } : {}),
    });
  const seconds = (performance.now() - started) / 1000;
  let violation = '';
  try {
    checkPlanResult(request, matrix, result, { today: request.horizon.start ?? '' });
  } catch (error) {
    violation = error instanceof Error ? error.message : String(error);
  }
  return {
    week,
    seed: options.seed,
    jobs: result.summary.visitsRequired,
    planned: result.summary.visitsPlanned,
    priority: prioritySum(request, result),
    driveMinutes: driveSeconds(request, matrix, result) / 60,
    vroomPlanned: vroom.assigned,
    vroomPriority: vroom.priority,
    vroomDrive: vroom.drive,
    iterations,
    seconds,
    violation,
  };
}

export const SALES_WEEKS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The pipeline's compile, search and report, with the later visits' windows read as VROOM reads them. */
function planOnVroomSpacing(request: PlanRequest, matrix: Matrix, options: SalesOptions, iterations: (n: number) => void): PlanResult {
  const compiled = compile(request, matrix, { today: request.horizon.start ?? '' });
  const clients = compiled.problem.clients.map((client, i) => {
    const ref = compiled.clients[i];
    const info = ref.kind === 'account' ? compiled.accounts[ref.index] : undefined;
    if (info === undefined || info.weights.length < 2 || info.pinned.length > 0) return client;
    const extra = dueDatePatterns(compiled, info.rule, info.weights.length, client.windows).filter((p) => !client.patterns.some((q) => q.days.join() === p.days.join()));
    return { ...client, patterns: [...client.patterns, ...extra] };
  });
  const relaxed: Compiled = { ...compiled, problem: createProblem({ ...compiled.problem, clients }) };
  const started = performance.now();
  const search = createSearch(relaxed.problem, {
    seed: options.seed,
    ...(options.iterations === undefined ? {} : { maxIterations: options.iterations }),
    stop: () => performance.now() - started >= options.seconds * 1000,
    params: { ...WEEK_SEARCH, ...options.params },
  });
  while (!search.step(100));
  iterations(search.iterations());
  return report(relaxed, search.best(), { source: 'request' });
}

/** Every pattern keeping all visits, visit j within the tolerance of D1 + (j − 1)·I (the first in its own window). */
function dueDatePatterns(compiled: Compiled, rule: Compiled['accounts'][number]['rule'], count: number, windows: readonly Int32Array[]): Pattern[] {
  const days = compiled.days.map((d) => d.day);
  const out: Pattern[] = [];
  const seq: number[] = [];
  const extend = (j: number): void => {
    if (j === count) {
      out.push({ days: [...seq], penalty: 0 });
      return;
    }
    const due = rule.firstDue + j * rule.interval;
    const [from, to] = j === 0 ? [rule.firstFrom, rule.firstTo] : [Math.ceil(due - rule.tolerance - 1e-9), Math.floor(due + rule.tolerance + 1e-9)];
    for (let k = (seq.at(-1) ?? -1) + 1; k < days.length; k++) {
      if (days[k] < from || days[k] > to || windows[k].length === 0) continue;
      seq.push(k);
      extend(j + 1);
      seq.pop();
    }
  };
  extend(0);
  return out;
}
