/**
 * The solver's view of a planning problem: flat, index-based and immutable.
 *
 * Locations, clients, days and shifts are integer indices. Times are integer
 * seconds from midnight of the shift's day; matrices are row-major Int32Arrays
 * read as `m[from * numLocations + to]`. A problem is validated once, when it is
 * built, and hot code trusts it.
 */

/** One route that may be driven: a vehicle (a rep) on a day. */
export interface Shift {
  readonly day: number;
  readonly vehicle: number;
  readonly startLocation: number;
  readonly endLocation: number;
  /** Earliest departure from the start location. */
  readonly earliestStart: number;
  /** Latest arrival back at the end location. */
  readonly latestEnd: number;
  /** Longest time from departure to return, waiting that a later departure avoids excluded. */
  readonly maxDuration: number;
  readonly capacity: number;
  readonly maxVisits: number;
  /** Longest total driving time on the route. */
  readonly maxTravel: number;
  /** Length of the break; 0 when the shift has none. */
  readonly breakDuration: number;
  /** The break starts in [breakEarliest, breakLatest]. */
  readonly breakEarliest: number;
  readonly breakLatest: number;
  /** Cost added when the route is used (not empty); 0 when absent. */
  readonly fixedCost?: number;
}

/** A set of days on which a client is visited, and the cost of what it leaves out. */
export interface Pattern {
  /** Distinct day indices, ascending. */
  readonly days: readonly number[];
  /** Cost added when this pattern is chosen (e.g. for required visits it omits). */
  readonly penalty: number;
}

export interface Client {
  readonly location: number;
  /** Service time in seconds. */
  readonly service: number;
  readonly demand: number;
  /**
   * Per day, the windows in which service may start, as flat pairs
   * [open0, close0, open1, close1, ...], sorted and disjoint. An empty array
   * means the client cannot be visited that day.
   */
  readonly windows: readonly Int32Array[];
  /** Allowed day patterns; the solver chooses one, or none. */
  readonly patterns: readonly Pattern[];
  /** Cost when the client gets no pattern at all. */
  readonly missPenalty: number;
  /** Reward when the client is served (optional clients such as prospects). */
  readonly prize: number;
  /** Optional clients count toward `optionalCaps`. */
  readonly optional: boolean;
}

export interface ProblemData {
  readonly numLocations: number;
  /** Travel durations in seconds, row-major. */
  readonly durations: Int32Array;
  /** Travel distances (metres, or benchmark units), row-major. */
  readonly distances: Int32Array;
  readonly numDays: number;
  readonly shifts: readonly Shift[];
  readonly clients: readonly Client[];
  /** Cost per unit of distance, added to the cost of travel time. */
  readonly distanceWeight: number;
  /**
   * Caps on optional visits: `dayGroup[d]` is the group of day d (or -1) and a
   * group may hold at most `caps[group]` optional visits (prospects per week).
   */
  readonly optionalCaps?: { readonly dayGroup: Int32Array; readonly caps: readonly number[] };
}

export class ProblemError extends Error {
  override readonly name = 'ProblemError';
}

/** A validated problem. Build it with `createProblem`; never mutate it. */
export interface Problem extends ProblemData {
  readonly optionalCaps: { readonly dayGroup: Int32Array; readonly caps: readonly number[] };
  /** Shift indices per day. */
  readonly shiftsByDay: readonly (readonly number[])[];
}

export function createProblem(data: ProblemData): Problem {
  const n = data.numLocations;
  check(n > 0, 'numLocations must be positive');
  check(data.durations.length === n * n, 'durations must be numLocations²');
  check(data.distances.length === n * n, 'distances must be numLocations²');
  check(data.numDays > 0, 'numDays must be positive');
  check(data.distanceWeight >= 0, 'distanceWeight must be non-negative');

  const shiftsByDay: number[][] = Array.from({ length: data.numDays }, () => []);
  data.shifts.forEach((s, i) => {
    const at = `shift ${i}`;
    check(s.day >= 0 && s.day < data.numDays, `${at}: day out of range`);
    check(inRange(s.startLocation, n) && inRange(s.endLocation, n), `${at}: location out of range`);
    check(s.earliestStart <= s.latestEnd, `${at}: earliestStart after latestEnd`);
    check(s.breakDuration >= 0, `${at}: negative break`);
    check(s.breakDuration === 0 || s.breakEarliest <= s.breakLatest, `${at}: break window inverted`);
    check((s.fixedCost ?? 0) >= 0, `${at}: negative fixed cost`);
    shiftsByDay[s.day]?.push(i);
  });

  data.clients.forEach((c, i) => {
    const at = `client ${i}`;
    check(inRange(c.location, n), `${at}: location out of range`);
    check(c.service >= 0 && c.demand >= 0, `${at}: negative service or demand`);
    check(c.windows.length === data.numDays, `${at}: windows must have one entry per day`);
    for (const w of c.windows) {
      check(w.length % 2 === 0, `${at}: windows must be pairs`);
      for (let k = 0; k < w.length; k += 2) {
        check((w[k] ?? 0) <= (w[k + 1] ?? 0), `${at}: window inverted`);
        check(k === 0 || (w[k - 1] ?? 0) < (w[k] ?? 0), `${at}: windows must be sorted and disjoint`);
      }
    }
    for (const p of c.patterns) {
      check(p.days.length > 0, `${at}: empty pattern`);
      p.days.forEach((d, k) => {
        check(d >= 0 && d < data.numDays, `${at}: pattern day out of range`);
        check(k === 0 || (p.days[k - 1] ?? -1) < d, `${at}: pattern days must ascend`);
      });
    }
  });

  const optionalCaps = data.optionalCaps ?? { dayGroup: new Int32Array(data.numDays).fill(-1), caps: [] };
  check(optionalCaps.dayGroup.length === data.numDays, 'optionalCaps.dayGroup must have one entry per day');
  for (const g of optionalCaps.dayGroup) {
    check(g >= -1 && g < optionalCaps.caps.length, 'optionalCaps.dayGroup must name a group of caps, or -1');
  }

  return Object.freeze({ ...data, optionalCaps, shiftsByDay });
}

function inRange(i: number, n: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < n;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new ProblemError(message);
}
