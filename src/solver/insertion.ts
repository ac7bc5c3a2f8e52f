/**
 * Cheapest feasible insertion of a client: per day into the routes of that
 * day, and per client over its patterns. Shared by construction, recreate and
 * the pattern-change operator. Results per (client, day) are cached until a
 * route of that day changes.
 */
import { clientCost, edgeCost, fixedCost } from './cost.js';
import type { Solution } from './solution.js';

/** The best and second-best ways to serve a client (pattern -1: not served). */
export interface PatternChoice {
  pattern: number;
  /** Client cost plus insertion costs of the best option. */
  cost: number;
  /** Same for the second-best option (Infinity when there is none). */
  second: number;
}

export class Inserter {
  /**
   * When set, `choose` leaves a client out only when no pattern fits: optional
   * clients are served even at a loss. Recreate uses it now and then so that
   * clients that only pay together (sharing a route) get a chance.
   */
  forceServe = false;
  /** Result of the last `bestOnDay`. */
  shift = -1;
  pos = -1;
  private readonly sol: Solution;
  private readonly dayCost: Float64Array;
  private readonly cacheStamp: Int32Array;
  private readonly cacheCost: Float64Array;
  private readonly cacheShift: Int32Array;
  private readonly cachePos: Int32Array;

  constructor(sol: Solution) {
    this.sol = sol;
    const p = sol.problem;
    this.dayCost = new Float64Array(p.numDays);
    const cells = p.clients.length * p.numDays;
    this.cacheStamp = new Int32Array(cells).fill(-1);
    this.cacheCost = new Float64Array(cells);
    this.cacheShift = new Int32Array(cells);
    this.cachePos = new Int32Array(cells);
  }

  /**
   * Cheapest feasible insertion of `client` on `day`, with `skip` (a client,
   * or -1) treated as absent. Sets `shift`/`pos` and returns the cost delta,
   * or Infinity when no route of the day can take the visit.
   */
  bestOnDay(client: number, day: number, skip = -1): number {
    const sol = this.sol;
    const cell = client * sol.problem.numDays + day;
    const cacheable = skip < 0 || sol.shiftOf[skip * sol.problem.numDays + day] < 0;
    if (cacheable && this.cacheStamp[cell] === sol.dayStamp[day]) {
      this.shift = this.cacheShift[cell];
      this.pos = this.cachePos[cell];
      return this.cacheCost[cell];
    }
    const cost = this.search(client, day, cacheable ? -1 : skip);
    if (cacheable) {
      this.cacheStamp[cell] = sol.dayStamp[day];
      this.cacheCost[cell] = cost;
      this.cacheShift[cell] = this.shift;
      this.cachePos[cell] = this.pos;
    }
    return cost;
  }

  /**
   * Scans every position of every route of the day, cheapest first among
   * equals in route and position order, and checks feasibility only for
   * positions that beat the best feasible one so far.
   */
  private search(client: number, day: number, skip: number): number {
    const sol = this.sol;
    const problem = sol.problem;
    const { clients } = problem;
    const c = clients[client];
    const loc = c.location;
    const D = problem.numDays;
    let best = Infinity;
    this.shift = -1;
    this.pos = -1;
    for (const s of problem.shiftsByDay[day]) {
      const shift = problem.shifts[s];
      const route = sol.routes[s];
      const at = skip < 0 || sol.shiftOf[skip * D + day] !== s ? -1 : sol.position(s, skip);
      const len = at < 0 ? route.length : route.length - 1;
      if (len + 1 > shift.maxVisits) continue;
      const load = sol.cache.loads(s)[route.length] - (at < 0 ? 0 : clients[skip].demand) + c.demand;
      if (load > shift.capacity) continue;
      const fixed = fixedCost(problem, s);
      let prev = shift.startLocation;
      for (let pos = 0, i = 0; pos <= len; pos++, i++) {
        if (i === at) i++;
        const next = pos === len ? shift.endLocation : clients[route[i]].location;
        const added = edgeCost(problem, prev, loc) + edgeCost(problem, loc, next);
        const cost = len === 0 ? added + fixed : added - edgeCost(problem, prev, next);
        if (cost < best && this.fits(s, at, pos, client)) {
          best = cost;
          this.shift = s;
          this.pos = pos;
        }
        prev = next;
      }
    }
    return best;
  }

  /** Whether `client` fits at `pos` of the route of `s` without its visit at `at` (-1: none). */
  private fits(s: number, at: number, pos: number, client: number): boolean {
    const prop = this.sol.proposal;
    if (at < 0) return prop.begin(s, pos).visit(client).rest(s, pos).fits();
    if (pos <= at) return prop.begin(s, pos).visit(client).range(s, pos, at).rest(s, at + 1).fits();
    return prop.begin(s, at).range(s, at + 1, pos + 1).visit(client).rest(s, pos + 1).fits();
  }

  /**
   * The best and second-best options for `client`, over its patterns allowed
   * by the optional caps and not serving it. With `self`, the client's own
   * current visits are treated as absent (to re-choose its pattern).
   */
  choose(client: number, self: boolean, out: PatternChoice): PatternChoice {
    const sol = this.sol;
    const problem = sol.problem;
    const skip = self ? client : -1;
    this.dayCost.fill(NaN);
    out.pattern = -1;
    out.cost = this.forceServe ? Infinity : clientCost(problem, client, -1);
    out.second = Infinity;
    problem.clients[client].patterns.forEach((pattern, p) => {
      if (!sol.capsAllow(client, p)) return;
      let total = clientCost(problem, client, p);
      for (const d of pattern.days) {
        if (Number.isNaN(this.dayCost[d])) this.dayCost[d] = this.bestOnDay(client, d, skip);
        total += this.dayCost[d];
        if (total === Infinity) return;
      }
      if (total < out.cost) {
        out.second = out.cost;
        out.cost = total;
        out.pattern = p;
      } else if (total < out.second) {
        out.second = total;
      }
    });
    if (out.pattern < 0) out.cost = clientCost(problem, client, -1);
    return out;
  }

  /** Serves an unserved client with `pattern`, each visit at its cheapest feasible place. */
  insertClient(client: number, pattern: number): void {
    const sol = this.sol;
    if (pattern < 0) return;
    for (const d of sol.problem.clients[client].patterns[pattern].days) {
      this.bestOnDay(client, d);
      sol.insertVisit(client, this.shift, this.pos);
    }
    sol.setPattern(client, pattern);
  }
}
