/**
 * Relocate: moves the segment of `length` consecutive visits that starts at
 * visit u to just after node v (a visit or a route start) of the same day, in
 * the same route or another one, keeping its orientation. Length 1 is the
 * classic relocate; or-opt uses lengths 2 and 3.
 */
import { edgeCost, fixedCost } from '../cost.js';
import type { Solution } from '../solution.js';
import { EPSILON, locate, locationAt, type RouteOperator, type Where } from './operator.js';

export class Relocate implements RouteOperator {
  readonly name: string;
  private readonly sol: Solution;
  private readonly length: number;
  private readonly wu: Where = { shift: -1, pos: -1 };
  private readonly wv: Where = { shift: -1, pos: -1 };

  constructor(sol: Solution, length = 1, name = 'relocate') {
    this.sol = sol;
    this.length = length;
    this.name = name;
  }

  evaluate(u: number, v: number): number {
    const sol = this.sol;
    const problem = sol.problem;
    const { shift: su, pos: iu } = locate(sol, u, this.wu);
    const { shift: sv, pos: iv } = locate(sol, v, this.wv);
    if (sol.problem.shifts[su].day !== sol.problem.shifts[sv].day) return Infinity;
    const ru = sol.routes[su];
    const rv = sol.routes[sv];
    const end = iu + this.length;
    if (end > ru.length) return Infinity;
    if (su === sv && iv >= iu - 1 && iv < end) return Infinity;
    const first = locationAt(sol, su, iu);
    const last = locationAt(sol, su, end - 1);
    const p = locationAt(sol, su, iu - 1);
    const q = locationAt(sol, su, end);
    const removed = (ru.length === this.length && su !== sv ? -fixedCost(problem, su) : edgeCost(problem, p, q))
      - edgeCost(problem, p, first) - edgeCost(problem, last, q);
    const x = locationAt(sol, sv, iv);
    const y = locationAt(sol, sv, iv + 1);
    const added = edgeCost(problem, x, first) + edgeCost(problem, last, y)
      - (rv.length === 0 ? -fixedCost(problem, sv) : edgeCost(problem, x, y));
    let delta = removed + added;
    if (su !== sv && sol.loadWeight > 0) {
      const loads = sol.cache.loads(su);
      const moved = loads[end] - loads[iu];
      delta += sol.loadDelta(su, -moved) + sol.loadDelta(sv, moved);
    }
    if (delta >= -EPSILON) return delta;
    return this.feasible(su, iu, sv, iv) ? delta : Infinity;
  }

  private feasible(su: number, iu: number, sv: number, iv: number): boolean {
    const { sol, length } = this;
    const prop = sol.proposal;
    const end = iu + length;
    if (su === sv) {
      if (iv < iu) return prop.begin(su, iv + 1).range(su, iu, end).range(su, iv + 1, iu).rest(su, end).fits();
      return prop.begin(su, iu).range(su, end, iv + 1).range(su, iu, end).rest(su, iv + 1).fits();
    }
    return prop.begin(su, iu).rest(su, end).fits() && prop.begin(sv, iv + 1).range(su, iu, end).rest(sv, iv + 1).fits();
  }

  apply(u: number, v: number): void {
    const sol = this.sol;
    const { shift: su, pos: iu } = locate(sol, u, this.wu);
    const { shift: sv, pos: iv } = locate(sol, v, this.wv);
    const segment = sol.routes[su].splice(iu, this.length);
    const at = su === sv && iv > iu ? iv + 1 - this.length : iv + 1;
    sol.routes[sv].splice(at, 0, ...segment);
    sol.updateRoute(su);
    if (sv !== su) sol.updateRoute(sv);
  }
}
