/**
 * The mutable working solution the search owns: one visit list per shift, the
 * chosen pattern per client and the bookkeeping that moves need. It does not
 * protect its own state; callers keep it valid (every route feasible, each
 * served client once on each day of its pattern, optional caps respected).
 * `load` and `unload` convert from and to the immutable `Plan`.
 */
import { clientCost, evaluatePlan, routeCost } from './cost.js';
import type { Plan, PlanRoute } from './plan.js';
import type { Problem } from './problem.js';
import { Proposal } from './proposal.js';
import { RouteCache } from './route-cache.js';

export class Solution {
  readonly problem: Problem;
  /** Client indices per shift, in visiting order. */
  readonly routes: number[][];
  /** Chosen pattern per client, -1 when not served. */
  readonly pattern: Int32Array;
  /** `shiftOf[client * numDays + day]`: the shift visiting the client that day, or -1. */
  readonly shiftOf: Int32Array;
  /** Cost of each route (travel + distanceWeight·distance, fixed cost, excess-load penalty). */
  readonly routeCosts: Float64Array;
  /** Optional visits used per optional-cap group. */
  readonly optionalUsed: Int32Array;
  /** `posOf[client * numDays + day]`: the visit's position in its route (valid while shiftOf is set). */
  readonly posOf: Int32Array;
  /** Prefix and suffix data of every route, for O(1) feasibility checks. */
  readonly cache: RouteCache;
  /** Candidate routes checked against `cache`; shared by the operators of this solution. */
  readonly proposal: Proposal;
  /** Clock value of each route's last change; with `now()`, tells the local search which pairs to re-test. */
  readonly routeStamp: Int32Array;
  /** Bumped whenever a route of the day changes; lets insertion caches know when they are stale. */
  readonly dayStamp: Int32Array;
  /**
   * Price of one unit of load over capacity; 0 keeps capacity a hard limit.
   * The search relaxes capacity on tight instances; only solutions without
   * excess load are kept as results.
   */
  loadWeight = 0;
  /** Bumped when `loadWeight` changes, so that cached insertion costs are dropped. */
  priceEpoch = 0;
  private clock = 0;

  constructor(problem: Problem) {
    this.problem = problem;
    this.routes = problem.shifts.map(() => []);
    this.pattern = new Int32Array(problem.clients.length).fill(-1);
    this.shiftOf = new Int32Array(problem.clients.length * problem.numDays).fill(-1);
    this.posOf = new Int32Array(problem.clients.length * problem.numDays).fill(-1);
    this.cache = new RouteCache(problem);
    this.routeCosts = new Float64Array(problem.shifts.length);
    this.optionalUsed = new Int32Array(problem.optionalCaps.caps.length);
    this.dayStamp = new Int32Array(problem.numDays);
    this.routeStamp = new Int32Array(problem.shifts.length);
    this.proposal = new Proposal(this.cache, this.routes, this.routeStamp);
  }

  static load(problem: Problem, plan: Plan): Solution {
    const sol = new Solution(problem);
    plan.patterns.forEach((p, c) => {
      sol.setPattern(c, p);
    });
    for (const r of plan.routes) {
      sol.routes[r.shift].push(...r.visits);
      sol.updateRoute(r.shift);
    }
    return sol;
  }

  unload(): Plan {
    const routes: PlanRoute[] = [];
    this.routes.forEach((visits, shift) => {
      if (visits.length > 0) routes.push({ shift, visits: [...visits] });
    });
    const patterns = Array.from(this.pattern);
    return { routes, patterns, cost: evaluatePlan(this.problem, { routes, patterns }) };
  }

  /** Makes this solution an exact copy of `other` (same problem). */
  copyFrom(other: Solution): void {
    other.routes.forEach((r, s) => {
      const mine = this.routes[s];
      if (sameVisits(mine, r)) return;
      mine.length = 0;
      for (const c of r) mine.push(c);
      this.cache.update(s, mine);
      this.routeStamp[s] = ++this.clock;
      this.touchDay(this.problem.shifts[s].day);
    });
    this.pattern.set(other.pattern);
    this.shiftOf.set(other.shiftOf);
    this.posOf.set(other.posOf);
    this.routeCosts.set(other.routeCosts);
    this.optionalUsed.set(other.optionalUsed);
    if (this.loadWeight !== other.loadWeight) this.setLoadWeight(other.loadWeight);
  }

  /** The full objective. */
  cost(): number {
    let total = 0;
    for (const rc of this.routeCosts) total += rc;
    for (let c = 0; c < this.pattern.length; c++) total += clientCost(this.problem, c, this.pattern[c]);
    return total;
  }

  /** Sets a client's pattern and the optional-cap counters; routes are left to the caller. */
  setPattern(client: number, pattern: number): void {
    const c = this.problem.clients[client];
    if (c.optional) {
      this.countOptional(client, this.pattern[client], -1);
      this.countOptional(client, pattern, 1);
    }
    this.pattern[client] = pattern;
  }

