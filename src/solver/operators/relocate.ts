/**
 * Relocate: moves the segment of `length` consecutive visits that starts at
 * visit u to just after node v (a visit or a route start) of the same day, in
 * the same route or another one, keeping its orientation. Length 1 is the
 * classic relocate; or-opt uses lengths 2 and 3.
 */
import { edgeCost } from '../cost.js';
import { isFeasibleRoute } from '../schedule.js';
import type { Solution } from '../solution.js';
import { copyWithout, EPSILON, locate, locationAt, scratch, type RouteOperator, type Where } from './operator.js';

export class Relocate implements RouteOperator {
  readonly name: string;
  private readonly sol: Solution;
  private readonly length: number;
  private readonly wu: Where = { shift: -1, pos: -1 };
  private readonly wv: Where = { shift: -1, pos: -1 };
  private readonly a: Int32Array;
  private readonly b: Int32Array;

  constructor(sol: Solution, length = 1, name = 'relocate') {
    this.sol = sol;
    this.length = length;
    this.name = name;
    [this.a, this.b] = scratch(sol.problem);
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
    const removed = (ru.length === this.length ? 0 : edgeCost(problem, p, q))
      - edgeCost(problem, p, first) - edgeCost(problem, last, q);
    const x = locationAt(sol, sv, iv);
    const y = locationAt(sol, sv, iv + 1);
    const added = edgeCost(problem, x, first) + edgeCost(problem, last, y)
      - (rv.length === 0 ? 0 : edgeCost(problem, x, y));
    const delta = removed + added;
    if (delta >= -EPSILON) return delta;
    return this.feasible(su, iu, sv, iv) ? delta : Infinity;
  }

  private feasible(su: number, iu: number, sv: number, iv: number): boolean {
    const { sol, a, b, length } = this;
    const ru = sol.routes[su];
    if (su === sv) {
      const at = iv < iu ? iv + 1 : iv + 1 - length;
      const len = copyWithout(ru, iu, iu + length, b);
      a.set(b.subarray(0, at));
      for (let k = 0; k < length; k++) a[at + k] = ru[iu + k];
      a.set(b.subarray(at, len), at + length);
      return isFeasibleRoute(sol.problem, su, a, ru.length);
    }
    const lenA = copyWithout(ru, iu, iu + length, a);
    if (!isFeasibleRoute(sol.problem, su, a, lenA)) return false;
    const rv = sol.routes[sv];
    let k = copyWithout(rv, iv + 1, rv.length, b);
    for (let i = 0; i < length; i++) b[k++] = ru[iu + i];
    for (let i = iv + 1; i < rv.length; i++) b[k++] = rv[i];
    return isFeasibleRoute(sol.problem, sv, b, k);
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
