/**
 * Per-route prefix and suffix data for O(1) move evaluation, rebuilt in O(n)
 * only when a route changes. Each shift is checked one of three ways:
 *
 * - SEGMENTS (one window per client that day, no break, a duration limit that
 *   either cannot bind or meets no waiting): per position, the duration
 *   segment of the start and the first i visits and that of the visits from i
 *   to the end (segment.ts), plus loads and travel.
 * - TIMED (a break, or several windows a day, and a duration limit that cannot
 *   bind): per position, the earliest time the rep can leave the stop before
 *   visit i, with the break still to take or taken (`from0`, `from1`), and the
 *   latest arrival at visit i (the end for i = n) from which the rest is
 *   feasible in either state (`by0`, `by1`). Waiting is free and being earlier
 *   never hurts, so a candidate route is feasible when the earliest times of
 *   its prefix and inserted visits reach its suffix by those latest arrivals.
 * - EXACT: anything else; `Proposal` copies the visits and `schedule.ts` decides.
 */
import type { Problem, Shift } from './problem.js';
import { mergeInto, segment, type Segment } from './segment.js';

/** Far below any time of day: an end location that may be reached at any time. */
export const NO_EARLIEST = -(2 ** 40);

export const EXACT = 0;
export const SEGMENTS = 1;
export const TIMED = 2;

export class RouteCache {
  readonly problem: Problem;
  /** Per shift: EXACT, SEGMENTS or TIMED. */
  readonly mode: Uint8Array;
  /** `open[client * numDays + day]`, `close[...]`: the single window of SEGMENTS days (close −1 when none). */
  readonly open: Float64Array;
  readonly close: Float64Array;
  /** Per slot, SEGMENTS: four numbers per position (duration, time warp, earliest, latest). */
  private fwd: Float64Array[];
  private bwd: Float64Array[];
  /** Per slot, TIMED: earliest departures and latest arrivals per position, break to take (0) or taken (1). */
  private f0: Float64Array[];
  private f1: Float64Array[];
  private b0: Float64Array[];
  private b1: Float64Array[];
  private load: Float64Array[];
  private travel: Float64Array[];
  private readonly tmp: Segment = segment();

  constructor(problem: Problem) {
    this.problem = problem;
    const D = problem.numDays;
    const C = problem.clients.length;
    this.open = new Float64Array(C * D);
    this.close = new Float64Array(C * D).fill(-1);
    const oneWindow = new Uint8Array(D).fill(1);
    const noWait = new Float64Array(D).fill(-Infinity);
    problem.clients.forEach((c, i) => {
      c.windows.forEach((w, d) => {
        if (w.length > 2) oneWindow[d] = 0;
        if (w.length < 2) return;
        this.open[i * D + d] = w[0];
        this.close[i * D + d] = w[1];
        noWait[d] = Math.max(noWait[d], w[0]);
      });
    });
    this.mode = Uint8Array.from(problem.shifts, (s) => {
      const unbound = s.maxDuration >= s.latestEnd - s.earliestStart;
      if (oneWindow[s.day] === 1 && s.breakDuration <= 0 && (unbound || noWait[s.day] <= s.earliestStart)) return SEGMENTS;
      return unbound ? TIMED : EXACT;
    });
    // One slot per shift, and a last one for a scratch route (see `Proposal.without`).
    const slots = problem.shifts.length + 1;
    const arrays = (per: number) => Array.from({ length: slots }, () => new Float64Array(per * 8));
    this.fwd = arrays(4);
    this.bwd = arrays(4);
    this.f0 = arrays(1);
    this.f1 = arrays(1);
    this.b0 = arrays(1);
    this.b1 = arrays(1);
    this.load = arrays(1);
    this.travel = arrays(1);
    // An unused route starts at its shift's start: zeros would count the wait from midnight.
    problem.shifts.forEach((_, s) => {
      this.update(s, []);
    });
  }

  /** Rebuilds the data of slot `shift` (the route of that shift, by default) from `route` driven on `onShift`. */
  update(shift: number, route: readonly number[], onShift = shift): void {
    const len = route.length;
    if (this.load[shift].length < len + 1) this.grow(shift, len + 1);
    const { durations, numLocations: n, clients } = this.problem;
    const s = this.problem.shifts[onShift];
    const load = this.load[shift];
    const travel = this.travel[shift];
    load[0] = 0;
    travel[0] = 0;
    let prev = s.startLocation;
    for (let i = 0; i < len; i++) {
      const client = clients[route[i]];
      load[i + 1] = load[i] + client.demand;
      travel[i + 1] = travel[i] + durations[prev * n + client.location];
      prev = client.location;
    }
    const mode = this.mode[onShift];
    if (mode === SEGMENTS) this.updateSegments(shift, route, s);
    else if (mode === TIMED) this.updateTimed(shift, route, s);
  }

