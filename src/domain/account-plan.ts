/**
 * What one account asks of a plan: how many visits, on which problem days and
 * at which times they may start, the allowed patterns and what missing them costs.
 *
 * Appointments: an appointment inside the horizon is a fixed visit at its date
 * and time and counts toward the frequency. It wins over the account's opening
 * hours and closed dates (the customer agreed to it). On a day the rep does not
 * work it cannot happen: that visit is unplanned (reason
 * `no_working_day_in_window`) and is not moved to another day.
 */
import type { Account, PlanRequest } from '../contract/plan-request.js';
import type { Pattern } from '../solver/problem.js';
import { dayNumber, openWindows, secondsOf, type Horizon, type WorkingDay } from './calendar.js';
import { visitRule, type VisitRule } from './frequency.js';
import { accountPatterns } from './patterns.js';

/**
 * Cost of one missed priority-1 visit, in cost seconds (× weights.missedVisit ×
 * overdue factor). A week holds at most 7 × 86 400 = 604 800 s of driving, so
 * one missed visit outweighs any week of driving (test/domain/compile.test.ts).
 */
export const MISSED_VISIT_COST = 10_000_000;
/** Cost of each date of `options.previousPlan` that a pattern no longer visits, in cost seconds. */
export const STABILITY_COST = 300;

export interface PinnedVisit {
  /** Problem day index. */
  readonly day: number;
  /** Start time, seconds from midnight. */
  readonly start: number;
}

export interface AccountPlan {
  readonly rule: VisitRule;
  /** Visits this plan should hold: the required ones, or more when more appointments fall in the horizon. */
  readonly visits: number;
  /** ISO dates of appointments on days the rep does not work; each is a missed visit. */
  readonly lost: readonly string[];
  /** ISO dates of appointments outside the rep's working hours of that day; each is a missed visit. */
  readonly outsideHours: readonly string[];
  /** Appointments on working days, by problem day. */
  readonly pinned: readonly PinnedVisit[];
  /** Per problem day: windows [open, close, …] (seconds) in which a visit may start. */
  readonly windows: readonly Int32Array[];
  /** Per problem day: the account can be visited (a free visit fits its opening hours). */
  readonly open: readonly boolean[];
  readonly patterns: readonly Pattern[];
  /** Cost when no pattern is chosen: the weight of every visit given to the solver. */
  readonly missPenalty: number;
  /** Problem client index, or -1 when the account is not a client (nothing to plan). */
  readonly client: number;
}

export function accountPlan(request: PlanRequest, account: Account, horizon: Horizon, days: readonly WorkingDay[]): AccountPlan {
  const lastVisit = account.lastVisit === undefined ? undefined : dayNumber(account.lastVisit);
  const rule = visitRule(account, horizon, lastVisit);
  const dayIndex = new Map(days.map((d, i) => [d.date, i]));

  const appointments = new Map<string, string>();
  for (const a of [...(account.appointments ?? [])].sort((x, y) => x.date.localeCompare(y.date) || x.start.localeCompare(y.start))) {
    const day = dayNumber(a.date);
    if (day >= horizon.start && day <= horizon.end && !appointments.has(a.date)) appointments.set(a.date, a.start);
  }
  const service = account.visitMinutes * 60;
  const lost: string[] = [];
  const outsideHours: string[] = [];
  const pinned: PinnedVisit[] = [];
  for (const [date, start] of appointments) {
    const day = dayIndex.get(date);
    const at = secondsOf(start);
    const workday = day === undefined ? undefined : days[day];
    if (day === undefined || workday === undefined) lost.push(date);
    // An appointment the working day cannot hold is reported, not allowed to sink the account's other visits.
    else if (at < workday.start || at + service > workday.end) outsideHours.push(date);
    else pinned.push({ day, start: at });
  }

  const closed = new Set(account.closedDates ?? []);
  const free = days.map((d) => (closed.has(d.date) ? new Int32Array(0) : startWindows(account.openingHours, d, service)));
  const open = free.map((w) => w.length > 0);
  const windows = free.map((w, i) => {
    const pin = pinned.find((p) => p.day === i);
    return pin === undefined ? w : Int32Array.of(pin.start, pin.start);
  });

  const visits = Math.max(rule.required, appointments.size);
  const weights = Array.from({ length: Math.max(0, visits - lost.length - outsideHours.length) }, (_, j) =>
    Math.round(request.options.weights.missedVisit * account.priority * (j === 0 ? rule.overdueFactor : 1) * MISSED_VISIT_COST),
  );
  const base = accountPatterns({ rule, days: days.map((d) => d.day), open, pinned: pinned.map((p) => p.day), weights });
  const previous = new Set(
    (request.options.previousPlan ?? []).filter((v) => v.accountId === account.id).flatMap((v) => dayIndex.get(v.date) ?? []),
  );
  const patterns = previous.size === 0 ? base : base.map((p) => ({ days: p.days, penalty: p.penalty + STABILITY_COST * countMissing(previous, p.days) }));
  const missPenalty = weights.reduce((s, w) => s + w, 0) + STABILITY_COST * previous.size;
  return { rule, visits, lost, outsideHours, pinned, windows, open, patterns, missPenalty, client: -1 };
}

/**
 * Windows for the start of a visit on a working day: each opening window
 * [open, close] becomes [open, close − visit], clipped to the working hours
 * [start, end − visit]; empty ones are dropped.
 */
export function startWindows(hours: Account['openingHours'], day: WorkingDay, service: number): Int32Array {
  const out: number[] = [];
  for (const [o, c] of openWindows(hours, day.weekday, [day.start, day.end])) {
    const from = Math.max(o, day.start);
    const to = Math.min(c, day.end) - service;
    if (from <= to) out.push(from, to);
  }
  return Int32Array.from(out);
}

function countMissing(previous: ReadonlySet<number>, days: readonly number[]): number {
  let missing = 0;
  for (const d of previous) if (!days.includes(d)) missing++;
  return missing;
}
