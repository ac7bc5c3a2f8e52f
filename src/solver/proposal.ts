/**
 * A candidate route described as pieces of existing routes, checked for
 * feasibility without being built: `begin` takes a prefix of a route, `visit`,
 * `range` and `reversed` append visits, `rest` appends the tail of a route and
 * `fits` closes the route at its end location.
 *
 * On SEGMENTS and TIMED shifts (see `RouteCache`), prefixes and tails cost
 * O(1) and each appended visit O(1) (or the number of its windows). On EXACT
 * shifts the visits are copied and the exact pass of `schedule.ts` decides.
 */
import type { Problem } from './problem.js';
import { EXACT, NO_EARLIEST, TIMED, afterBreak, serviceEnd, type RouteCache } from './route-cache.js';
import { isFeasibleRoute } from './schedule.js';
import { mergeInto, segment } from './segment.js';

export class Proposal {
  private readonly problem: Problem;
  private readonly cache: RouteCache;
  private readonly routes: readonly (readonly number[])[];
  /** When set, `fits` ignores capacity: the solution prices excess load instead. */
  softLoad = false;
  /** Route id of the scratch route set by `without`. */
  readonly scratch: number;
  private readonly scratchRoute: number[] = [];
  private scratchShift = -1;
  private scratchAt = -1;
  /** The stamp of the scratch route's source when it was built (see `Solution.routeStamp`). */
  private scratchStamp = -1;
  /** The scratch route changed since its cached data was built. */
  private scratchStale = false;
  private readonly stamps: Int32Array;
  private readonly buf: Int32Array;
  private readonly seg = segment();
  private shift = 0;
  private day = 0;
  private mode = EXACT;
  private ok = true;
  /** TIMED: earliest departure from the last stop, break to take or taken. */
  private from0 = 0;
  private from1 = 0;
  /** TIMED: whether a tail has been appended (it holds the end's own limit). */
  private closed = false;
  private last = 0;
  private count = 0;
  private load = 0;
  private travel = 0;

  /** `stamps[shift]` changes whenever the route of `shift` does (`Solution.routeStamp`). */
  constructor(cache: RouteCache, routes: readonly (readonly number[])[], stamps: Int32Array) {
    this.problem = cache.problem;
    this.cache = cache;
    this.routes = routes;
    this.stamps = stamps;
    this.scratch = cache.problem.shifts.length;
    this.buf = new Int32Array(cache.problem.clients.length + 1);
  }

  /**
   * Makes route id `scratch` the route of `shift` without its visit at
   * position `at`, driven on `shift`, and returns its visits. It stays valid
   * until the next call (O(n), or O(1) when the same route, unchanged since,
   * loses the same visit again). Its cached data is built on first use: many
   * callers try no position of it.
   */
  without(shift: number, at: number): readonly number[] {
    const route = this.routes[shift];
    const r = this.scratchRoute;
    if (shift === this.scratchShift && at === this.scratchAt && this.stamps[shift] === this.scratchStamp) return r;
    this.scratchAt = at;
    this.scratchStamp = this.stamps[shift];
    r.length = 0;
    for (let k = 0; k < route.length; k++) if (k !== at) r.push(route[k]);
    this.scratchShift = shift;
    this.scratchStale = this.cache.mode[shift] !== EXACT;
    return r;
  }

  /** Builds the scratch route's cached data if it is to be read and is not yet built. */
  private ready(id: number): void {
    if (id !== this.scratch || !this.scratchStale) return;
    this.cache.update(this.scratch, this.scratchRoute, this.scratchShift);
    this.scratchStale = false;
  }

  private route(id: number): readonly number[] {
    return id === this.scratch ? this.scratchRoute : this.routes[id];
  }

  /** Starts a route of `id` (a shift, or `scratch`) with the first `i` visits of its current route. */
  begin(id: number, i: number): this {
    this.ready(id);
    const { problem, cache } = this;
    const route = this.route(id);
    const shift = id === this.scratch ? this.scratchShift : id;
    const s = problem.shifts[shift];
    this.shift = shift;
    this.day = s.day;
    this.mode = cache.mode[shift];
    this.ok = true;
    this.closed = false;
    this.count = i;
    if (this.mode === EXACT) {
      for (let k = 0; k < i; k++) this.buf[k] = route[k];
      return this;
    }
    this.load = cache.loads(id)[i];
    this.travel = cache.travels(id)[i];
    this.last = i === 0 ? s.startLocation : problem.clients[route[i - 1]].location;
    if (this.mode === TIMED) {
      this.from0 = cache.from0(id)[i];
      this.from1 = cache.from1(id)[i];
      return this;
    }
    const fwd = cache.prefixSegments(id);
    const seg = this.seg;
    seg.duration = fwd[4 * i];
    seg.timeWarp = fwd[4 * i + 1];
    seg.earliest = fwd[4 * i + 2];
    seg.latest = fwd[4 * i + 3];
    return this;
  }

