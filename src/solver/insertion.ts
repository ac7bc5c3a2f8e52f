/**
 * Cheapest feasible insertion of a client: per day into the routes of that
 * day, and per client over its patterns. Shared by construction, recreate and
 * the pattern-change operator. Results per (client, day) are cached until a
 * route of that day changes. Feasibility is checked through `Proposal` (O(1)
 * per position on simple shifts), and only for positions cheaper than the best
 * feasible one so far.
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

/**
 * Granular insertion: on days with more than `from` visits, a visit is tried
 * only next to the visits of its neighbours, in its own route and in empty
 * routes; when none of these fits, every position is tried.
 */
export interface Granular {
  readonly lists: readonly Int32Array[];
  readonly from: number;
}

export class Inserter {
  /**
   * When set, `choose` leaves a client out only when no pattern fits: optional
   * clients are served even at a loss. Recreate uses it now and then so that
   * clients that only pay together (sharing a route) get a chance.
   */
  forceServe = false;
  /**
   * Days with more visits than this insert granularly (the lists' `from` at
   * first). Recreate raises it: a client whose neighbours were removed with
   * it must still find its best place, which emptying routes depends on.
   */
  granularFrom: number;
  /** Result of the last `bestOnDay`. */
  shift = -1;
  pos = -1;
  private readonly sol: Solution;
  private readonly near: Granular | null;
  private best = Infinity;
  private readonly dayCost: Float64Array;
  private readonly cacheStamp: Int32Array;
  private readonly cacheCost: Float64Array;
  private readonly cacheShift: Int32Array;
  private readonly cachePos: Int32Array;
  /** 1 when the cached result came from the granular positions only. */
  private readonly cacheLocal: Uint8Array;
  private granularHit = false;
  /** The solution's price epoch the cache was filled under. */
  private epoch = 0;

  constructor(sol: Solution, near: Granular | null = null) {
    this.sol = sol;
    this.near = near;
    this.granularFrom = near?.from ?? Infinity;
    const p = sol.problem;
    this.dayCost = new Float64Array(p.numDays);
    const cells = p.clients.length * p.numDays;
    this.cacheStamp = new Int32Array(cells).fill(-1);
    this.cacheCost = new Float64Array(cells);
    this.cacheShift = new Int32Array(cells);
    this.cachePos = new Int32Array(cells);
    this.cacheLocal = new Uint8Array(cells);
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
    if (this.epoch !== sol.priceEpoch) {
      this.epoch = sol.priceEpoch;
      this.cacheStamp.fill(-1);
    }
    if (cacheable && this.cacheValid(cell, client, day)) {
      this.shift = this.cacheShift[cell];
      this.pos = this.cachePos[cell];
      return this.cacheCost[cell];
    }
    const cost = this.search(client, day, cacheable ? -1 : skip);
    if (cacheable) {
      this.cacheStamp[cell] = sol.dayStamp[day];
      this.cacheLocal[cell] = this.granularHit ? 1 : 0;
      this.cacheCost[cell] = cost;
      this.cacheShift[cell] = this.shift;
      this.cachePos[cell] = this.pos;
    }
    return cost;
  }

  /**
   * A cached result stands while its day is unchanged. One found next to the
   * client's neighbours only needs the day to be granular still; it also
   * stands while the routes now holding them and the route it names are
   * unchanged: the same positions are still on offer (a route that became
   * empty since may be missed; the result stays feasible).
   */
  private cacheValid(cell: number, client: number, day: number): boolean {
    const sol = this.sol;
    const stamp = this.cacheStamp[cell];
    const local = this.cacheLocal[cell] === 1;
    if (local && !this.granular(day)) return false;
    if (stamp === sol.dayStamp[day]) return true;
    if (!local || this.near === null || stamp < 0) return false;
    const { shiftOf, routeStamp } = sol;
    if (routeStamp[this.cacheShift[cell]] > stamp) return false;
    const D = sol.problem.numDays;
    for (const v of this.near.lists[client]) {
      const s = shiftOf[v * D + day];
      if (s >= 0 && routeStamp[s] > stamp) return false;
    }
    return true;
  }

  private granular(day: number): boolean {
    return this.near !== null && this.sol.visitsOnDay(day) > this.granularFrom;
  }

