/**
 * Pattern change, the periodic move: takes all of a client's visits out and
 * serves it again with its best pattern (another one, the same one at better
 * places, or none), each visit at the cheapest feasible place of its day.
 * Unserved clients are tried the same way, which inserts them when that pays.
 */
import { clientCost } from '../cost.js';
import { Inserter, type PatternChoice } from '../insertion.js';
import type { Solution } from '../solution.js';
import { EPSILON, visitCost, type ClientOperator } from './operator.js';

export class PatternChange implements ClientOperator {
  readonly name = 'pattern-change';
  private readonly sol: Solution;
  private readonly inserter: Inserter;
  private readonly choice: PatternChoice = { pattern: -1, cost: 0, second: 0 };

  constructor(sol: Solution, inserter: Inserter) {
    this.sol = sol;
    this.inserter = inserter;
  }

  evaluate(client: number): number {
    const { sol, choice } = this;
    const problem = sol.problem;
    const D = problem.numDays;
    let current = clientCost(problem, client, sol.pattern[client]);
    for (let d = 0; d < D; d++) {
      const s = sol.shiftOf[client * D + d];
      if (s >= 0) current += visitCost(sol, s, sol.position(s, client));
    }
    this.inserter.choose(client, true, choice);
    const delta = choice.cost - current;
    if (delta >= -EPSILON) return delta;
    for (let d = 0; d < D; d++) {
      const s = sol.shiftOf[client * D + d];
      if (s < 0) continue;
      const at = sol.position(s, client);
      if (!sol.proposal.begin(s, at).rest(s, at + 1).fits()) return Infinity;
    }
    return delta;
  }


  /** Applies the choice of the last `evaluate`, which must have been for `client`. */
  apply(client: number): void {
    this.sol.removeClient(client);
    this.inserter.insertClient(client, this.choice.pattern);
  }
}
