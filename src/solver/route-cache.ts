/**
 * Per-route prefix and suffix data for O(1) move evaluation: for each
 * position i of a route, the duration segment of the start location and the
 * first i visits, the segment of the visits from i to the end, and the load
 * and travel of the first i visits. Rebuilt in O(n) only when a route changes.
 *
 * The segments stand for the exact timing rules when a shift is simple: no
 * break, at most one window per client on its day, and a duration limit that
 * either cannot bind or meets no waiting. Other shifts keep the exact pass of
 * `schedule.ts`; see `Proposal`.
 */
import type { Problem } from './problem.js';
import { mergeInto, segment, type Segment } from './segment.js';

/** Far below any time of day: an end location that may be reached at any time. */
export const NO_EARLIEST = -(2 ** 40);

export class RouteCache {
  readonly problem: Problem;
  /** Per shift: whether its routes may be checked by segments. */
  readonly fast: Uint8Array;
  /** Per day: whether every client has at most one window that day. */
  readonly dayFast: Uint8Array;
  /** `open[client * numDays + day]`, `close[...]`: the single window (close −1 when none). */
  readonly open: Float64Array;
  readonly close: Float64Array;
  /** Per shift, four numbers per position (duration, time warp, earliest, latest). */
  private fwd: Float64Array[];
  private bwd: Float64Array[];
  private load: Float64Array[];
  private travel: Float64Array[];
  private readonly tmp: Segment = segment();

  constructor(problem: Problem) {
    this.problem = problem;
    const D = problem.numDays;
    const C = problem.clients.length;
    this.open = new Float64Array(C * D);
    this.close = new Float64Array(C * D).fill(-1);
    this.dayFast = new Uint8Array(D).fill(1);
    const noWait = new Float64Array(D).fill(-Infinity);
    problem.clients.forEach((c, i) => {
      c.windows.forEach((w, d) => {
        if (w.length > 2) this.dayFast[d] = 0;
        if (w.length < 2) return;
        this.open[i * D + d] = w[0];
        this.close[i * D + d] = w[1];
        noWait[d] = Math.max(noWait[d], w[0]);
      });
    });
    this.fast = Uint8Array.from(problem.shifts, (s) => {
      const durationSafe = s.maxDuration >= s.latestEnd - s.earliestStart || noWait[s.day] <= s.earliestStart;
      return this.dayFast[s.day] === 1 && s.breakDuration <= 0 && durationSafe ? 1 : 0;
    });
    // One slot per shift, and a last one for a scratch route (see `Proposal.without`).
    const slots = problem.shifts.length + 1;
    this.fwd = Array.from({ length: slots }, () => new Float64Array(4 * 8));
    this.bwd = Array.from({ length: slots }, () => new Float64Array(4 * 8));
    this.load = Array.from({ length: slots }, () => new Float64Array(8));
    this.travel = Array.from({ length: slots }, () => new Float64Array(8));
    // An unused route starts at its shift's start: zeros would count the wait from midnight.
    problem.shifts.forEach((_, s) => {
      this.update(s, []);
    });
  }

  /** Rebuilds the data of slot `shift` (the route of that shift, by default) from `route` driven on `onShift`. */
  update(shift: number, route: readonly number[], onShift = shift): void {
    const len = route.length;
    if (this.load[shift].length < len + 1) this.grow(shift, len + 1);
    const { problem, open, close, tmp } = this;
    const { durations, numLocations: n, clients } = problem;
    const s = problem.shifts[onShift];
    const D = problem.numDays;
    const day = s.day;
    const fwd = this.fwd[shift];
    const bwd = this.bwd[shift];
    const load = this.load[shift];
    const travel = this.travel[shift];
    const timed = this.dayFast[day] === 1;
    fwd[0] = 0;
    fwd[1] = 0;
    fwd[2] = s.earliestStart;
    fwd[3] = s.latestEnd;
    load[0] = 0;
    travel[0] = 0;
    let prev = s.startLocation;
    for (let i = 0; i < len; i++) {
      const c = route[i];
      const client = clients[c];
      const t = durations[prev * n + client.location];
      load[i + 1] = load[i] + client.demand;
      travel[i + 1] = travel[i] + t;
      prev = client.location;
      if (!timed) continue;
      const k = 4 * i;
      mergeInto(tmp, fwd[k], fwd[k + 1], fwd[k + 2], fwd[k + 3], t, client.service, 0, open[c * D + day], close[c * D + day]);
      fwd[k + 4] = tmp.duration;
      fwd[k + 5] = tmp.timeWarp;
      fwd[k + 6] = tmp.earliest;
      fwd[k + 7] = tmp.latest;
    }
    if (!timed || len === 0) return;
    let k = 4 * (len - 1);
    let c = route[len - 1];
    bwd[k] = clients[c].service;
    bwd[k + 1] = 0;
    bwd[k + 2] = open[c * D + day];
    bwd[k + 3] = close[c * D + day];
    for (let i = len - 2; i >= 0; i--) {
      const next = clients[c].location;
      c = route[i];
      const client = clients[c];
      const t = durations[client.location * n + next];
      k = 4 * i;
      mergeInto(tmp, client.service, 0, open[c * D + day], close[c * D + day], t, bwd[k + 4], bwd[k + 5], bwd[k + 6], bwd[k + 7]);
      bwd[k] = tmp.duration;
      bwd[k + 1] = tmp.timeWarp;
      bwd[k + 2] = tmp.earliest;
      bwd[k + 3] = tmp.latest;
    }
  }

  private grow(shift: number, size: number): void {
    const cap = Math.max(size, 2 * this.load[shift].length);
    this.fwd[shift] = new Float64Array(4 * cap);
    this.bwd[shift] = new Float64Array(4 * cap);
    this.load[shift] = new Float64Array(cap);
    this.travel[shift] = new Float64Array(cap);
  }

  /** Prefix data of `shift` up to position i (exclusive): segment slots, load, travel. */
  prefixSegments(shift: number): Float64Array {
    return this.fwd[shift];
  }

  suffixSegments(shift: number): Float64Array {
    return this.bwd[shift];
  }

  loads(shift: number): Float64Array {
    return this.load[shift];
  }

  travels(shift: number): Float64Array {
    return this.travel[shift];
  }
}
