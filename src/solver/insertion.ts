/**
 * Cheapest feasible insertion of a client: per day into the routes of that
 * day, and per client over its patterns. Shared by construction, recreate and
 * the pattern-change operator. Results per (client, day) are cached until a
 * route of that day changes.
 */
import { clientCost, edgeCost } from './cost.js';
import { isFeasibleRoute } from './schedule.js';
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
  private readonly candCost: Float64Array;
  private readonly candShift: Int32Array;
  private readonly candPos: Int32Array;
  private readonly order: Int32Array;
  private readonly view: Int32Array;
  private readonly buf: Int32Array;
  private readonly dayCost: Float64Array;
  private readonly cacheStamp: Int32Array;
  private readonly cacheCost: Float64Array;
  private readonly cacheShift: Int32Array;
  private readonly cachePos: Int32Array;

  constructor(sol: Solution) {
    this.sol = sol;
    const p = sol.problem;
    const slots = p.clients.length * p.numDays + p.shifts.length + 1;
    this.candCost = new Float64Array(slots);
    this.candShift = new Int32Array(slots);
    this.candPos = new Int32Array(slots);
    this.order = new Int32Array(slots);
    this.view = new Int32Array(p.clients.length + 1);
    this.buf = new Int32Array(p.clients.length + 1);
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

  private search(client: number, day: number, skip: number): number {
    const problem = this.sol.problem;
    const c = problem.clients[client];
    let k = 0;
    for (const s of problem.shiftsByDay[day]) {
      const shift = problem.shifts[s];
      const len = this.fillView(s, skip);
      if (len + 1 > shift.maxVisits) continue;
      let load = c.demand;
      for (let i = 0; i < len; i++) load += problem.clients[this.view[i]].demand;
      if (load > shift.capacity) continue;
      for (let pos = 0; pos <= len; pos++) {
        this.candCost[k] = insertDelta(this.sol, s, this.view, len, pos, c.location);
        this.candShift[k] = s;
        this.candPos[k] = pos;
        this.order[k] = k;
        k++;
      }
    }
    const order = this.order.subarray(0, k);
    const costs = this.candCost;
    order.sort((a, b) => costs[a] - costs[b] || a - b);
    for (const i of order) {
      const s = this.candShift[i];
      const pos = this.candPos[i];
      const len = this.fillView(s, skip);
      this.buf.set(this.view.subarray(0, pos));
      this.buf[pos] = client;
      this.buf.set(this.view.subarray(pos, len), pos + 1);
      if (isFeasibleRoute(problem, s, this.buf, len + 1)) {
        this.shift = s;
        this.pos = pos;
        return costs[i];
      }
    }
    this.shift = -1;
    this.pos = -1;
    return Infinity;
  }

  /** Copies the route of shift `s` without `skip` into `view`; returns its length. */
  private fillView(s: number, skip: number): number {
    let len = 0;
    for (const v of this.sol.routes[s]) if (v !== skip) this.view[len++] = v;
    return len;
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

/** Cost of putting location `loc` at `pos` of the route `seq[0..len)` of shift `s`. */
export function insertDelta(sol: Solution, s: number, seq: ArrayLike<number>, len: number, pos: number, loc: number): number {
  const problem = sol.problem;
  const shift = problem.shifts[s];
  const prev = pos === 0 ? shift.startLocation : problem.clients[seq[pos - 1]].location;
  const next = pos === len ? shift.endLocation : problem.clients[seq[pos]].location;
  const added = edgeCost(problem, prev, loc) + edgeCost(problem, loc, next);
  return len === 0 ? added : added - edgeCost(problem, prev, next);
}
