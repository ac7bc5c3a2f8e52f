/**
 * The timeline of one route: when each stop is reached, served and left, where
 * the break goes, and whether the route fits its shift at all.
 *
 * Rules (all hard):
 * - leave the start location no earlier than `earliestStart`;
 * - service starts in the first window of the day whose close is not before
 *   the arrival, at max(arrival, open); the route is infeasible when no such
 *   window exists;
 * - the break, when the shift has one, is part of a tour that is still on the
 *   road after breakLatest: it is taken at exactly one position (after k stops,
 *   k = 0..n, at that stop, or at home before leaving for k = 0), starts at
 *   max(time there, breakEarliest) ≤ breakLatest and delays what follows; the
 *   position with the earliest return wins, ties to the earliest position. A
 *   tour back by breakLatest takes no break: the rep has it at home;
 * - return by `latestEnd`; returnTime − departure ≤ maxDuration, where the
 *   departure is the latest one that changes no service start;
 * - visits ≤ maxVisits, Σ demand ≤ capacity, total travel ≤ maxTravel.
 */
import type { Problem, Shift } from './problem.js';
import type { RouteSchedule, StopTimes } from './plan.js';

/** No break position. */
const NO_BREAK = -1;

/** Result of one timing pass; reused across passes so that checks allocate nothing. */
interface Pass {
  returnTime: number;
  /** How much later the route could leave without moving any service start. */
  slack: number;
  breakStart: number;
}

const scratch: Pass = { returnTime: 0, slack: 0, breakStart: 0 };

/**
 * Times the route `seq[0..len)` on `shift` with the break at `brk`, leaving at
 * `depart`. Returns false when a window, the break window or latestEnd is missed.
 * When `stops` is given, fills it with the stop timings.
 */
function pass(
  problem: Problem,
  shift: Shift,
  seq: ArrayLike<number>,
  len: number,
  brk: number,
  depart: number,
  res: Pass,
  stops: StopTimes[] | null,
): boolean {
  const { durations, distances, numLocations: n, clients } = problem;
  const bd = shift.breakDuration;
  let t = depart;
  let prev = shift.startLocation;
  let slack = 0;
  res.breakStart = -1;
  for (let i = 0; i <= len; i++) {
    if (brk === i) {
      const bs = Math.max(t, shift.breakEarliest);
      if (bs > shift.breakLatest) return false;
      if (i === 0) slack = bs - t + (shift.breakLatest - bs);
      res.breakStart = bs;
      t = bs + bd;
    }
    if (i === len) break;
    const client = clients[seq[i]];
    const loc = client.location;
    const travel = durations[prev * n + loc];
    const arrival = t + travel;
    const start = windowStart(client.windows[shift.day], arrival);
    if (start < 0) return false;
    if (i === 0) slack = brk === 0 ? Math.min(slack, res.breakStart - depart + start - arrival) : start - arrival;
    t = start + client.service;
    stops?.push({
      client: seq[i], arrival, start, end: t, wait: start - arrival, travel, distance: distances[prev * n + loc],
    });
    prev = loc;
  }
  const returnTime = t + durations[prev * n + shift.endLocation];
  if (returnTime > shift.latestEnd) return false;
  res.returnTime = returnTime;
  res.slack = slack;
  return returnTime - (depart + slack) <= shift.maxDuration;
}

/** Start of service for an arrival, or -1 when every window of the day has closed. */
function windowStart(windows: Int32Array, arrival: number): number {
  for (let k = 1; k < windows.length; k += 2) {
    if (windows[k] >= arrival) return Math.max(arrival, windows[k - 1]);
  }
  return -1;
}

