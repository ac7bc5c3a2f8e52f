/**
 * The solver's entry points. `createSearch` builds the first solution and
 * then runs ruin-and-recreate iterations in slices, so that a caller can
 * yield to its event loop between them; `solve` runs it to the end. The
 * result depends only on the problem, the seed and the number of iterations,
 * however they are sliced.
 */
import type { Plan, Progress } from './plan.js';
import type { Problem } from './problem.js';
import { Rng } from './rng.js';
import { DEFAULT_PARAMS, RuinRecreate, type SearchParams } from './ruin-recreate.js';

/** Iterations run when neither `maxIterations` nor `stop` bounds the search. */
export const DEFAULT_MAX_ITERATIONS = 1000;

export interface SolveOptions {
  seed: number;
  /** Iteration budget; unbounded when `stop` is given, else DEFAULT_MAX_ITERATIONS. */
  maxIterations?: number;
  /** Called before each iteration; true ends the search (deadline, cancellation...). */
  stop?: (iteration: number, bestCost: number) => boolean;
  onProgress?: (p: Progress) => void;
  /** Clock in milliseconds, used only for progress reports. */
  now?: () => number;
  /** Least time between progress reports (default 1000 ms; every 100 iterations without `now`). */
  progressEveryMs?: number;
  /** Tuning; defaults to DEFAULT_PARAMS. */
  params?: Partial<SearchParams>;
  /** Recompute the cost after every local-search move and throw when it differs from the move's delta. */
  checkDeltas?: boolean;
}

export interface SolveResult {
  plan: Plan;
  iterations: number;
}

export interface Search {
  /** Runs up to `iterations` more iterations; true when the search has finished. */
  step(iterations: number): boolean;
  best(): Plan;
  iterations(): number;
}

export function createSearch(problem: Problem, options: SolveOptions): Search {
  const rng = new Rng(options.seed);
  const engine = new RuinRecreate(problem, { ...DEFAULT_PARAMS, ...options.params }, options.checkDeltas ?? false);
  const limit = options.maxIterations ?? (options.stop ? Infinity : DEFAULT_MAX_ITERATIONS);
  const now = options.now;
  const started = now?.() ?? 0;
  let lastReport = started;
  let iteration = 0;
  let bestCost = Infinity;
  bestCost = engine.construct(rng, () => options.stop?.(iteration, bestCost) === true);
  let best = engine.current.sol.unload();
  let bestRouting = best.cost.travel + problem.distanceWeight * best.cost.distance;
  let finished = false;
  let reported = false;
  /** The iteration of the last new best (or restart). */
  let improved = 0;
  const restartAfter = engine.restartAfter;

  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    const t = now?.() ?? 0;
    const due = now ? t - lastReport >= (options.progressEveryMs ?? 1000) : iteration % 100 === 0;
    if (!force && !due) return;
    lastReport = t;
    options.onProgress({ iteration, bestCost, elapsedMs: t - started });
  };

  const step = (iterations: number): boolean => {
    for (let k = 0; k < iterations && !finished; k++) {
      if (iteration >= limit || options.stop?.(iteration, bestCost) === true) {
        finished = true;
        break;
      }
      const { cost, solution, feasible } = engine.iterate(rng, iteration, bestCost, bestRouting);
      iteration++;
      if (feasible && cost < bestCost - 1e-9) {
        best = solution.unload();
        bestCost = cost;
        bestRouting = best.cost.travel + problem.distanceWeight * best.cost.distance;
        improved = iteration;
      } else if (restartAfter > 0 && iteration - improved >= Math.max(restartAfter, improved)) {
        // Stuck for as long as it took to get here: start a new trajectory from scratch.
        engine.restart(rng);
        improved = iteration;
      }
      report(false);
    }
    if (iteration >= limit) finished = true;
    if (finished && !reported) {
      reported = true;
      report(true);
    }
    return finished;
  };

  return { step, best: () => best, iterations: () => iteration };
}

export function solve(problem: Problem, options: SolveOptions): SolveResult {
  const search = createSearch(problem, options);
  while (!search.step(100));
  return { plan: search.best(), iterations: search.iterations() };
}
