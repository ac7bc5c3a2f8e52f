/**
 * Optional ejection: serves a required client better (a pattern missing fewer
 * visits) by taking the optional clients (prospects) off the days of that
 * pattern, and puts them back wherever they still fit. Insertion alone never
 * finds this move: the required visit fits only once the optional ones are
 * gone. Missed required visits outweigh prizes, so in a local optimum no
 * optional client holds a place a missed required visit could take.
 *
 * The move is tried on the solution itself and undone: it is rare (a required
 * client missing visits, with optional clients on its days) and exact. Only
 * the routes and the clients it touches are saved and priced.
 */
import { clientCost } from '../cost.js';
import type { Inserter, PatternChoice } from '../insertion.js';
import type { Solution } from '../solution.js';
import type { ClientOperator } from './operator.js';

export class OptionalEjection implements ClientOperator {
  readonly name = 'optional-ejection';
  private readonly sol: Solution;
  private readonly inserter: Inserter;
  private readonly hasOptional: boolean;
  private readonly choice: PatternChoice = { pattern: -1, cost: 0, second: 0 };
  /** The clients the last trial moved, and their patterns before it. */
  private readonly involved: number[] = [];
  private readonly involvedPattern: number[] = [];
  private readonly savedRoutes: number[][];

  constructor(sol: Solution, inserter: Inserter) {
    this.sol = sol;
    this.inserter = inserter;
    this.hasOptional = sol.problem.clients.some((c) => c.optional);
    this.savedRoutes = sol.problem.shifts.map(() => []);
  }

  evaluate(client: number): number {
    if (!this.hasOptional || !this.worthTrying(client)) return Infinity;
    const before = this.routeCost();
    const done = this.trial(client);
    let delta = this.routeCost() - before;
    this.involved.forEach((c, k) => {
      delta += clientCost(this.sol.problem, c, this.sol.pattern[c]) - clientCost(this.sol.problem, c, this.involvedPattern[k]);
    });
    this.restore();
    return done ? delta : Infinity;
  }

  apply(client: number): void {
    this.trial(client);
  }

  private routeCost(): number {
    let total = 0;
    for (const c of this.sol.routeCosts) total += c;
    return total;
  }

  /** A required client with a better pattern, one of whose days holds an optional client. */
  private worthTrying(client: number): boolean {
    const { problem, pattern, routes } = this.sol;
    const c = problem.clients[client];
    if (c.optional) return false;
    const current = clientCost(problem, client, pattern[client]);
    return c.patterns.some((p, k) => clientCost(problem, client, k) < current
      && p.days.some((d) => problem.shiftsByDay[d].some((s) => routes[s].some((v) => problem.clients[v].optional))));
  }

  /**
   * Tries the client's better patterns, least penalty first: takes the optional
   * clients off their days, serves the client, then puts them back where they
   * fit. Leaves the solution changed and returns true at the first that serves it;
   * else leaves it as it was (`restore` undoes a successful one too).
   */
  private trial(client: number): boolean {
    const { sol, inserter } = this;
    const { problem } = sol;
    this.save(client);
    const current = clientCost(problem, client, sol.pattern[client]);
    const order = problem.clients[client].patterns.map((_, p) => p).filter((p) => clientCost(problem, client, p) < current);
    order.sort((a, b) => clientCost(problem, client, a) - clientCost(problem, client, b) || a - b);
    for (const p of order) {
      const days = problem.clients[client].patterns[p].days;
      const ejected: number[] = [];
      for (const d of days) {
        for (const s of problem.shiftsByDay[d]) {
          for (const v of sol.routes[s]) if (problem.clients[v].optional && !ejected.includes(v)) ejected.push(v);
        }
      }
      if (ejected.length === 0) continue;
      for (const v of ejected) this.involve(v);
      for (const v of ejected) sol.removeClient(v);
      sol.removeClient(client);
      if (days.every((d) => inserter.bestOnDay(client, d) < Infinity)) {
        inserter.insertClient(client, p);
        ejected.sort((a, b) => problem.clients[b].prize - problem.clients[a].prize || a - b);
        for (const v of ejected) inserter.insertClient(v, inserter.choose(v, false, this.choice).pattern);
        return true;
      }
      this.restore();
      this.save(client);
    }
    return false;
  }

  private save(client: number): void {
    this.involved.length = 0;
    this.involvedPattern.length = 0;
    this.involve(client);
    this.sol.routes.forEach((r, s) => {
      const saved = this.savedRoutes[s];
      saved.length = 0;
      for (const v of r) saved.push(v);
    });
  }

  private involve(client: number): void {
    if (this.involved.includes(client)) return;
    this.involved.push(client);
    this.involvedPattern.push(this.sol.pattern[client]);
  }

  /** Puts back the routes and the involved clients' patterns of the last `save`. */
  private restore(): void {
    const { sol } = this;
    const D = sol.problem.numDays;
    sol.routes.forEach((r, s) => {
      const saved = this.savedRoutes[s];
      if (r.length === saved.length && r.every((v, i) => v === saved[i])) return;
      r.length = 0;
      for (const v of saved) r.push(v);
      sol.updateRoute(s);
    });
    // Routes rebuilt their visits' places; a moved client may still point at a day it left.
    this.involved.forEach((c, k) => {
      if (sol.pattern[c] === this.involvedPattern[k]) return;
      for (let d = 0; d < D; d++) {
        const s = sol.shiftOf[c * D + d];
        if (s >= 0 && sol.routes[s][sol.posOf[c * D + d]] !== c) sol.shiftOf[c * D + d] = -1;
      }
      sol.setPattern(c, this.involvedPattern[k]);
    });
  }
}
