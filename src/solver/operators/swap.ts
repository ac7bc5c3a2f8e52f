/**
 * Swap: exchanges visits u and v of the same day, in one route or two.
 */
import { edgeCost } from '../cost.js';
import type { Solution } from '../solution.js';
import { EPSILON, locate, locationAt, type RouteOperator, type Where } from './operator.js';

export class Swap implements RouteOperator {
  readonly name = 'swap';
  private readonly sol: Solution;
  private readonly starts: number;
  private readonly wu: Where = { shift: -1, pos: -1 };
  private readonly wv: Where = { shift: -1, pos: -1 };

  constructor(sol: Solution) {
    this.sol = sol;
    this.starts = sol.problem.clients.length * sol.problem.numDays;
  }

  evaluate(u: number, v: number): number {
    if (u === v || u >= this.starts || v >= this.starts) return Infinity;
    const sol = this.sol;
    const { shift: su, pos: iu } = locate(sol, u, this.wu);
    const { shift: sv, pos: iv } = locate(sol, v, this.wv);
    if (sol.problem.shifts[su].day !== sol.problem.shifts[sv].day) return Infinity;
    let delta = su === sv && Math.abs(iu - iv) === 1
      ? this.adjacentDelta(su, Math.min(iu, iv))
      : this.halfDelta(su, iu, locationAt(sol, sv, iv)) + this.halfDelta(sv, iv, locationAt(sol, su, iu));
    if (su !== sv && sol.loadWeight > 0) {
      const { clients } = sol.problem;
      const change = clients[sol.routes[sv][iv]].demand - clients[sol.routes[su][iu]].demand;
      delta += sol.loadDelta(su, change) + sol.loadDelta(sv, -change);
    }
    if (delta >= -EPSILON) return delta;
    return this.feasible(su, iu, sv, iv) ? delta : Infinity;
  }

  /** Change at position i of route s when its visit is replaced by location `loc`. */
  private halfDelta(s: number, i: number, loc: number): number {
    const { sol } = this;
    const problem = sol.problem;
    const p = locationAt(sol, s, i - 1);
    const q = locationAt(sol, s, i + 1);
    const old = locationAt(sol, s, i);
    return edgeCost(problem, p, loc) + edgeCost(problem, loc, q) - edgeCost(problem, p, old) - edgeCost(problem, old, q);
  }

  /** p, x, y, q becomes p, y, x, q, with x at position i. */
  private adjacentDelta(s: number, i: number): number {
    const { sol } = this;
    const problem = sol.problem;
    const p = locationAt(sol, s, i - 1);
    const x = locationAt(sol, s, i);
    const y = locationAt(sol, s, i + 1);
    const q = locationAt(sol, s, i + 2);
    return edgeCost(problem, p, y) + edgeCost(problem, y, x) + edgeCost(problem, x, q)
      - edgeCost(problem, p, x) - edgeCost(problem, x, y) - edgeCost(problem, y, q);
  }

  private feasible(su: number, iu: number, sv: number, iv: number): boolean {
    const prop = this.sol.proposal;
    const ru = this.sol.routes[su];
    const rv = this.sol.routes[sv];
    if (su === sv) {
      const i = Math.min(iu, iv);
      const j = Math.max(iu, iv);
      return prop.begin(su, i).visit(ru[j]).range(su, i + 1, j).visit(ru[i]).rest(su, j + 1).fits();
    }
    return prop.begin(su, iu).visit(rv[iv]).rest(su, iu + 1).fits()
      && prop.begin(sv, iv).visit(ru[iu]).rest(sv, iv + 1).fits();
  }

  apply(u: number, v: number): void {
    const sol = this.sol;
    const { shift: su, pos: iu } = locate(sol, u, this.wu);
    const { shift: sv, pos: iv } = locate(sol, v, this.wv);
    const cu = sol.routes[su][iu];
    sol.routes[su][iu] = sol.routes[sv][iv];
    sol.routes[sv][iv] = cu;
    sol.updateRoute(su);
    if (sv !== su) sol.updateRoute(sv);
  }
}
