/**
 * Day swap: two clients each visited once exchange their days, each at its
 * cheapest place in the other's route (the other one out of it). Pattern
 * change moves one client at a time, so when both days are full neither can
 * move alone; together they can. The partner is one of the client's
 * neighbours, served on another day that the client may take, and whose own
 * patterns allow the client's day. Each takes the other's route, not any
 * route of that day: on days of several vehicles the other routes are for
 * the route moves to balance.
 */
import { clientCost } from '../cost.js';
import type { Inserter } from '../insertion.js';
import type { Solution } from '../solution.js';
import { EPSILON, visitCost, type ClientOperator } from './operator.js';

export class DaySwap implements ClientOperator {
  readonly name = 'day-swap';
  private readonly sol: Solution;
  private readonly inserter: Inserter;
  private readonly neighbours: readonly Int32Array[];
  /** `single[client * numDays + day]`: the client's pattern visiting that day alone, or -1. */
  private readonly single: Int32Array;
  /** The best move of the last `evaluate`: the partner and the two routes. */
  private partner = -1;
  private ownShift = -1;
  private partnerShift = -1;

  constructor(sol: Solution, inserter: Inserter, neighbours: readonly Int32Array[]) {
    this.sol = sol;
    this.inserter = inserter;
    this.neighbours = neighbours;
    const { clients, numDays: D } = sol.problem;
    this.single = new Int32Array(clients.length * D).fill(-1);
    clients.forEach((c, i) => {
      c.patterns.forEach((p, k) => {
        if (p.days.length === 1 && this.single[i * D + p.days[0]] < 0) this.single[i * D + p.days[0]] = k;
      });
    });
  }

  evaluate(client: number): number {
    const { sol, inserter, single } = this;
    const { problem } = sol;
    const D = problem.numDays;
    this.partner = -1;
    const da = this.dayOf(client);
    if (da < 0) return Infinity;
    const sa = sol.shiftOf[client * D + da];
    const removeA = visitCost(sol, sa, sol.position(sa, client));
    const costA = clientCost(problem, client, sol.pattern[client]);
    // Only improving moves are looked for. Insertions are taken to cost at least 0 when pruning
    // (true under the triangle inequality), so a few rare moves on road matrices are not tried.
    let best = 0;
    for (const b of this.neighbours[client]) {
      const db = this.dayOf(b);
      if (db < 0 || db === da || single[client * D + db] < 0 || single[b * D + da] < 0) continue;
      if (!this.sameCapGroup(client, da, db) || !this.sameCapGroup(b, db, da)) continue;
      const sb = sol.shiftOf[b * D + db];
      const patterns = clientCost(problem, client, single[client * D + db]) - costA
        + clientCost(problem, b, single[b * D + da]) - clientCost(problem, b, sol.pattern[b]);
      const removed = patterns - removeA - visitCost(sol, sb, sol.position(sb, b));
      if (removed >= best - EPSILON) continue;
      const intoB = inserter.bestInRoute(client, sb, b);
      if (intoB === Infinity || removed + intoB >= best - EPSILON) continue;
      const intoA = inserter.bestInRoute(b, sa, client);
      if (intoA === Infinity) continue;
      const total = removed + intoB + intoA;
      if (total < best) {
        best = total;
        this.partner = b;
        this.ownShift = sa;
        this.partnerShift = sb;
      }
    }
    return this.partner < 0 ? Infinity : best;
  }

  /** Applies the move of the last `evaluate`, which must have been for `client`. */
  apply(client: number): void {
    const { sol, partner, ownShift, partnerShift } = this;
    sol.removeClient(client);
    sol.removeClient(partner);
    this.place(client, partnerShift);
    this.place(partner, ownShift);
  }

  /** Serves `client` on the day of `shift` alone, at its cheapest place in that route. */
  private place(client: number, shift: number): void {
    const { sol, inserter, single } = this;
    const day = sol.problem.shifts[shift].day;
    inserter.bestInRoute(client, shift);
    sol.insertVisit(client, shift, inserter.pos);
    sol.setPattern(client, single[client * sol.problem.numDays + day]);
  }

  /** The day of a client served with a one-day pattern, or -1. */
  private dayOf(client: number): number {
    const p = this.sol.pattern[client];
    if (p < 0) return -1;
    const days = this.sol.problem.clients[client].patterns[p].days;
    return days.length === 1 ? days[0] : -1;
  }

  /** An optional client keeps its cap group, so that the caps hold without a count. */
  private sameCapGroup(client: number, from: number, to: number): boolean {
    const { problem } = this.sol;
    if (!problem.clients[client].optional) return true;
    return problem.optionalCaps.dayGroup[from] === problem.optionalCaps.dayGroup[to];
  }

}
