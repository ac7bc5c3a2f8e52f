/** One route of a plan as the day of a PlanResult: times, stops, the break, driving. */
import type { DayResult, StopResult } from '../contract/plan-result.js';
import type { PlanRoute, RouteSchedule } from '../solver/plan.js';
import { scheduleRoute } from '../solver/schedule.js';
import { clock } from './calendar.js';
import type { Compiled } from './compile.js';

export interface DayTimeline {
  /** Problem day index. */
  readonly dayIndex: number;
  readonly result: DayResult;
  /** Seconds between departure and return, and of working hours. */
  readonly used: number;
  readonly working: number;
  /** Metres driven (unrounded). */
  readonly distance: number;
}

/** Kilometres, rounded to 0.1, of a distance in metres. */
export function km(metres: number): number {
  return Math.round(metres / 100) / 10;
}

export function routeSchedule(compiled: Compiled, route: PlanRoute): RouteSchedule {
  const schedule = scheduleRoute(compiled.problem, route.shift, route.visits);
  if (schedule === null) throw new RangeError(`route of shift ${route.shift} is infeasible for its problem`);
  return schedule;
}

export function dayTimeline(compiled: Compiled, route: PlanRoute): DayTimeline {
  const { problem, request } = compiled;
  const shift = problem.shifts[route.shift];
  const day = compiled.days[shift.day];
  const schedule = routeSchedule(compiled, route);

  const stops: StopResult[] = schedule.stops.map((s) => {
    const ref = compiled.clients[s.client];
    const item = ref.kind === 'account' ? request.accounts[ref.index] : request.prospects[ref.index];
    const appointment = ref.kind === 'account' && compiled.accounts[ref.index].pinned.some((p) => p.day === shift.day);
    return {
      kind: ref.kind,
      id: ref.id,
      ...(item.name === undefined ? {} : { name: item.name }),
      arrival: clock(s.arrival),
      start: clock(s.start),
      end: clock(s.end),
      waitMinutes: s.wait / 60,
      travelMinutes: s.travel / 60,
      travelKm: km(s.distance),
      ...(appointment ? { appointment: true } : {}),
      lat: item.location.lat,
      lon: item.location.lon,
    };
  });
  const brk = schedule.break;
  if (brk !== null) {
    const time = clock(brk.start);
    // Taken where the rep is: at the last stop before it, or at the start before leaving.
    const at = brk.after === 0 ? request.rep.start : stops[brk.after - 1];
    stops.splice(brk.after, 0, { kind: 'break', arrival: time, start: time, end: clock(brk.end), waitMinutes: 0, travelMinutes: 0, travelKm: 0, lat: at.lat, lon: at.lon });
  }

  const visitSeconds = schedule.stops.reduce((sum, s) => sum + (s.end - s.start), 0);
  const result: DayResult = {
    date: day.date,
    departure: clock(schedule.departure),
    return: clock(schedule.returnTime),
    driveMinutes: schedule.travel / 60,
    driveKm: km(schedule.distance),
    visitMinutes: visitSeconds / 60,
    returnTravelMinutes: schedule.returnTravel / 60,
    returnTravelKm: km(schedule.returnDistance),
    stops,
  };
  return { dayIndex: shift.day, result, used: schedule.returnTime - schedule.departure, working: day.end - day.start, distance: schedule.distance };
}
