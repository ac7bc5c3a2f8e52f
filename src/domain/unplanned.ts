/**
 * Why required visits were left out, one entry per account. Appointments not
 * kept come first (a day off, outside the working hours, a collision with a
 * more important appointment, named). Otherwise the first missed visit is
 * read back with its window (visitSlots) and diagnosed in this order: no
 * working day in the window; the spacing to the previous visit; the account
 * not open long enough on those days; too far to be visited within a working
 * day; else the visit alone is tried at every position of each day's route
 * and the limit that refuses it is named.
 */
import type { PlanResult, UnplannedVisit } from '../contract/plan-result.js';
import type { Plan } from '../solver/plan.js';
import { scheduleRoute } from '../solver/schedule.js';
import type { Conflict } from './appointments.js';
import { clock, dateSpan, dayNumber, longDate, shortDate } from './calendar.js';
import type { Compiled } from './compile.js';
import { visitSlots, type VisitSlot } from './frequency.js';

type Reason = PlanResult['unplanned'][number]['reason'];

interface Diagnosis {
  readonly reason: Reason;
  readonly message: string;
  readonly conflictsWith?: string;
}

/** Problem days of the pattern chosen for each account ([] when none). */
export function plannedDays(compiled: Compiled, plan: Plan): (readonly number[])[] {
  return compiled.accounts.map((a) => {
    if (a.client < 0) return [];
    const chosen = plan.patterns[a.client];
    return chosen < 0 ? [] : compiled.problem.clients[a.client].patterns[chosen].days;
  });
}

export function unplannedVisits(compiled: Compiled, plan: Plan, planned: readonly (readonly number[])[]): UnplannedVisit[] {
  const out: UnplannedVisit[] = [];
  compiled.request.accounts.forEach((account, index) => {
    const missing = compiled.accounts[index].visits - planned[index].length;
    if (missing <= 0) return;
    const unreachable = compiled.unreachable.get(index);
    const found = unreachable === undefined
      ? appointmentTrouble(compiled, index) ?? missedVisit(compiled, plan, index, planned[index])
      : { reason: 'unreachable' as const, message: `${account.name ?? account.id} cannot be reached by road: ${unreachable}.` };
    out.push({ accountId: account.id, visitsMissing: missing, ...found });
  });
  return out;
}

/** An appointment of the account that the plan cannot keep, with the reason; null when all are kept. */
function appointmentTrouble(compiled: Compiled, index: number): Diagnosis | null {
  const { appointments } = compiled.accounts[index];
  const name = nameOf(compiled, index);
  const dates = (list: readonly string[]) => list.map((d) => longDate(dayNumber(d))).join(', ');
  const many = (list: readonly unknown[], one: string, more: string) => (list.length > 1 ? more : one);
  const conflict = appointments.conflicts.at(0);
  if (conflict !== undefined) return conflictMessage(compiled, name, conflict);
  if (appointments.outsideHours.length > 0) {
    const list = appointments.outsideHours;
    return {
      reason: 'appointment_outside_working_hours',
      message: `The appointment${many(list, '', 's')} with ${name} on ${dates(list)} ${many(list, 'falls', 'fall')} outside the rep's working hours.`,
    };
  }
  if (appointments.lost.length > 0) {
    const list = appointments.lost;
    return {
      reason: 'appointment_outside_working_hours',
      message: `The appointment${many(list, '', 's')} with ${name} on ${dates(list)} ${many(list, 'falls on a day', 'fall on days')} the rep does not work.`,
    };
  }
  return null;
}

function conflictMessage(compiled: Compiled, name: string, conflict: Conflict): Diagnosis {
  const when = `${longDate(dayNumber(conflict.date))} at ${clock(conflict.start)}`;
  const other = conflict.with;
  if (other !== undefined) {
    const otherId = compiled.request.accounts[other.account].id;
    return {
      reason: 'appointment_conflict',
      message: `The appointment with ${name} on ${when} collides with the appointment with ${nameOf(compiled, other.account)} at ${clock(other.start)}, which is kept: the rep cannot be at both.`,
      conflictsWith: otherId,
    };
  }
  const limit = conflict.limit === 'max_visits' ? 'the most visits a day' : conflict.limit === 'max_drive' ? 'the most driving a day' : 'the working hours';
  return { reason: 'appointment_conflict', message: `The appointment with ${name} on ${when} does not fit with that day's other appointments within ${limit}.` };
}

/** The first visit the plan misses, read back with its window, and why. */
function missedVisit(compiled: Compiled, plan: Plan, index: number, days: readonly number[]): Diagnosis {
  const info = compiled.accounts[index];
  const fixed = new Set(info.pinned.map((p) => compiled.days[p.day].day));
  const slots = visitSlots(info.rule, days.map((k) => compiled.days[k].day), fixed, info.weights.length);
  const first = slots.findIndex((s) => s.day === undefined);
  if (first < 0) return { reason: 'day_capacity', message: 'No working day of the plan can hold the visit.' };
  return diagnose(compiled, plan, index, slots[first], first > 0 ? slots[first - 1].day : undefined);
}

