/**
 * A candidate route described as pieces of existing routes, checked for
 * feasibility without being built: `begin` takes a prefix of a route, `visit`,
 * `range` and `reversed` append visits, `rest` appends the tail of a route and
 * `fits` closes the route at its end location.
 *
 * On shifts that `RouteCache` marks fast, prefixes and tails cost O(1) (cached
 * segments, loads and travel) and each appended visit O(1). On other shifts
 * the visits are copied and the exact pass of `schedule.ts` decides.
 */
import type { Problem } from './problem.js';
import { NO_EARLIEST, type RouteCache } from './route-cache.js';
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
  private scratchShift = 0;
  private readonly buf: Int32Array;
  private readonly seg = segment();
  private shift = 0;
  private day = 0;
  private fast = false;
  private ok = true;
  private last = 0;
  private count = 0;
  private load = 0;
  private travel = 0;

  constructor(cache: RouteCache, routes: readonly (readonly number[])[]) {
    this.problem = cache.problem;
    this.cache = cache;
    this.routes = routes;
    this.scratch = cache.problem.shifts.length;
    this.buf = new Int32Array(cache.problem.clients.length + 1);
  }

  /**
   * Makes route id `scratch` the route of `shift` without its visit at
   * position `at`, driven on `shift`, and returns its visits. It stays valid
   * until the next call (O(n)); routes change nothing meanwhile.
   */
  without(shift: number, at: number): readonly number[] {
    const route = this.routes[shift];
    const r = this.scratchRoute;
    r.length = 0;
    for (let k = 0; k < route.length; k++) if (k !== at) r.push(route[k]);
    this.scratchShift = shift;
    if (this.cache.fast[shift] === 1) this.cache.update(this.scratch, r, shift);
    return r;
  }

  private route(id: number): readonly number[] {
    return id === this.scratch ? this.scratchRoute : this.routes[id];
  }

  /** Starts a route of `id` (a shift, or `scratch`) with the first `i` visits of its current route. */
  begin(id: number, i: number): this {
    const { problem, cache } = this;
    const route = this.route(id);
    const shift = id === this.scratch ? this.scratchShift : id;
    const s = problem.shifts[shift];
    this.shift = shift;
    this.day = s.day;
    this.fast = cache.fast[shift] === 1;
    this.ok = true;
    this.count = i;
    if (!this.fast) {
      for (let k = 0; k < i; k++) this.buf[k] = route[k];
      return this;
    }
    const fwd = cache.prefixSegments(id);
    const seg = this.seg;
    seg.duration = fwd[4 * i];
    seg.timeWarp = fwd[4 * i + 1];
    seg.earliest = fwd[4 * i + 2];
    seg.latest = fwd[4 * i + 3];
    this.load = cache.loads(id)[i];
    this.travel = cache.travels(id)[i];
    this.last = i === 0 ? s.startLocation : problem.clients[route[i - 1]].location;
    return this;
  }

  /** Appends a visit of `client`. */
  visit(client: number): this {
    if (!this.fast) {
      this.buf[this.count++] = client;
      return this;
    }
    const { problem, cache, seg } = this;
    const c = problem.clients[client];
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
    const route = this.route(id);
    const len = route.length;
    if (j >= len) return this;
    if (!this.fast) return this.range(id, j, len);
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

  /** Whether the route built so far, closed at the shift's end location, is feasible. */
  fits(): boolean {
    const { problem, seg } = this;
    if (this.count === 0) return true;
    if (!this.fast) return isFeasibleRoute(problem, this.shift, this.buf, this.count, this.softLoad);
    const s = problem.shifts[this.shift];
    if (!this.ok || this.count > s.maxVisits || (this.load > s.capacity && !this.softLoad)) return false;
    const t = problem.durations[this.last * problem.numLocations + s.endLocation];
    if (this.travel + t > s.maxTravel) return false;
    mergeInto(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, t, 0, 0, NO_EARLIEST, s.latestEnd);
    return seg.timeWarp === 0 && seg.duration <= s.maxDuration;
  }
}