  /** Appends a visit of `client`. */
  visit(client: number): this {
    if (this.mode === EXACT) {
      this.buf[this.count++] = client;
      return this;
    }
    const { problem, cache, seg } = this;
    const c = problem.clients[client];
    if (this.mode === TIMED) {
      const t = problem.durations[this.last * problem.numLocations + c.location];
      const w = c.windows[this.day];
      const e0 = serviceEnd(w, this.from0 + t, c.service);
      this.from1 = Math.min(serviceEnd(w, this.from1 + t, c.service), afterBreak(problem.shifts[this.shift], e0));
      this.from0 = e0;
      this.load += c.demand;
      this.travel += t;
      this.count++;
      this.last = c.location;
      return this;
    }
    const cell = client * problem.numDays + this.day;
    const close = cache.close[cell];
    if (close < 0) this.ok = false;
    const t = problem.durations[this.last * problem.numLocations + c.location];
    mergeInto(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, t, c.service, 0, cache.open[cell], close);
    this.load += c.demand;
    this.travel += t;
    this.count++;
    this.last = c.location;
    return this;
  }

  /** Appends positions [a, b) of route `id`, in order. */
  range(id: number, a: number, b: number): this {
    const route = this.route(id);
    for (let k = a; k < b; k++) this.visit(route[k]);
    return this;
  }

  /** Appends positions [a, b) of route `id`, last first. */
  reversed(id: number, a: number, b: number): this {
    const route = this.route(id);
    for (let k = b - 1; k >= a; k--) this.visit(route[k]);
    return this;
  }

  /** Appends the visits of route `id` from position j to its end. */
  rest(id: number, j: number): this {
    this.ready(id);
    const route = this.route(id);
    const len = route.length;
    if (this.mode === TIMED) return this.tail(id, j);
    if (j >= len) return this;
    if (this.mode === EXACT) return this.range(id, j, len);
    const { problem, cache, seg } = this;
    const { clients } = problem;
    const first = clients[route[j]].location;
    const t = problem.durations[this.last * problem.numLocations + first];
    const bwd = cache.suffixSegments(id);
    mergeInto(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, t, bwd[4 * j], bwd[4 * j + 1], bwd[4 * j + 2], bwd[4 * j + 3]);
    const loads = cache.loads(id);
    const travels = cache.travels(id);
    this.load += loads[len] - loads[j];
    this.travel += t + travels[len] - travels[j + 1];
    this.count += len - j;
    this.last = clients[route[len - 1]].location;
    return this;
  }

  /**
   * TIMED: appends the tail of route `id` from position j (the end location
   * alone when j is its length) by checking that the earliest arrival there
   * meets the latest arrival the tail allows, in either break state.
   */
  private tail(id: number, j: number): this {
    const { problem, cache } = this;
    const route = this.route(id);
    const len = route.length;
    const next = j < len ? problem.clients[route[j]].location : problem.shifts[this.shift].endLocation;
    const t = problem.durations[this.last * problem.numLocations + next];
    if (!(this.from0 + t <= cache.by0(id)[j] || this.from1 + t <= cache.by1(id)[j])) this.ok = false;
    const loads = cache.loads(id);
    const travels = cache.travels(id);
    this.load += loads[len] - loads[j];
    // Travel from here into the tail, then the tail's own legs and its return.
    const back = len === 0 ? 0 : problem.durations[problem.clients[route[len - 1]].location * problem.numLocations + problem.shifts[this.shift].endLocation];
    this.travel += j < len ? t + travels[len] - travels[j + 1] + back : t;
    this.count += len - j;
    this.closed = true;
    return this;
  }

  /** Whether the route built so far, closed at the shift's end location, is feasible. */
  fits(): boolean {
    const { problem, seg } = this;
    if (this.count === 0) return true;
    if (this.mode === EXACT) return isFeasibleRoute(problem, this.shift, this.buf, this.count, this.softLoad);
    const s = problem.shifts[this.shift];
    if (!this.ok || this.count > s.maxVisits || (this.load > s.capacity && !this.softLoad)) return false;
    if (this.mode === TIMED) {
      if (!this.closed) {
        // Home by the break's latest start with it still to take, or by the end of the day with it taken.
        const t = problem.durations[this.last * problem.numLocations + s.endLocation];
        const by0 = s.breakDuration > 0 ? Math.min(s.latestEnd, s.breakLatest) : s.latestEnd;
        if (!(this.from0 + t <= by0 || this.from1 + t <= s.latestEnd)) return false;
        this.travel += t;
        this.closed = true;
      }
      return this.travel <= s.maxTravel;
    }
    const t = problem.durations[this.last * problem.numLocations + s.endLocation];
    if (this.travel + t > s.maxTravel) return false;
    mergeInto(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, t, 0, 0, NO_EARLIEST, s.latestEnd);
    return seg.timeWarp === 0 && seg.duration <= s.maxDuration;
  }
}
