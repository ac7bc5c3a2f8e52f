/**
 * Stopping criteria: `(iteration, bestCost) => boolean`, true to stop. Time is
 * read through an injected clock and cancellation through a polled signal, so
 * the search itself stays free of ambient state.
 */
export type StopCriterion = (iteration: number, bestCost: number) => boolean;

/** Stops once `iterations` iterations have run. */
export function maxIterations(iterations: number): StopCriterion {
  return (iteration) => iteration >= iterations;
}

/** Stops once `now()` reaches `at` (same unit as `now`, usually milliseconds). */
export function deadline(at: number, now: () => number): StopCriterion {
  return () => now() >= at;
}

/** Stops once the signal is aborted (an `AbortSignal` fits). */
export function aborted(signal: { readonly aborted: boolean }): StopCriterion {
  return () => signal.aborted;
}

/** Stops as soon as any criterion does. */
export function any(...criteria: readonly StopCriterion[]): StopCriterion {
  return (iteration, bestCost) => criteria.some((stop) => stop(iteration, bestCost));
}