  /**
   * Scans every position of every route of the day, cheapest first among
   * equals in route and position order, and checks feasibility only for
   * positions that beat the best feasible one so far.
   */
  private search(client: number, day: number, skip: number): number {
    const problem = this.sol.problem;
    this.best = Infinity;
    this.granularHit = false;
    this.shift = -1;
    this.pos = -1;
    const near = this.near;
    const D = problem.numDays;
    if (near !== null && this.granular(day)) {
      // Granular: the positions next to the client's neighbours and one empty route of each kind. The
      // client's own route is taken without it, so that evaluating and applying see the same candidates.
      const sol = this.sol;
      const own = skip >= 0 ? sol.shiftOf[skip * D + day] : -1;
      const at = own >= 0 ? sol.position(own, skip) : -1;
      const ownRoute = own >= 0 ? sol.proposal.without(own, at) : null;
      for (const v of near.lists[client]) {
        const s = sol.shiftOf[v * D + day];
        if (s < 0 || v === skip) continue;
        let p = sol.position(s, v);
        if (s === own && p > at) p--;
        const route = s === own && ownRoute !== null ? ownRoute : sol.routes[s];
        const id = s === own ? sol.proposal.scratch : s;
        const load = this.loadCost(client, s, s === own ? skip : -1);
        this.tryAt(client, s, id, route, p, load);
        this.tryAt(client, s, id, route, p + 1, load);
      }
      for (const s of problem.shiftsByDay[day]) {
        const route = s === own && ownRoute !== null ? ownRoute : sol.routes[s];
        const load = this.loadCost(client, s, s === own ? skip : -1);
        if (route.length === 0) this.tryAt(client, s, s === own ? sol.proposal.scratch : s, route, 0, load);
      }
      if (this.best < Infinity) {
        this.granularHit = true;
        return this.best;
      }
    }
    for (const s of problem.shiftsByDay[day]) this.scan(client, s, skip);
    return this.best;
  }

  /** Every position of the route of `s` (without `skip` when it holds it). */
  private scan(client: number, s: number, skip: number): void {
    const sol = this.sol;
    const problem = sol.problem;
    const { clients } = problem;
    const prop = sol.proposal;
    const shift = problem.shifts[s];
    const c = clients[client];
    const loc = c.location;
    const own = skip >= 0 && sol.shiftOf[skip * problem.numDays + shift.day] === s;
    const len = own ? sol.routes[s].length - 1 : sol.routes[s].length;
    if (len + 1 > shift.maxVisits) return;
    // A detour is rarely negative: a route whose load penalty alone loses to the best is passed over.
    const load = this.loadCost(client, s, own ? skip : -1);
    if (load >= this.best) return;
    const route = own ? prop.without(s, sol.position(s, skip)) : sol.routes[s];
    const id = own ? prop.scratch : s;
    const fixed = fixedCost(problem, s);
    let prev = shift.startLocation;
    for (let pos = 0; pos <= len; pos++) {
      const next = pos === len ? shift.endLocation : clients[route[pos]].location;
      const added = edgeCost(problem, prev, loc) + edgeCost(problem, loc, next);
      const cost = (len === 0 ? added + fixed : added - edgeCost(problem, prev, next)) + load;
      if (cost < this.best && prop.begin(id, pos).visit(client).rest(id, pos).fits()) {
        this.best = cost;
        this.shift = s;
        this.pos = pos;
      }
      prev = next;
    }
  }

  /**
   * What adding `client` does to the excess-load penalty of the route of `s`
   * (without `skip` when it is not -1); Infinity when capacity is a hard limit
   * it would break.
   */
  private loadCost(client: number, s: number, skip: number): number {
    const sol = this.sol;
    const { clients } = sol.problem;
    const out = skip >= 0 ? clients[skip].demand : 0;
    const change = clients[client].demand - out;
    if (sol.loadWeight > 0) return sol.loadPenalty(s, change) - sol.loadPenalty(s, -out);
    return sol.load(s) + change > sol.problem.shifts[s].capacity ? Infinity : 0;
  }

  /**
   * Position `pos` of `route`, the visits of route id `id` (shift `s`, or the
   * scratch copy of it), whose load penalty grows by `load`.
   */
  private tryAt(client: number, s: number, id: number, route: readonly number[], pos: number, load: number): void {
    if (load === Infinity) return;
    const sol = this.sol;
    const problem = sol.problem;
    const shift = problem.shifts[s];
    if (route.length + 1 > shift.maxVisits) return;
    const loc = problem.clients[client].location;
    const prev = pos === 0 ? shift.startLocation : problem.clients[route[pos - 1]].location;
    const next = pos === route.length ? shift.endLocation : problem.clients[route[pos]].location;
    const added = edgeCost(problem, prev, loc) + edgeCost(problem, loc, next);
    const cost = (route.length === 0 ? added + fixedCost(problem, s) : added - edgeCost(problem, prev, next)) + load;
    if (cost < this.best && sol.proposal.begin(id, pos).visit(client).rest(id, pos).fits()) {
      this.best = cost;
      this.shift = s;
      this.pos = pos;
    }
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

  /**
   * Cheapest feasible insertion of `client` into the route of `shift` alone,
   * with `skip` (a client, or -1) treated as absent. Sets `shift`/`pos` and
   * returns the cost delta, or Infinity when no position fits.
   */
  bestInRoute(client: number, shift: number, skip = -1): number {
    this.best = Infinity;
    this.shift = -1;
    this.pos = -1;
    this.scan(client, shift, skip);
    return this.best;
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
