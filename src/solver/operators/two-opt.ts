/**
 * 2-opt within a route: reverses the visits after u up to v (or up to u when
 * v is the route's start). Travel may be asymmetric, so the reversed segment's
 * inner edges are re-costed.
 */
import { edgeCost } from '../cost.js';
import type { Solution } from '../solution.js';
import { EPSILON, locate, locationAt, type RouteOperator, type Where } from './operator.js';

export class TwoOpt implements RouteOperator {
  readonly name = 'two-opt';
  private readonly sol: Solution;
  private readonly wu: Where = { shift: -1, pos: -1 };
  private readonly wv: Where = { shift: -1, pos: -1 };

  constructor(sol: Solution) {
    this.sol = sol;
  }

  evaluate(u: number, v: number): number {
    const sol = this.sol;
    const problem = sol.problem;
    const { shift: su, pos: iu } = locate(sol, u, this.wu);
    const { shift: sv, pos: iv } = locate(sol, v, this.wv);
    if (su !== sv) return Infinity;
    const i = Math.min(iu, iv);
    const j = Math.max(iu, iv);
    if (j - i < 2) return Infinity;
    // Positions i+1..j are reversed: x_i → x_j … x_{i+1} → x_{j+1}.
    let delta = edgeCost(problem, locationAt(sol, su, i), locationAt(sol, su, j))
      + edgeCost(problem, locationAt(sol, su, i + 1), locationAt(sol, su, j + 1))
      - edgeCost(problem, locationAt(sol, su, i), locationAt(sol, su, i + 1))
      - edgeCost(problem, locationAt(sol, su, j), locationAt(sol, su, j + 1));
    for (let k = i + 1; k < j; k++) {
      const x = locationAt(sol, su, k);
      const y = locationAt(sol, su, k + 1);
      delta += edgeCost(problem, y, x) - edgeCost(problem, x, y);
    }
    if (delta >= -EPSILON) return delta;
    return sol.proposal.begin(su, i + 1).reversed(su, i + 1, j + 1).rest(su, j + 1).fits() ? delta : Infinity;
  }

  apply(u: number, v: number): void {
    const sol = this.sol;
    const { shift: s, pos: iu } = locate(sol, u, this.wu);
    const { pos: iv } = locate(sol, v, this.wv);
    const route = sol.routes[s];
    const i = Math.min(iu, iv);
    const j = Math.max(iu, iv);
    const reversed = route.slice(i + 1, j + 1).reverse();
    route.splice(i + 1, reversed.length, ...reversed);
    sol.updateRoute(s);
  }
}
