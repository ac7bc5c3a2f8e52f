/**
 * Appointments are firm: one on a working day, inside the working hours and
 * reachable is kept at its date and time. Before planning, each day's
 * appointments are checked together (driving between them, home and back,
 * the day's limits); when they cannot all be kept, the most important ones
 * are (priority, then the shorter, then the earlier), and each one left out
 * is reported with the appointment it collides with. A day whose appointments leave no room for
 * the lunch break is planned without it, and the plan says so.
 */
import type { PlanRequest } from '../contract/plan-request.js';
import { dayNumber, secondsOf, type Horizon, type WorkingDay } from './calendar.js';

/** An appointment kept in the plan: a visit fixed on a problem day at a time. */
export interface PinnedVisit {
  /** Problem day index. */
  readonly day: number;
  /** Start time, seconds from midnight. */
  readonly start: number;
}

/** Why an appointment on a working day could not be kept. */
export interface Conflict {
  readonly date: string;
  /** Start time, seconds from midnight. */
  readonly start: number;
  /** The kept appointment it collides with (request account index), when one is to blame. */
  readonly with?: { readonly account: number; readonly start: number };
  /** Otherwise the day's limit that the appointments together exceed. */
  readonly limit?: 'working_hours' | 'max_visits' | 'max_drive';
  /** Or, alone on its day, it cannot be reached in time from the start: the drive, in seconds. */
  readonly outOfReach?: number;
}

/** What happens to the appointments of one account. */
export interface AccountAppointments {
  /** Dates of appointments in the horizon, one per date (the earliest start). */
  readonly all: readonly string[];
  readonly pinned: readonly PinnedVisit[];
  /** On days the rep does not work. */
  readonly lost: readonly string[];
  /** Outside the rep's working hours of that day. */
  readonly outsideHours: readonly string[];
  readonly conflicts: readonly Conflict[];
}

export interface SettledAppointments {
  readonly accounts: readonly AccountAppointments[];
  /** Problem days whose kept appointments leave no room for the break. */
  readonly noBreak: ReadonlySet<number>;
}

/** What the pre-pass needs of the day: where the rep starts and ends, the break and the limits. */
export interface DayRules {
  /** Travel seconds between locations (problem location indices). */
  readonly travel: (from: number, to: number) => number;
  readonly start: number;
  readonly end: number;
  /** Location of account `index`. */
  readonly locationOf: (index: number) => number;
  /** Whether working day `day` holds the break. */
  readonly hasBreak: (day: number) => boolean;
}

interface Candidate {
  readonly account: number;
  readonly location: number;
  readonly start: number;
  readonly service: number;
  readonly priority: number;
}

export function settleAppointments(request: PlanRequest, horizon: Horizon, days: readonly WorkingDay[], rules: DayRules): SettledAppointments {
  const dayIndex = new Map(days.map((d, i) => [d.date, i]));
  const raw = request.accounts.map((account, index) => {
    const byDate = new Map<string, number>();
    for (const a of account.appointments ?? []) {
      const day = dayNumber(a.date);
      const at = secondsOf(a.start);
      if (day >= horizon.start && day <= horizon.end) byDate.set(a.date, Math.min(byDate.get(a.date) ?? Infinity, at));
    }
    const all = [...byDate.keys()].sort();
    const lost: string[] = [];
    const outsideHours: string[] = [];
    const candidates: { day: number; candidate: Candidate }[] = [];
    const service = account.visitMinutes * 60;
    for (const date of all) {
      const day = dayIndex.get(date);
      const start = byDate.get(date) ?? 0;
      const work = day === undefined ? undefined : days[day];
      if (day === undefined || work === undefined) lost.push(date);
      else if (start < work.start || start + service > work.end) outsideHours.push(date);
      else candidates.push({ day, candidate: { account: index, location: rules.locationOf(index), start, service, priority: account.priority } });
    }
    return { all, lost, outsideHours, candidates };
  });

  const kept = days.map((): Candidate[] => []);
  const conflicts = request.accounts.map((): Conflict[] => []);
  const byDay = days.map(() => [] as Candidate[]);
  for (const r of raw) for (const { day, candidate } of r.candidates) byDay[day].push(candidate);
  byDay.forEach((list, day) => {
    const order = [...list].sort((a, b) => b.priority - a.priority || a.service - b.service || a.start - b.start || a.account - b.account);
    for (const c of order) {
      const trial = [...kept[day], c].sort((a, b) => a.start - b.start);
      const failure = firstFailure(trial, days[day], request.rep, rules);
      if (failure === null) kept[day] = trial;
      else conflicts[c.account].push({ date: days[day].date, start: c.start, ...blame(failure, trial, c, rules) });
    }
  });

  const noBreak = new Set<number>();
  kept.forEach((list, day) => {
    if (list.length > 0 && rules.hasBreak(day) && !breakFits(list, days[day], request.rep, rules)) noBreak.add(day);
  });
  const pinnedOf = request.accounts.map((): PinnedVisit[] => []);
  kept.forEach((list, day) => {
    for (const c of list) pinnedOf[c.account].push({ day, start: c.start });
  });
  return {
    accounts: raw.map((r, i) => ({ all: r.all, pinned: pinnedOf[i].sort((a, b) => a.day - b.day), lost: r.lost, outsideHours: r.outsideHours, conflicts: conflicts[i] })),
    noBreak,
  };
}

