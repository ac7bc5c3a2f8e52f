/**
 * Replace: an unserved client takes the place of a served one worth less. For
 * each pattern of the unserved client whose days all take it but one, each
 * client served only on that day is tried out of the way: the move pays when
 * what the newcomer saves (its miss penalty, less its pattern's penalty) beats
 * what the other one then costs, routing included. In a full week this is how
 * a more important visit displaces a less important one; insertion alone
 * cannot, as nothing fits until something leaves.
 */
import { clientCost } from '../cost.js';
import type { Inserter } from '../insertion.js';
import type { Solution } from '../solution.js';
import { EPSILON, visitCost, type ClientOperator } from './operator.js';

export class Replace implements ClientOperator {
  readonly name = 'replace';
  private readonly sol: Solution;
  private readonly inserter: Inserter;
  private readonly dayCost: Float64Array;
  /** The best move of the last `evaluate`: pattern, and the client that makes way. */
  private pattern = -1;
  private ousted = -1;

  constructor(sol: Solution, inserter: Inserter) {
    this.sol = sol;
    this.inserter = inserter;
    this.dayCost = new Float64Array(sol.problem.numDays);
  }

  evaluate(client: number): number {
    const { sol, inserter } = this;
    const { problem } = sol;
    const c = problem.clients[client];
    this.pattern = -1;
    this.ousted = -1;
    if (sol.pattern[client] >= 0 || c.optional) return Infinity;
    const unserved = clientCost(problem, client, -1);
    // Only improving moves are looked for. Insertions are taken to cost at least 0 when pruning
    // (true under the triangle inequality), so a few rare moves on road matrices are not tried.
    let best = 0;
    c.patterns.forEach((pattern, p) => {
      if (!sol.capsAllow(client, p)) return;
      const gain = clientCost(problem, client, p) - unserved;
      let others = 0;
      let blocked = -1;
      for (const d of pattern.days) {
        this.dayCost[d] = inserter.bestOnDay(client, d);
        if (this.dayCost[d] < Infinity) others += this.dayCost[d];
        else if (blocked < 0) blocked = d;
        else return;
      }
      // Every day takes it: the pattern-change move's case.
      if (blocked < 0 || gain >= best) return;
      for (const s of problem.shiftsByDay[blocked]) {
        for (let i = 0; i < sol.routes[s].length; i++) {
          const other = sol.routes[s][i];
          if (!this.servedOnlyOn(other, blocked)) continue;
          const loss = clientCost(problem, other, -1) - clientCost(problem, other, sol.pattern[other]);
          if (gain + others + loss >= best - EPSILON) continue;
          const insert = inserter.bestOnDay(client, blocked, other);
          if (insert === Infinity) continue;
          const total = gain + others + loss + insert - visitCost(sol, s, i);
          if (total < best) {
            best = total;
            this.pattern = p;
            this.ousted = other;
          }
        }
      }
    });
    return this.ousted < 0 ? Infinity : best;
  }

  /** Applies the move of the last `evaluate`, which must have been for `client`. */
  apply(client: number): void {
    this.sol.removeClient(this.ousted);
    this.inserter.insertClient(client, this.pattern);
  }

  /** Whether `client` is served, on `day` only and with a single visit there. */
  private servedOnlyOn(client: number, day: number): boolean {
    const { sol } = this;
    const p = sol.pattern[client];
    if (p < 0) return false;
    const days = sol.problem.clients[client].patterns[p].days;
    return days.length === 1 && days[0] === day;
  }

}
