/**
 * The contract of a local-search move. Route operators work on visit nodes:
 * the visit of client c on day d is node `c * numDays + d` (the same index as
 * `Solution.shiftOf`), and node `numClients * numDays + s` stands for the
 * start of the route of shift s. `evaluate` returns the exact cost delta of
 * the move, Infinity when it does not apply, and checks feasibility only for
 * improving moves (negative deltas): a non-negative result says nothing about
 * feasibility. `apply` performs a move whose evaluation was negative.
 */
import { edgeCost, fixedCost } from '../cost.js';
import type { Solution } from '../solution.js';

export interface RouteOperator {
  readonly name: string;
  evaluate(u: number, v: number): number;
  apply(u: number, v: number): void;
}

/** A move on one client as a whole (its pattern and all its visits). */
export interface ClientOperator {
  readonly name: string;
  evaluate(client: number): number;
  apply(client: number): void;
}

/** Where a node sits: its shift and position (-1 for a route start). */
export interface Where {
  shift: number;
  pos: number;
}

/** Finds node `node` in `sol`; the node must be a served visit or a route start. */
export function locate(sol: Solution, node: number, out: Where): Where {
  const { clients, numDays } = sol.problem;
  const starts = clients.length * numDays;
  if (node >= starts) {
    out.shift = node - starts;
    out.pos = -1;
  } else {
    out.shift = sol.shiftOf[node];
    out.pos = sol.position(out.shift, Math.floor(node / numDays));
  }
  return out;
}

/** Location at position `pos` of the route of `shift`: the start for -1, the end for the route's length. */
export function locationAt(sol: Solution, shift: number, pos: number): number {
  const route = sol.routes[shift];
  const s = sol.problem.shifts[shift];
  if (pos < 0) return s.startLocation;
  if (pos >= route.length) return s.endLocation;
  return sol.problem.clients[route[pos]].location;
}

/**
 * What the visit at position i of the route of `shift` adds to the route's
 * cost: its detour (the fixed cost when it is alone) and its excess load.
 * Taking it out saves exactly this.
 */
export function visitCost(sol: Solution, shift: number, i: number): number {
  const problem = sol.problem;
  const p = locationAt(sol, shift, i - 1);
  const x = locationAt(sol, shift, i);
  const q = locationAt(sol, shift, i + 1);
  const direct = sol.routes[shift].length === 1 ? -fixedCost(problem, shift) : edgeCost(problem, p, q);
  const load = -sol.loadDelta(shift, -problem.clients[sol.routes[shift][i]].demand);
  return edgeCost(problem, p, x) + edgeCost(problem, x, q) - direct + load;
}

/** Tolerance under which a delta does not count as an improvement. */
export const EPSILON = 1e-7;
