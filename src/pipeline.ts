import type { Location } from './contract/common.js';
import type { PlanProgress } from './contract/plan-job.js';
import type { PlanRequest } from './contract/plan-request.js';
import type { PlanResult } from './contract/plan-result.js';
import { compile, pointsOf } from './domain/compile.js';
import { searchProgress } from './domain/progress.js';
import { report } from './domain/report.js';
import { WEEK_SEARCH } from './domain/search-params.js';
import { UnreachablePointsError, type UnreachablePoint } from './matrix/errors.js';
import type { Matrix, TravelTimes, TravelTimeSource } from './matrix/travel-times.js';
import type { SearchParams } from './solver/ruin-recreate.js';
import { createSearch } from './solver/solve.js';

/** The road geometry through points, in order. */
export type RouteGeometry = (points: readonly Location[], options: { signal?: AbortSignal }) => Promise<NonNullable<PlanResult['days'][number]['geometry']>>;

export interface PipelineDeps {
  /** The provider for a source. */
  readonly travelTimes: (source: TravelTimeSource) => TravelTimes;
  readonly defaultSource: TravelTimeSource;
  /** When OSRM fails for good, plan on haversine instead (the result says so); a request may override it. */
  readonly fallbackToHaversine: boolean;
  /** Road geometry, when the service has a routing engine. */
  readonly geometry?: RouteGeometry;
  /** Today's date in the rep's time zone, "YYYY-MM-DD". */
  readonly today: string;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  /** About once a second during the search, in the result's units. */
  readonly onProgress?: (progress: PlanProgress) => void;
  /** Longest slice of search between two yields to the event loop. */
  readonly sliceMs?: number;
  /** Tuning of the search (benchmarks), over the tuning for a rep's weeks (WEEK_SEARCH). */
  readonly params?: Partial<SearchParams>;
}

export class PlanCancelledError extends Error {
  override readonly name = 'PlanCancelledError';
}

/** The rep's own start or end cannot be reached: nothing can be planned. */
export class UnreachableHomeError extends Error {
  override readonly name = 'UnreachableHomeError';
}

/** compile → travel times → solve → report, with every dependency injected. */
export async function runPlan(request: PlanRequest, deps: PipelineDeps): Promise<PlanResult> {
  const source = request.options.travelTimes ?? deps.defaultSource;
  const { matrix, fallback, unreachable } = request.matrix ? ownMatrix(request.matrix) : await travelMatrix(request, source, deps);
  throwIfAborted(deps.signal);

  const compiled = compile(request, matrix, { today: deps.today, unreachable });
  // The time limit is the search's: fetching travel times has its own timeouts.
  const timeLimitMs = request.options.timeLimitSeconds * 1000;
  const deadline = deps.now() + timeLimitMs;
  const onProgress = deps.onProgress;
  const budget = { timeLimitMs, iterations: request.options.iterations };
  const search = createSearch(compiled.problem, {
    seed: request.options.seed,
    ...(request.options.iterations === undefined ? {} : { maxIterations: request.options.iterations }),
    stop: () => deps.now() >= deadline || deps.signal?.aborted === true,
    now: deps.now,
    progressEveryMs: 1000,
    ...(onProgress ? { onProgress: (p) => { onProgress(searchProgress(p, budget)); } } : {}),
    params: { ...WEEK_SEARCH, ...deps.params },
  });
  const sliceMs = deps.sliceMs ?? 50;
  for (;;) {
    const sliceEnd = deps.now() + sliceMs;
    let finished = false;
    while (!finished && deps.now() < sliceEnd) finished = search.step(1);
    throwIfAborted(deps.signal);
    if (finished) break;
    await yieldToEventLoop();
  }
  const result = report(compiled, search.best(), { source: matrix.source, fallback });
  const wantsGeometry = request.options.geometry && matrix.source === 'osrm' && deps.geometry;
  return wantsGeometry ? withGeometry(result, request, deps.geometry, deps.signal) : result;
}

interface TravelMatrix {
  readonly matrix: Matrix;
  readonly fallback: boolean;
  /** Location index → why the road network cannot reach it. */
  readonly unreachable: ReadonlyMap<number, string>;
}

/**
 * The matrix over every point of the request. Points the road network cannot
 * reach are left out of the fetch (their rows stay empty and the domain plans
 * nothing there); a rep whose own start or end is unreachable cannot be planned.
 */
