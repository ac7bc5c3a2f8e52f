/**
 * Why required visits were left out, one entry per account. Appointments not
 * kept come first (a day off, outside the working hours, a collision with a
 * more important appointment, named). Otherwise the first missed visit is
 * read back with its window (visitSlots) and diagnosed in this order: no
 * working day in the window; the spacing to the previous visit; the account
 * not open long enough on those days; too far to be visited within a working
 * day; else the visit alone is tried at every position of each day's route
 * and the limit that refuses it is named. The sentences are in the plan's
 * locale (options.locale), written once when the plan is made.
 */
import type { PlanResult, UnplannedVisit } from '../contract/plan-result.js';
import type { Plan } from '../solver/plan.js';
import { scheduleRoute } from '../solver/schedule.js';
import type { Conflict } from './appointments.js';
import { clock, dayNumber } from './calendar.js';
import type { Compiled } from './compile.js';
import { visitSlots, type VisitSlot } from './frequency.js';
import { sentences, type Sentences, type Span } from './sentences/sentences.js';

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
  const say = sentences(compiled.request.options.locale ?? 'en');
  compiled.request.accounts.forEach((account, index) => {
    const missing = compiled.accounts[index].visits - planned[index].length;
    if (missing <= 0) return;
    const unreachable = compiled.unreachable.get(index);
    const found = unreachable === undefined
      ? appointmentTrouble(compiled, say, index) ?? missedVisit(compiled, say, plan, index, planned[index])
      : { reason: 'unreachable' as const, message: say.unreachable(nameOf(compiled, index), unreachable) };
    out.push({
      accountId: account.id,
      ...(account.name === undefined ? {} : { name: account.name }),
      lat: account.location.lat,
      lon: account.location.lon,
      visitsMissing: missing,
      ...found,
    });
  });
  return out;
}

/** An appointment of the account that the plan cannot keep, with the reason; null when all are kept. */
function appointmentTrouble(compiled: Compiled, say: Sentences, index: number): Diagnosis | null {
  const { appointments } = compiled.accounts[index];
  const name = nameOf(compiled, index);
  const days = (list: readonly string[]) => list.map(dayNumber);
  const conflict = appointments.conflicts.at(0);
  if (conflict !== undefined) return conflictMessage(compiled, say, name, conflict);
  if (appointments.outsideHours.length > 0) {
    return { reason: 'appointment_outside_working_hours', message: say.appointmentsOutsideHours(name, days(appointments.outsideHours)) };
  }
  if (appointments.lost.length > 0) {
    return { reason: 'appointment_outside_working_hours', message: say.appointmentsOnDaysOff(name, days(appointments.lost)) };
  }
  return null;
}

function conflictMessage(compiled: Compiled, say: Sentences, name: string, conflict: Conflict): Diagnosis {
  const day = dayNumber(conflict.date);
  const start = clock(conflict.start);
  const other = conflict.with;
  if (other !== undefined) {
    return {
      reason: 'appointment_conflict',
      message: say.appointmentCollision(name, day, start, nameOf(compiled, other.account), clock(other.start)),
      conflictsWith: compiled.request.accounts[other.account].id,
    };
  }
  if (conflict.outOfReach !== undefined) {
    const dayStart = compiled.days.find((d) => d.date === conflict.date)?.start ?? 0;
    return { reason: 'too_far', message: say.appointmentOutOfReach(name, day, start, Math.round(conflict.outOfReach / 60), clock(dayStart)) };
  }
  return { reason: 'appointment_conflict', message: say.appointmentsOverfull(name, day, start, conflict.limit ?? 'working_hours') };
}

/** The first visit the plan misses, read back with its window, and why. */
function missedVisit(compiled: Compiled, say: Sentences, plan: Plan, index: number, days: readonly number[]): Diagnosis {
  const info = compiled.accounts[index];
  const fixed = new Set(info.pinned.map((p) => compiled.days[p.day].day));
  const slots = visitSlots(info.rule, days.map((k) => compiled.days[k].day), fixed, info.weights.length);
  const first = slots.findIndex((s) => s.day === undefined);
  if (first < 0) return { reason: 'day_capacity', message: say.noDayHolds() };
  return diagnose(compiled, say, plan, index, slots[first], first > 0 ? slots[first - 1].day : undefined);
}

function diagnose(compiled: Compiled, say: Sentences, plan: Plan, index: number, slot: VisitSlot, previous: number | undefined): Diagnosis {
  const { horizon, request } = compiled;
  const info = compiled.accounts[index];
  const name = nameOf(compiled, index);
  const minutes = request.accounts[index].visitMinutes;
  const rule = info.rule;
  const span: Span = { from: Math.max(horizon.start, slot.from), to: Math.min(horizon.end, slot.to), end: horizon.end };
  const inWindow = compiled.days.flatMap((d, k) => (d.day >= span.from && d.day <= span.to ? [k] : []));
  const openInWindow = inWindow.filter((k) => info.open[k]);
  if (previous !== undefined && openInWindow.length === 0 && slot.from === previous + rule.minGap) {
    return { reason: 'spacing', message: say.spacing(name, rule.minGap, rule.maxGap, previous, span, inWindow.length > 0) };
  }
  if (inWindow.length === 0) return { reason: 'no_working_day_in_window', message: say.noWorkingDay(name, span) };
  if (openInWindow.length === 0) return { reason: 'outside_opening_hours', message: say.notOpen(name, minutes, span) };
  if (info.client < 0) return { reason: 'day_capacity', message: say.noRoom(name, span) };
  const causes = new Set(openInWindow.map((k) => refusal(compiled, plan, info.client, k)));
  const only = causes.size === 1 ? [...causes][0] : 'day_capacity';
  switch (only) {
    case 'too_far':
      return { reason: only, message: say.tooFar(name, minutes, span) };
    case 'max_visits':
      return { reason: only, message: say.maxVisits(request.rep.maxVisitsPerDay ?? 0, span) };
    case 'max_drive':
      return { reason: only, message: say.maxDrive(name, request.rep.maxDriveMinutesPerDay ?? 0, span) };
    case 'day_capacity':
      return { reason: only, message: say.full(name, minutes, span) };
  }
}

function nameOf(compiled: Compiled, index: number): string {
  const account = compiled.request.accounts[index];
  return account.name ?? account.id;
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
