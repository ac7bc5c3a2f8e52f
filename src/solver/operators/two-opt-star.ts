/**
 * 2-opt*: exchanges the tails of two routes of the same day, after visit u
 * and after node v (a visit or a route start). The routes must end at the
 * same location, so that only the two connecting edges change.
 */
import { edgeCost, fixedCost } from '../cost.js';
import type { Solution } from '../solution.js';
import { EPSILON, locate, locationAt, type RouteOperator, type Where } from './operator.js';

export class TwoOptStar implements RouteOperator {
  readonly name = 'two-opt-star';
  private readonly sol: Solution;
  private readonly wu: Where = { shift: -1, pos: -1 };
  private readonly wv: Where = { shift: -1, pos: -1 };

  constructor(sol: Solution) {
    this.sol = sol;
  }

  evaluate(u: number, v: number): number {
    const sol = this.sol;
    const problem = sol.problem;
    const { shift: su, pos: i } = locate(sol, u, this.wu);
    const { shift: sv, pos: j } = locate(sol, v, this.wv);
    if (su === sv || i < 0) return Infinity;
    const shiftU = problem.shifts[su];
    const shiftV = problem.shifts[sv];
    if (shiftU.day !== shiftV.day || shiftU.endLocation !== shiftV.endLocation) return Infinity;
    const ru = sol.routes[su];
    const rv = sol.routes[sv];
    const tailU = ru.length - i - 1;
    const tailV = rv.length - j - 1;
    if (tailU === 0 && tailV === 0) return Infinity;
    const x = locationAt(sol, su, i);
    const xNext = locationAt(sol, su, i + 1);
    const y = locationAt(sol, sv, j);
    const yNext = locationAt(sol, sv, j + 1);
    let delta = edgeCost(problem, x, yNext) + edgeCost(problem, y, xNext) - edgeCost(problem, x, xNext) - edgeCost(problem, y, yNext);
    // An empty route costs nothing, not its start-to-end edge nor its fixed cost.
    const startEnd = edgeCost(problem, shiftV.startLocation, shiftV.endLocation) + fixedCost(problem, sv);
    if (rv.length === 0) delta += startEnd;
    if (j < 0 && tailU === 0) delta -= startEnd;
    if (sol.loadWeight > 0) {
      const loadsU = sol.cache.loads(su);
      const loadsV = sol.cache.loads(sv);
      const change = loadsV[rv.length] - loadsV[j + 1] - (loadsU[ru.length] - loadsU[i + 1]);
      delta += sol.loadDelta(su, change) + sol.loadDelta(sv, -change);
    }
    if (delta >= -EPSILON) return delta;
    return this.feasible(su, i, sv, j) ? delta : Infinity;
  }

  private feasible(su: number, i: number, sv: number, j: number): boolean {
    const prop = this.sol.proposal;
    return prop.begin(su, i + 1).rest(sv, j + 1).fits() && prop.begin(sv, j + 1).rest(su, i + 1).fits();
  }

  apply(u: number, v: number): void {
    const sol = this.sol;
    const { shift: su, pos: i } = locate(sol, u, this.wu);
    const { shift: sv, pos: j } = locate(sol, v, this.wv);
    const tailU = sol.routes[su].splice(i + 1);
    const tailV = sol.routes[sv].splice(j + 1);
    sol.routes[su].push(...tailV);
    sol.routes[sv].push(...tailU);
    sol.updateRoute(su);
    sol.updateRoute(sv);
  }
}