  private countOptional(client: number, pattern: number, sign: number): void {
    if (pattern < 0) return;
    const { dayGroup } = this.problem.optionalCaps;
    for (const d of this.problem.clients[client].patterns[pattern].days) {
      const g = dayGroup[d];
      if (g >= 0) this.optionalUsed[g] += sign;
    }
  }

  /** Whether `client` may take `pattern` under the optional caps, ignoring its own current use. */
  capsAllow(client: number, pattern: number): boolean {
    const c = this.problem.clients[client];
    if (!c.optional || pattern < 0) return true;
    const { dayGroup, caps } = this.problem.optionalCaps;
    const own = this.pattern[client] >= 0 ? c.patterns[this.pattern[client]].days : [];
    const days = c.patterns[pattern].days;
    for (const d of days) {
      const g = dayGroup[d];
      if (g < 0) continue;
      let extra = 0;
      for (const e of days) if (dayGroup[e] === g) extra++;
      for (const e of own) if (dayGroup[e] === g) extra--;
      if (this.optionalUsed[g] + extra > caps[g]) return false;
    }
    return true;
  }

  /** Recomputes a route's cost and indexes after its visit list changed. */
  updateRoute(shift: number): void {
    const route = this.routes[shift];
    const day = this.problem.shifts[shift].day;
    const D = this.problem.numDays;
    for (let i = 0; i < route.length; i++) {
      this.shiftOf[route[i] * D + day] = shift;
      this.posOf[route[i] * D + day] = i;
    }
    this.cache.update(shift, route);
    this.routeCosts[shift] = routeCost(this.problem, shift, route, route.length) + this.loadPenalty(shift, 0);
    this.routeStamp[shift] = ++this.clock;
    this.touchDay(day);
  }

  /**
   * Sets the price of excess load and reprices every route. Only overloaded
   * routes count as changed for the local search: elsewhere a new price
   * changes which moves pay only where they overload a route.
   */
  setLoadWeight(weight: number): void {
    this.loadWeight = weight;
    this.priceEpoch++;
    this.proposal.softLoad = weight > 0;
    this.routes.forEach((route, s) => {
      this.routeCosts[s] = routeCost(this.problem, s, route, route.length) + this.loadPenalty(s, 0);
      if (this.excess(s, 0) === 0) return;
      this.routeStamp[s] = ++this.clock;
      this.touchDay(this.problem.shifts[s].day);
    });
  }

  /** Load of the route of `shift`. */
  load(shift: number): number {
    return this.cache.loads(shift)[this.routes[shift].length];
  }

  /** Load over capacity on the route of `shift` if its load changed by `change`. */
  private excess(shift: number, change: number): number {
    return Math.max(0, this.load(shift) + change - this.problem.shifts[shift].capacity);
  }

  /** Penalty of the route of `shift` if its load changed by `change`. */
  loadPenalty(shift: number, change: number): number {
    return this.loadWeight === 0 ? 0 : this.loadWeight * this.excess(shift, change);
  }

  /** How the route's penalty changes when its load changes by `change`. */
  loadDelta(shift: number, change: number): number {
    if (this.loadWeight === 0 || change === 0) return 0;
    return this.loadPenalty(shift, change) - this.loadPenalty(shift, 0);
  }

  /** Total load over capacity, over all routes. */
  excessLoad(): number {
    let total = 0;
    this.routes.forEach((_, s) => {
      total += this.excess(s, 0);
    });
    return total;
  }

  touchDay(day: number): void {
    this.dayStamp[day] = ++this.clock;
  }

  /** A clock value later than every change so far. */
  now(): number {
    return ++this.clock;
  }

  /** Number of visits on `day`. */
  visitsOnDay(day: number): number {
    let n = 0;
    for (const s of this.problem.shiftsByDay[day]) n += this.routes[s].length;
    return n;
  }

  /** Position of `client` in the route of `shift`. */
  position(shift: number, client: number): number {
    return this.posOf[client * this.problem.numDays + this.problem.shifts[shift].day];
  }

  /** Inserts a visit of `client` at `pos` in the route of `shift`. */
  insertVisit(client: number, shift: number, pos: number): void {
    this.routes[shift].splice(pos, 0, client);
    this.updateRoute(shift);
  }

  /** Removes every visit of `client` and marks it unserved. */
  removeClient(client: number): void {
    const D = this.problem.numDays;
    for (let d = 0; d < D; d++) {
      const s = this.shiftOf[client * D + d];
      if (s < 0) continue;
      this.shiftOf[client * D + d] = -1;
      const route = this.routes[s];
      route.splice(this.posOf[client * D + d], 1);
      this.updateRoute(s);
    }
    this.setPattern(client, -1);
  }

  isServed(client: number): boolean {
    return this.pattern[client] >= 0;
  }
}

function sameVisits(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
