/**
 * From a visit frequency to the visits a plan must hold (rules 1-4 of
 * "Frequency rules" in README.md). All days are day numbers; the horizon is
 * [h0, h1].
 */
import type { Account } from '../contract/plan-request.js';
import type { Horizon } from './calendar.js';

/** Guards `⌈x⌉`/`⌊x⌋` against float noise in intervals such as 7/3. */
const EPS = 1e-9;

/**
 * An overdue first visit weighs `priority + min(OVERDUE_BONUS, daysOverdue / 2I)`:
 * it goes before an on-time visit of the same priority, and never before a more
 * important account's (priorities are whole numbers).
 */
export const OVERDUE_BONUS = 0.5;

/** How the visits of one account may fall in the horizon. */
export interface VisitRule {
  /** I = 7w/k, in days (may be fractional, e.g. 3.5 for twice a week). */
  readonly interval: number;
  /** t, in whole days. */
  readonly tolerance: number;
  /** Days allowed between two consecutive planned visits: [⌈I − t⌉, ⌊I + t⌋], at least 1. */
  readonly minGap: number;
  readonly maxGap: number;
  /** Days on which the first visit may happen (inclusive; may reach beyond the horizon). */
  readonly firstFrom: number;
  readonly firstTo: number;
  /** Due date of the first visit (h0 when overdue); may be fractional. */
  readonly firstDue: number;
  /** Days the first visit is overdue at h0 (0 when it is not). */
  readonly overdueDays: number;
  /** Visits due in the horizon (due date ≤ h1), appointments not counted. */
  readonly required: number;
  /** Priority added to the first visit's weight when it is overdue (0 when it is not). */
  readonly overdueBonus: number;
}

export function intervalOf(frequency: Account['frequency']): number {
  return (7 * frequency.perWeeks) / frequency.visits;
}

/** Rule 1: the given tolerance, else max(1, ⌊I/4 + 1/2⌋). */
export function toleranceOf(account: Pick<Account, 'frequency' | 'toleranceDays'>): number {
  return account.toleranceDays ?? Math.max(1, Math.floor(intervalOf(account.frequency) / 4 + 0.5 + EPS));
}

export function floorDay(x: number): number {
  return Math.floor(x + EPS);
}

export function ceilDay(x: number): number {
  return Math.ceil(x - EPS);
}

/** Rules 1-4 for one account over a horizon. */
export function visitRule(account: Pick<Account, 'frequency' | 'toleranceDays'>, horizon: Horizon, lastVisit: number | undefined): VisitRule {
  const interval = intervalOf(account.frequency);
  const tolerance = toleranceOf(account);
  const h0 = horizon.start;
  const minGap = Math.max(1, ceilDay(interval - tolerance));
  const maxGap = Math.max(minGap, floorDay(interval + tolerance));

  let firstFrom: number;
  let firstTo: number;
  let firstDue: number;
  let overdueDays = 0;
  if (lastVisit === undefined) {
    // Rule 2, new account: due at h0 + I − 1, any day from h0 up to due + t.
    firstDue = h0 + interval - 1;
    firstFrom = h0;
    firstTo = floorDay(firstDue + tolerance);
  } else {
    const due = lastVisit + interval;
    if (floorDay(due + tolerance) < h0) {
      // Rule 2, overdue: [h0, h0 + t], counted as due on h0.
      overdueDays = floorDay(h0 - due);
      firstDue = h0;
      firstFrom = h0;
      firstTo = h0 + tolerance;
    } else {
      firstDue = due;
      // With a fractional due date and a small tolerance, the window keeps the days on both sides of it.
      firstFrom = Math.max(h0, Math.min(ceilDay(due - tolerance), floorDay(due)));
      firstTo = Math.max(floorDay(due + tolerance), ceilDay(due));
    }
  }

  // Rule 4: count the due dates D1, D1 + I, … that fall on or before h1.
  let required = 0;
  for (let due = firstDue; floorDay(due) <= horizon.end; due += interval) required++;

  const overdueBonus = Math.min(OVERDUE_BONUS, overdueDays / (2 * interval));
  return { interval, tolerance, minGap, maxGap, firstFrom, firstTo, firstDue, overdueDays, required, overdueBonus };
}

/** Due date of the visit after one on `day` (rule 3), as a whole day. */
export function nextDueAfter(day: number, interval: number): number {
  return floorDay(day + interval);
}

/** One visit of an account in a plan: the day it is planned on, or the window it had and missed. */
export interface VisitSlot {
  /** Day number, or undefined when the visit is missed. */
  readonly day: number | undefined;
  /** The days the visit could take (first window, spacing or due date ± tolerance), inclusive. */
  readonly from: number;
  readonly to: number;
}

/**
 * Reads planned days (ascending) back as the account's visits 1..count, the
 * ones between them missed, by the rules the patterns follow (see
 * patterns.ts); earlier visits are planned where both readings fit. Days past
 * the count, or that fit no reading, come back as they are, without windows.
 */
export function visitSlots(rule: VisitRule, planned: readonly number[], fixed: ReadonlySet<number>, count: number): VisitSlot[] {
  const out: VisitSlot[] = [];
  const failed = new Set<string>();
  const fit = (i: number, k: number, due: number, prev: number | undefined, adjacent: boolean): boolean => {
    if (i === planned.length) {
      for (let j = k, d = due; j < count; j++, d += rule.interval) out.push({ day: undefined, ...windowAfter(rule, j, d, prev, adjacent && j === k) });
      return true;
    }
    const key = `${String(i)}|${String(k)}|${String(due)}|${String(prev)}|${String(adjacent)}`;
    if (k >= count || failed.has(key)) return false;
    const day = planned[i];
    const window = windowAfter(rule, k, due, prev, adjacent);
    const ok = fixed.has(day)
      ? !adjacent || prev === undefined || fixed.has(prev) || (day - prev >= rule.minGap && day - prev <= rule.maxGap)
      : day >= window.from && day <= window.to;
    out.push({ day, ...window });
    if (ok && fit(i + 1, k + 1, day + rule.interval, day, true)) return true;
    out.pop();
    out.push({ day: undefined, ...window });
    if (fit(i, k + 1, due + rule.interval, prev, false)) return true;
    out.pop();
    failed.add(key);
    return false;
  };
  if (fit(0, 0, rule.firstDue, undefined, false)) return out;
  return planned.map((day) => ({ day, from: day, to: day }));
}

/** The window of visit k, due on `due`, after the last planned visit `prev` (just before it when `adjacent`). */
export function windowAfter(rule: VisitRule, k: number, due: number, prev: number | undefined, adjacent: boolean): { from: number; to: number } {
  if (k === 0 && prev === undefined) return { from: rule.firstFrom, to: rule.firstTo };
  if (adjacent && prev !== undefined) return { from: prev + rule.minGap, to: prev + rule.maxGap };
  const from = ceilDay(due - rule.tolerance);
  return { from: prev === undefined ? from : Math.max(from, prev + rule.minGap), to: floorDay(due + rule.tolerance) };
}
