/**
 * Or-opt: moves two or three consecutive visits starting at u to just after
 * v, keeping their order; the segment form of relocate.
 */
import type { Solution } from '../solution.js';
import type { RouteOperator } from './operator.js';
import { Relocate } from './relocate.js';

export function orOpt(sol: Solution, length: 2 | 3): RouteOperator {
  return new Relocate(sol, length, `or-opt-${length}`);
}
