/** The solver's public surface. */
export * from './problem.js';
export * from './plan.js';
export { scheduleRoute, isFeasibleRoute } from './schedule.js';
export { evaluatePlan, edgeCost, clientCost, fixedCost, routeCost, routeTotals } from './cost.js';
export { Rng } from './rng.js';
export { maxIterations, deadline, aborted, any, type StopCriterion } from './stop.js';
export { Solution } from './solution.js';
export { DEFAULT_PARAMS, type SearchParams } from './ruin-recreate.js';
export { solve, createSearch, DEFAULT_MAX_ITERATIONS, type SolveOptions, type SolveResult, type Search } from './solve.js';