async function travelMatrix(request: PlanRequest, source: TravelTimeSource, deps: PipelineDeps): Promise<TravelMatrix> {
  const points = pointsOf(request);
  const home = request.rep.end === undefined ? 1 : 2;
  try {
    return { matrix: await fetchMatrix(points, source, deps), fallback: false, unreachable: new Map() };
  } catch (error) {
    if (error instanceof UnreachablePointsError) {
      if (error.points.some((p) => p.index < home)) throw new UnreachableHomeError(`The rep's start or end cannot be reached by road: ${error.message}`);
      const unreachable = new Map(error.points.map((p) => [p.index, describe(p)]));
      const kept = points.flatMap((_, i) => (unreachable.has(i) ? [] : [i]));
      const part = await fetchMatrix(kept.map((i) => points[i] ?? request.rep.start), source, deps);
      return { matrix: embed(part, kept, points.length), fallback: false, unreachable };
    }
    const fallbackAllowed = request.options.fallbackToHaversine ?? deps.fallbackToHaversine;
    if (source !== 'osrm' || !fallbackAllowed || deps.signal?.aborted) throw error;
    return { matrix: await fetchMatrix(points, 'haversine', deps), fallback: true, unreachable: new Map() };
  }
}

/** The request's own travel times, rounded to whole seconds and metres. */
function ownMatrix(cells: NonNullable<PlanRequest['matrix']>): TravelMatrix {
  const n = cells.durations.length;
  const flat = (rows: readonly (readonly number[])[]) => {
    const out = new Int32Array(n * n);
    rows.forEach((row, i) => {
      row.forEach((v, j) => (out[i * n + j] = Math.round(v)));
    });
    return out;
  };
  const matrix: Matrix = { size: n, durations: flat(cells.durations), distances: flat(cells.distances), source: 'request' };
  return { matrix, fallback: false, unreachable: new Map() };
}

function fetchMatrix(points: readonly Location[], source: TravelTimeSource, deps: PipelineDeps): Promise<Matrix> {
  return deps.travelTimes(source).matrix(points, deps.signal ? { signal: deps.signal } : {});
}

/** A matrix over `size` points holding `part` at the rows and columns `kept`; other cells are 0 and never used. */
function embed(part: Matrix, kept: readonly number[], size: number): Matrix {
  const durations = new Int32Array(size * size);
  const distances = new Int32Array(size * size);
  kept.forEach((from, i) => {
    kept.forEach((to, j) => {
      durations[from * size + to] = part.durations[i * part.size + j] ?? 0;
      distances[from * size + to] = part.distances[i * part.size + j] ?? 0;
    });
  });
  return { size, durations, distances, source: part.source };
}

function describe(point: UnreachablePoint): string {
  switch (point.reason) {
    case 'no-road-nearby':
      return 'there is no road near its location';
    case 'snapped-too-far':
      return `the nearest road is ${(Math.round((point.snapMetres ?? 0) / 100) / 10).toFixed(1)} km from its location`;
    case 'no-route':
      return 'no road route leads to or from its location';
  }
}

/** Adds each day's road geometry; a failure leaves that day without it, with a warning, rather than failing the plan. */
async function withGeometry(result: PlanResult, request: PlanRequest, geometry: RouteGeometry, signal?: AbortSignal): Promise<PlanResult> {
  const where = new Map<string, Location>([...request.accounts, ...request.prospects].map((a) => [a.id, a.location]));
  const start = request.rep.start;
  const end = request.rep.end ?? start;
  const days = await Promise.all(
    result.days.map(async (day) => {
      const stops = day.stops.flatMap((s) => (s.id === undefined ? [] : [where.get(s.id) ?? start]));
      try {
        return { day: { ...day, geometry: await geometry([start, ...stops, end], signal ? { signal } : {}) } };
      } catch (error) {
        return { day, warning: `No road geometry for ${day.date}: ${error instanceof Error ? error.message : String(error)}` };
      }
    }),
  );
  const warnings = days.flatMap((d) => (d.warning === undefined ? [] : [d.warning]));
  return { ...result, days: days.map((d) => d.day), ...(warnings.length > 0 ? { warnings: [...(result.warnings ?? []), ...warnings] } : {}) };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PlanCancelledError('The plan was cancelled.');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