/** Where a day of appointments (by start time) first fails: a late arrival at position i, or a limit. */
type Failure = { readonly late: number } | { readonly limit: NonNullable<Conflict['limit']> };

function firstFailure(list: readonly Candidate[], day: WorkingDay, rep: PlanRequest['rep'], rules: DayRules): Failure | null {
  if (rep.maxVisitsPerDay !== undefined && list.length > rep.maxVisitsPerDay) return { limit: 'max_visits' };
  let t = day.start;
  let at = rules.start;
  let driving = 0;
  for (const [i, c] of list.entries()) {
    const leg = rules.travel(at, c.location);
    if (t + leg > c.start) return { late: i };
    driving += leg;
    t = c.start + c.service;
    at = c.location;
  }
  const back = rules.travel(at, rules.end);
  if (t + back > day.end) return { limit: 'working_hours' };
  if (rep.maxDriveMinutesPerDay !== undefined && driving + back > rep.maxDriveMinutesPerDay * 60) return { limit: 'max_drive' };
  return null;
}

/** The kept appointment to name for a failure caused by adding `added`. */
function blame(failure: Failure, trial: readonly Candidate[], added: Candidate, rules: DayRules): Pick<Conflict, 'with' | 'limit' | 'outOfReach'> {
  if ('limit' in failure) return { limit: failure.limit };
  const late = trial[failure.late];
  // The first appointment of the day late: not even from home at the start of the day.
  if (late === added && failure.late === 0) return { outOfReach: rules.travel(rules.start, added.location) };
  const other = late === added ? trial[failure.late - 1] : late;
  return { with: { account: other.account, start: other.start } };
}

/**
 * Whether the break fits among the day's appointments alone: not needed when
 * the tour is home by its latest start, else taken at home before leaving or
 * at an appointment, starting in [earliest, latest], without making the next
 * appointment (or the return) late.
 */
function breakFits(list: readonly Candidate[], day: WorkingDay, rep: PlanRequest['rep'], rules: DayRules): boolean {
  const brk = rep.break;
  if (brk === undefined) return true;
  const earliest = secondsOf(brk.earliest);
  const latest = Math.min(secondsOf(brk.latest), day.end - brk.minutes * 60);
  const last = list[list.length - 1];
  if (last.start + last.service + rules.travel(last.location, rules.end) <= latest) return true;
  for (let k = 0; k <= list.length; k++) {
    const before = k === 0 ? undefined : list[k - 1];
    const ready = before === undefined ? day.start : before.start + before.service;
    const from = before === undefined ? rules.start : before.location;
    const next = k < list.length ? list[k] : undefined;
    const begin = Math.max(ready, earliest);
    if (begin > latest) continue;
    const free = begin + brk.minutes * 60;
    if (next === undefined ? free + rules.travel(from, rules.end) <= day.end : free + rules.travel(from, next.location) <= next.start) return true;
  }
  return false;
}
