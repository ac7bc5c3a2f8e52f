/**
 * Why required visits were left out. The first missing visit of an account is
 * diagnosed in this order: an appointment on a day off; the spacing to the
 * previous planned visit; no working day in its window; the account not open
 * long enough on those days; else the visit alone is tried at every position
 * of each allowed day's route and the limit that refuses it is named.
 */
import type { PlanResult, UnplannedVisit } from '../contract/plan-result.js';
import type { Plan } from '../solver/plan.js';
import { scheduleRoute } from '../solver/schedule.js';
import { dateSpan, dayNumber, longDate, shortDate } from './calendar.js';
import type { Compiled } from './compile.js';

type Reason = PlanResult['unplanned'][number]['reason'];

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
    const info = compiled.accounts[index];
    const days = planned[index];
    const missing = info.visits - days.length;
    if (missing <= 0) return;
    const unreachable = compiled.unreachable.get(index);
    if (unreachable !== undefined) {
      out.push({ accountId: account.id, visitsMissing: missing, reason: 'unreachable', message: `${account.name ?? account.id} cannot be reached by road: ${unreachable}.` });
      return;
    }
    const found = diagnose(compiled, plan, index, days);
    if (info.outsideHours.length > 0) {
      const dates = info.outsideHours.map((d) => longDate(dayNumber(d))).join(', ');
      const why = `The appointment${info.outsideHours.length > 1 ? 's' : ''} on ${dates} ${info.outsideHours.length > 1 ? 'fall' : 'falls'} outside the rep's working hours.`;
      const rest = missing > info.outsideHours.length && found !== null ? ` ${found.message}` : '';
      out.push({ accountId: account.id, visitsMissing: missing, reason: 'appointment_outside_working_hours', message: why + rest });
      return;
    }
    if (info.lost.length > 0) {
      const dates = info.lost.map((d) => longDate(dayNumber(d))).join(', ');
      const lost = `The appointment${info.lost.length > 1 ? 's' : ''} on ${dates} ${info.lost.length > 1 ? 'fall on days' : 'falls on a day'} the rep does not work.`;
      const rest = missing > info.lost.length && found !== null ? ` ${found.message}` : '';
      out.push({ accountId: account.id, visitsMissing: missing, reason: 'no_working_day_in_window', message: lost + rest });
      return;
    }
    out.push({
      accountId: account.id,
      visitsMissing: missing,
      ...(found ?? { reason: 'day_capacity', message: 'No working day of the plan can hold the visit.' }),
    });
  });
  return out;
}

function diagnose(compiled: Compiled, plan: Plan, index: number, days: readonly number[]): { reason: Reason; message: string } | null {
  const { horizon, request } = compiled;
  const account = request.accounts[index];
  const info = compiled.accounts[index];
  const name = account.name ?? account.id;
  const minutes = account.visitMinutes;
  if (info.pinned.length > 0 && days.length === 0) {
    const pin = info.pinned[0];
    const date = longDate(compiled.days[pin.day].day);
    return { reason: 'day_capacity', message: `The appointment with ${name} on ${date} does not fit into that day's working hours and tour.` };
  }
  const rule = info.rule;
  const prev = days.at(-1);
  const prevDay = prev === undefined ? undefined : compiled.days[prev].day;
  const from = prevDay === undefined ? Math.max(horizon.start, rule.firstFrom) : prevDay + rule.minGap;
  const to = Math.min(horizon.end, prevDay === undefined ? rule.firstTo : prevDay + rule.maxGap);
  const inWindow = compiled.days.flatMap((d, k) => (d.day >= from && d.day <= to ? [k] : []));
  const openInWindow = inWindow.filter((k) => info.open[k]);

  const openLater = compiled.days.some((_, k) => prev !== undefined && k > prev && info.open[k]);
  if (prevDay !== undefined && openInWindow.length === 0 && (openLater || from > to)) {
    return {
      reason: 'spacing',
      message: `Visits to ${name} must be ${rule.minGap} to ${rule.maxGap} days apart; after the visit on ${longDate(prevDay)} ${
        inWindow.length === 0 ? `the rep does not work ${within(from, to, horizon.end)}` : `it is not open on any working day ${between(from, to)}`
      }.`,
    };
  }
  if (from > to) return null;
  if (inWindow.length === 0) {
    return { reason: 'no_working_day_in_window', message: `The rep does not work ${between(from, to)}, when the visit to ${name} is due.` };
  }
  if (openInWindow.length === 0) {
    return { reason: 'outside_opening_hours', message: `${name} is not open for ${minutes} minutes on any working day ${between(from, to)}.` };
  }
  if (info.client < 0) return null;
  const causes = new Set(openInWindow.map((k) => refusal(compiled, plan, info.client, k)));
  const only = causes.size === 1 ? [...causes][0] : 'day_capacity';
  const span = between(from, to);
  switch (only) {
    case 'max_visits':
      return { reason: only, message: `No working day ${span} can take another visit: the limit is ${plural(request.rep.maxVisitsPerDay ?? 0, 'visit')} per day.` };
    case 'max_drive':
      return { reason: only, message: `Adding ${name} to any working day ${span} would exceed ${String(request.rep.maxDriveMinutesPerDay)} minutes of driving.` };
    case 'day_capacity':
      return { reason: only, message: `No working day ${span} has ${minutes} free minutes inside its opening hours.` };
  }
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
function refusal(compiled: Compiled, plan: Plan, client: number, day: number): 'max_visits' | 'max_drive' | 'day_capacity' {
  const { problem } = compiled;
  const shift = problem.shiftsByDay[day][0];
  const limits = problem.shifts[shift];
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