/** Checks that need no timing: visit count, load and total travel. */
function fitsLimits(problem: Problem, shift: Shift, seq: ArrayLike<number>, len: number, softLoad: boolean): boolean {
  if (len > shift.maxVisits) return false;
  const { durations, numLocations: n, clients } = problem;
  let load = 0;
  let travel = 0;
  let prev = shift.startLocation;
  for (let i = 0; i < len; i++) {
    const c = clients[seq[i]];
    load += c.demand;
    travel += durations[prev * n + c.location];
    prev = c.location;
  }
  travel += durations[prev * n + shift.endLocation];
  return (softLoad || load <= shift.capacity) && travel <= shift.maxTravel;
}

/**
 * The break position of a feasible route (NO_BREAK when it takes none), or
 * null when the route is infeasible. Leaves the winning pass in `res`.
 */
function chooseBreak(
  problem: Problem,
  shift: Shift,
  seq: ArrayLike<number>,
  len: number,
  res: Pass,
): number | null {
  const start = shift.earliestStart;
  if (shift.breakDuration <= 0) {
    return pass(problem, shift, seq, len, NO_BREAK, start, res, null) ? NO_BREAK : null;
  }
  // Back by the break's latest start: no break on the road. Else no position returns earlier than that tour would.
  const free = pass(problem, shift, seq, len, NO_BREAK, start, res, null);
  if (free && res.returnTime <= shift.breakLatest) return NO_BREAK;
  const bound = free ? res.returnTime : -Infinity;
  let best: number | null = null;
  let bestReturn = Infinity;
  for (let brk = 0; brk <= len; brk++) {
    if (pass(problem, shift, seq, len, brk, start, res, null) && res.returnTime < bestReturn) {
      best = brk;
      bestReturn = res.returnTime;
      if (bestReturn <= bound) break;
    }
  }
  if (best === null) return null;
  pass(problem, shift, seq, len, best, start, res, null);
  return best;
}

/**
 * Whether `seq[0..len)` is a feasible route for `shift`; allocates nothing.
 * Used by the search to check candidate routes; with `softLoad`, the
 * capacity is left to the caller (the search may price excess load).
 */
export function isFeasibleRoute(
  problem: Problem,
  shiftIndex: number,
  seq: ArrayLike<number>,
  len: number,
  softLoad = false,
): boolean {
  if (len === 0) return true;
  const shift = problem.shifts[shiftIndex];
  return fitsLimits(problem, shift, seq, len, softLoad) && chooseBreak(problem, shift, seq, len, scratch) !== null;
}

/** The exact timeline of a route, or null when it is infeasible. */
export function scheduleRoute(problem: Problem, shiftIndex: number, visits: readonly number[]): RouteSchedule | null {
  const shift = problem.shifts[shiftIndex];
  const len = visits.length;
  if (len === 0) {
    const t = shift.earliestStart;
    return {
      departure: t, stops: [], break: null, returnTravel: 0, returnDistance: 0,
      returnTime: t, travel: 0, distance: 0, load: 0,
    };
  }
  if (!fitsLimits(problem, shift, visits, len, false)) return null;
  const res: Pass = { returnTime: 0, slack: 0, breakStart: 0 };
  const brk = chooseBreak(problem, shift, visits, len, res);
  if (brk === null) return null;
  const departure = shift.earliestStart + res.slack;
  const stops: StopTimes[] = [];
  pass(problem, shift, visits, len, brk, departure, res, stops);
  const { durations, distances, numLocations: n } = problem;
  const last = problem.clients[visits[len - 1]].location;
  const returnTravel = durations[last * n + shift.endLocation];
  const returnDistance = distances[last * n + shift.endLocation];
  let travel = returnTravel;
  let distance = returnDistance;
  let load = 0;
  for (const s of stops) {
    travel += s.travel;
    distance += s.distance;
    load += problem.clients[s.client].demand;
  }
  return {
    departure,
    stops,
    break: brk === NO_BREAK ? null : { after: brk, start: res.breakStart, end: res.breakStart + shift.breakDuration },
    returnTravel,
    returnDistance,
    returnTime: res.returnTime,
    travel,
    distance,
    load,
  };
}
