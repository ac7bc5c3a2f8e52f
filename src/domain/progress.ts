/**
 * The search's own progress (cost seconds, iterations) in the units of the
 * result: the objective in minutes, as `summary.objective.total`, how far the
 * search is against its budget, and when it should end.
 */
import type { PlanProgress } from '../contract/plan-job.js';
import type { Progress } from '../solver/plan.js';

export interface SearchBudget {
  readonly timeLimitMs: number;
  /** The iteration budget, when the request sets one. */
  readonly iterations?: number | undefined;
}

export function searchProgress(progress: Progress, budget: SearchBudget): PlanProgress {
  const { iteration, elapsedMs, bestCost } = progress;
  const byTime = elapsedMs / budget.timeLimitMs;
  const byIterations = budget.iterations === undefined || budget.iterations === 0 ? 0 : iteration / budget.iterations;
  const share = Math.min(1, Math.max(byTime, byIterations));
  // Whichever ends the search first: the deadline, or the iteration budget at the pace so far.
  const untilDeadline = Math.max(0, budget.timeLimitMs - elapsedMs);
  const untilBudget = budget.iterations === undefined || iteration === 0 ? Infinity : (Math.max(0, budget.iterations - iteration) * elapsedMs) / iteration;
  return {
    iteration,
    elapsedMs: Math.round(elapsedMs),
    percent: round(share * 100, 1),
    bestObjective: round(bestCost / 60, 2),
    etaSeconds: round(Math.min(untilDeadline, untilBudget) / 1000, 1),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