function diagnose(compiled: Compiled, plan: Plan, index: number, slot: VisitSlot, previous: number | undefined): Diagnosis {
  const { horizon, request } = compiled;
  const info = compiled.accounts[index];
  const name = nameOf(compiled, index);
  const minutes = request.accounts[index].visitMinutes;
  const rule = info.rule;
  const from = Math.max(horizon.start, slot.from);
  const to = Math.min(horizon.end, slot.to);
  const inWindow = compiled.days.flatMap((d, k) => (d.day >= from && d.day <= to ? [k] : []));
  const openInWindow = inWindow.filter((k) => info.open[k]);
  if (previous !== undefined && openInWindow.length === 0 && slot.from === previous + rule.minGap) {
    return {
      reason: 'spacing',
      message: `Visits to ${name} must be ${rule.minGap} to ${rule.maxGap} days apart; after the visit on ${longDate(previous)} ${
        inWindow.length === 0 ? `the rep does not work ${within(from, to, horizon.end)}` : `it is not open on any working day ${between(from, to)}`
      }.`,
    };
  }
  if (inWindow.length === 0) {
    return { reason: 'no_working_day_in_window', message: `The rep does not work ${within(from, to, horizon.end)}, when the visit to ${name} is due.` };
  }
  if (openInWindow.length === 0) {
    return { reason: 'outside_opening_hours', message: `${name} is not open for ${minutes} minutes on any working day ${between(from, to)}.` };
  }
  if (info.client < 0) return { reason: 'day_capacity', message: `No working day ${between(from, to)} can hold the visit to ${name}.` };
  const causes = new Set(openInWindow.map((k) => refusal(compiled, plan, info.client, k)));
  const only = causes.size === 1 ? [...causes][0] : 'day_capacity';
  const span = between(from, to);
  switch (only) {
    case 'too_far':
      return { reason: only, message: `${name} is too far to be visited for ${minutes} minutes within the opening and working hours of any day ${span}, even on an empty day.` };
    case 'max_visits':
      return { reason: only, message: `No working day ${span} can take another visit: the limit is ${plural(request.rep.maxVisitsPerDay ?? 0, 'visit')} per day.` };
    case 'max_drive':
      return { reason: only, message: `Adding ${name} to any working day ${span} would exceed ${String(request.rep.maxDriveMinutesPerDay)} minutes of driving.` };
    case 'day_capacity':
      return { reason: only, message: `Every working day ${span} is full: no tour has ${minutes} free minutes inside the opening hours of ${name}.` };
  }
}

function nameOf(compiled: Compiled, index: number): string {
  const account = compiled.request.accounts[index];
  return account.name ?? account.id;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function between(from: number, to: number): string {
  return from === to ? `on ${shortDate(from)}` : `between ${dateSpan(from, to)}`;
}

function within(from: number, to: number, end: number): string {
  return from > to ? `between then and the end of the plan on ${shortDate(end)}` : between(from, to);
}

/** Why a day's route (of the plan) cannot take one more visit of `client`. */
function refusal(compiled: Compiled, plan: Plan, client: number, day: number): 'too_far' | 'max_visits' | 'max_drive' | 'day_capacity' {
  const { problem } = compiled;
  const shift = problem.shiftsByDay[day][0];
  const limits = problem.shifts[shift];
  if (scheduleRoute(problem, shift, [client]) === null && travelOf(compiled, limits.startLocation, limits.endLocation, [client]) <= limits.maxTravel) {
    return 'too_far';
  }
  const route = plan.routes.find((r) => r.shift === shift)?.visits ?? [];
  if (route.length + 1 > limits.maxVisits) return 'max_visits';
  let leastTravel = Infinity;
  for (let at = 0; at <= route.length; at++) {
    const visits = [...route.slice(0, at), client, ...route.slice(at)];
    if (scheduleRoute(problem, shift, visits) !== null) return 'day_capacity';
    leastTravel = Math.min(leastTravel, travelOf(compiled, limits.startLocation, limits.endLocation, visits));
  }
  return leastTravel > limits.maxTravel ? 'max_drive' : 'day_capacity';
}

function travelOf(compiled: Compiled, start: number, end: number, visits: readonly number[]): number {
  const { durations, numLocations: n, clients } = compiled.problem;
  let prev = start;
  let travel = 0;
  for (const v of visits) {
    travel += durations[prev * n + clients[v].location];
    prev = clients[v].location;
  }
  return travel + durations[prev * n + end];
}
