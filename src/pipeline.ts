import type { PlanRequest } from './api/schemas/plan-request.js';
import type { PlanResult } from './api/schemas/plan-result.js';
import { compile, pointsOf } from './domain/compile.js';
import { report } from './domain/report.js';
import type { TravelTimes, TravelTimeSource } from './matrix/travel-times.js';
import { createSearch } from './solver/solve.js';
import type { Progress } from './solver/plan.js';

export interface PipelineDeps {
  /** The provider for a source; `fallback` is used when the first one fails and the request allows it. */
  readonly travelTimes: (source: TravelTimeSource) => TravelTimes;
  readonly defaultSource: TravelTimeSource;
  readonly fallbackToHaversine: boolean;
  /** Today's date in the rep's time zone, "YYYY-MM-DD". */
  readonly today: string;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  /** Longest slice of search between two yields to the event loop. */
  readonly sliceMs?: number;
}

export class PlanCancelledError extends Error {
  override readonly name = 'PlanCancelledError';
}

/** compile → travel times → solve → report, with every dependency injected. */
export async function runPlan(request: PlanRequest, deps: PipelineDeps): Promise<PlanResult> {
  const started = deps.now();
  const source = request.options.travelTimes ?? deps.defaultSource;
  const points = pointsOf(request);
  const { matrix, fallback } = await fetchMatrix(points, source, deps);
  throwIfAborted(deps.signal);

  const compiled = compile(request, matrix, { today: deps.today });
  const limitMs = request.options.timeLimitSeconds * 1000;
  const deadline = started + limitMs;
  const search = createSearch(compiled.problem, {
    seed: request.options.seed,
    ...(request.options.iterations === undefined ? {} : { maxIterations: request.options.iterations }),
    stop: () => deps.now() >= deadline || deps.signal?.aborted === true,
    now: deps.now,
    progressEveryMs: 1000,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
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
  return report(compiled, search.best(), { source: matrix.source, fallback });
}

async function fetchMatrix(points: Parameters<TravelTimes['matrix']>[0], source: TravelTimeSource, deps: PipelineDeps) {
  const options = deps.signal ? { signal: deps.signal } : {};
  try {
    return { matrix: await deps.travelTimes(source).matrix(points, options), fallback: false };
  } catch (error) {
    if (source !== 'osrm' || !deps.fallbackToHaversine || deps.signal?.aborted) throw error;
    return { matrix: await deps.travelTimes('haversine').matrix(points, options), fallback: true };
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PlanCancelledError('The plan was cancelled.');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