  private updateSegments(shift: number, route: readonly number[], s: Shift): void {
    const { open, close, tmp } = this;
    const { durations, numLocations: n, clients, numDays: D } = this.problem;
    const day = s.day;
    const len = route.length;
    const fwd = this.fwd[shift];
    const bwd = this.bwd[shift];
    fwd[0] = 0;
    fwd[1] = 0;
    fwd[2] = s.earliestStart;
    fwd[3] = s.latestEnd;
    let prev = s.startLocation;
    for (let i = 0; i < len; i++) {
      const c = route[i];
      const client = clients[c];
      const k = 4 * i;
      mergeInto(tmp, fwd[k], fwd[k + 1], fwd[k + 2], fwd[k + 3], durations[prev * n + client.location], client.service, 0, open[c * D + day], close[c * D + day]);
      fwd[k + 4] = tmp.duration;
      fwd[k + 5] = tmp.timeWarp;
      fwd[k + 6] = tmp.earliest;
      fwd[k + 7] = tmp.latest;
      prev = client.location;
    }
    if (len === 0) return;
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
      k = 4 * i;
      mergeInto(tmp, client.service, 0, open[c * D + day], close[c * D + day], durations[client.location * n + next], bwd[k + 4], bwd[k + 5], bwd[k + 6], bwd[k + 7]);
      bwd[k] = tmp.duration;
      bwd[k + 1] = tmp.timeWarp;
      bwd[k + 2] = tmp.earliest;
      bwd[k + 3] = tmp.latest;
    }
  }

  private updateTimed(shift: number, route: readonly number[], s: Shift): void {
    const { durations, numLocations: n, clients } = this.problem;
    const len = route.length;
    const f0 = this.f0[shift];
    const f1 = this.f1[shift];
    const b0 = this.b0[shift];
    const b1 = this.b1[shift];
    f0[0] = s.earliestStart;
    f1[0] = afterBreak(s, s.earliestStart);
    let prev = s.startLocation;
    for (let i = 0; i < len; i++) {
      const client = clients[route[i]];
      const t = durations[prev * n + client.location];
      const w = client.windows[s.day];
      const e0 = serviceEnd(w, f0[i] + t, client.service);
      f0[i + 1] = e0;
      f1[i + 1] = Math.min(serviceEnd(w, f1[i] + t, client.service), afterBreak(s, e0));
      prev = client.location;
    }
    b1[len] = s.latestEnd;
    b0[len] = s.breakDuration > 0 ? Math.min(s.latestEnd, s.breakLatest) : s.latestEnd;
    let next = s.endLocation;
    for (let j = len - 1; j >= 0; j--) {
      const client = clients[route[j]];
      const t = durations[client.location * n + next];
      const w = client.windows[s.day];
      const leave1 = b1[j + 1] - t;
      b1[j] = latestArrival(w, leave1, client.service);
      b0[j] = latestArrival(w, Math.max(b0[j + 1] - t, latestBeforeBreak(s, leave1)), client.service);
      next = client.location;
    }
  }

  private grow(shift: number, size: number): void {
    const cap = Math.max(size, 2 * this.load[shift].length);
    this.fwd[shift] = new Float64Array(4 * cap);
    this.bwd[shift] = new Float64Array(4 * cap);
    this.f0[shift] = new Float64Array(cap);
    this.f1[shift] = new Float64Array(cap);
    this.b0[shift] = new Float64Array(cap);
    this.b1[shift] = new Float64Array(cap);
    this.load[shift] = new Float64Array(cap);
    this.travel[shift] = new Float64Array(cap);
  }

  /** SEGMENTS: prefix data of `shift` up to position i (exclusive). */
  prefixSegments(shift: number): Float64Array {
    return this.fwd[shift];
  }

  suffixSegments(shift: number): Float64Array {
    return this.bwd[shift];
  }

  /** TIMED: earliest departures before visit i, break to take (`from0`) or taken (`from1`). */
  from0(shift: number): Float64Array {
    return this.f0[shift];
  }

  from1(shift: number): Float64Array {
    return this.f1[shift];
  }

  /** TIMED: latest arrivals at visit i (the end for i = n), break to take (`by0`) or taken (`by1`). */
  by0(shift: number): Float64Array {
    return this.b0[shift];
  }

  by1(shift: number): Float64Array {
    return this.b1[shift];
  }

  loads(shift: number): Float64Array {
    return this.load[shift];
  }

  travels(shift: number): Float64Array {
    return this.travel[shift];
  }
}

/** When service ends for an arrival at `arrival` within windows `w`, or Infinity when every window has closed. */
export function serviceEnd(w: Int32Array, arrival: number, service: number): number {
  for (let k = 1; k < w.length; k += 2) if (w[k] >= arrival) return Math.max(arrival, w[k - 1]) + service;
  return Infinity;
}

/** The latest arrival from which service within windows `w` ends by `end`, or −Infinity. */
export function latestArrival(w: Int32Array, end: number, service: number): number {
  const start = end - service;
  for (let k = w.length - 2; k >= 0; k -= 2) if (w[k] <= start) return Math.min(w[k + 1], start);
  return -Infinity;
}

/** When the rep is free again after taking the break at a stop left at `t`; Infinity when too late for it. */
export function afterBreak(s: Shift, t: number): number {
  if (s.breakDuration <= 0) return Infinity;
  const start = Math.max(t, s.breakEarliest);
  return start > s.breakLatest ? Infinity : start + s.breakDuration;
}

/** The latest time to be ready at a stop, take the break there and still leave by `leave`; −Infinity when none. */
export function latestBeforeBreak(s: Shift, leave: number): number {
  if (s.breakDuration <= 0 || s.breakEarliest + s.breakDuration > leave) return -Infinity;
  return Math.min(leave - s.breakDuration, s.breakLatest);
}
