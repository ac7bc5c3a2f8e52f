/**
 * What one account asks of a plan: how many visits, on which problem days and
 * at which times they may start, the allowed patterns and what missing them costs.
 *
 * Appointments: an appointment inside the horizon is a fixed visit at its date
 * and time and counts toward the frequency. It wins over the account's opening
 * hours and closed dates (the customer agreed to it). One that cannot happen
 * (a day off, outside the working hours, colliding with a more important one;
 * see appointments.ts) is a missed visit and is not moved to another day; the
 * account's other visits are planned as usual.
 */
import type { Account, PlanRequest } from '../contract/plan-request.js';
import type { Pattern } from '../solver/problem.js';
import type { AccountAppointments, PinnedVisit } from './appointments.js';
import { dayNumber, openWindows, type Horizon, type WorkingDay } from './calendar.js';
import { visitRule, type VisitRule } from './frequency.js';
import { accountPatterns } from './patterns.js';

export type { PinnedVisit } from './appointments.js';

/**
 * Cost of one missed priority-1 visit, in cost seconds (× weights.missedVisit ×
 * overdue bonus). A week holds at most 7 × 86 400 = 604 800 s of driving, so
 * one missed visit outweighs any week of driving (test/domain/compile.test.ts).
 */
export const MISSED_VISIT_COST = 10_000_000;
/** Cost of each date of `options.previousPlan` that a pattern no longer visits, in cost seconds. */
export const STABILITY_COST = 300;

export interface AccountPlan {
  readonly rule: VisitRule;
  /** Visits this plan should hold: the required ones, or more when more appointments fall in the horizon. */
  readonly visits: number;
  /** The account's appointments: kept (pinned), or why not; each one not kept is a missed visit. */
  readonly appointments: AccountAppointments;
  /** Kept appointments, by problem day. */
  readonly pinned: readonly PinnedVisit[];
  /** Weight of each visit given to the solver, in order (appointments not kept are not among them). */
  readonly weights: readonly number[];
  /** Per problem day: windows [open, close, …] (seconds) in which a visit may start. */
  readonly windows: readonly Int32Array[];
  /** Per problem day: the account can be visited (a free visit fits its opening hours). */
  readonly open: readonly boolean[];
  readonly patterns: readonly Pattern[];
  /** Cost when no pattern is chosen: the weight of every visit given to the solver (kept appointments aside, see compile). */
  readonly missPenalty: number;
  /** Problem client index, or -1 when the account is not a client (nothing to plan). */
  readonly client: number;
}

export function accountPlan(
  request: PlanRequest,
  account: Account,
  horizon: Horizon,
  days: readonly WorkingDay[],
  appointments: AccountAppointments,
): AccountPlan {
  const lastVisit = account.lastVisit === undefined ? undefined : dayNumber(account.lastVisit);
  const rule = visitRule(account, horizon, lastVisit);
  const dayIndex = new Map(days.map((d, i) => [d.date, i]));
  const pinned = appointments.pinned;
  const service = account.visitMinutes * 60;

  // A date with an appointment holds that appointment or nothing: no visit at another time of that day.
  const pinnedDates = new Set(pinned.map((p) => days[p.day].date));
  const closed = new Set([...(account.closedDates ?? []), ...appointments.all.filter((d) => !pinnedDates.has(d))]);
  const free = days.map((d) => (closed.has(d.date) ? new Int32Array(0) : startWindows(account.openingHours, d, service)));
  const open = free.map((w) => w.length > 0);
  const windows = free.map((w, i) => {
    const pin = pinned.find((p) => p.day === i);
    return pin === undefined ? w : Int32Array.of(pin.start, pin.start);
  });

  const visits = Math.max(rule.required, appointments.all.length);
  const given = visits - (appointments.all.length - pinned.length);
  const weights = Array.from({ length: Math.max(0, given) }, (_, j) =>
    Math.round(request.options.weights.missedVisit * (account.priority + (j === 0 ? rule.overdueBonus : 0)) * MISSED_VISIT_COST),
  );
  const base = accountPatterns({ rule, days: days.map((d) => d.day), open, pinned: pinned.map((p) => p.day), weights });
  const previous = new Set(
    (request.options.previousPlan ?? []).filter((v) => v.accountId === account.id).flatMap((v) => dayIndex.get(v.date) ?? []),
  );
  const patterns = previous.size === 0 ? base : base.map((p) => ({ days: p.days, penalty: p.penalty + STABILITY_COST * countMissing(previous, p.days) }));
  const missPenalty = weights.reduce((s, w) => s + w, 0) + STABILITY_COST * previous.size;
  return { rule, visits, appointments, pinned, weights, windows, open, patterns, missPenalty, client: -1 };
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
