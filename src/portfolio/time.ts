/**
 * The rep's time over a period: working hours from the calendar (unavailable
 * dates excluded, breaks deducted), less the share that goes to admin and
 * meetings, less the prospecting target; what remains is for account visits
 * and the driving between them. Figures are per worked week (working days
 * over working days per week), since visits pause while the rep is away.
 */
import type { PlanRequest } from '../contract/plan-request.js';
import type { TimeAvailable } from '../contract/portfolio-analysis.js';
import { isoDate, workingDays, type Horizon } from '../domain/calendar.js';
import type { TourDay } from './driving.js';
import { share, tenth } from './round.js';

export interface Prospecting {
  readonly visitsPerWeek: number;
  readonly visitMinutes: number;
}

export interface TimeBudget {
  readonly daysPerWeek: number;
  readonly workedWeeks: number;
  /** Minutes per worked week. */
  readonly workingMinutes: number;
  readonly nonVisitMinutes: number;
  readonly prospectingMinutes: number;
  /** For account visits and their driving. */
  readonly availableMinutes: number;
  /** Account visits the visits-per-day limit leaves per week, once prospects are counted; undefined without a limit. */
  readonly visitLimit: number | undefined;
  readonly summary: TimeAvailable;
}

/** Weekdays the rep works. */
export function daysPerWeek(rep: PlanRequest['rep']): number {
  return new Set(rep.workingHours.flatMap((h) => h.days)).size;
}

/** Working days of a period and their working minutes, breaks excluded. */
export interface Calendar {
  readonly period: Horizon;
  readonly days: number;
  readonly minutes: number;
  readonly daysPerWeek: number;
  readonly workedWeeks: number;
  readonly maxVisitsPerDay: number | undefined;
}

export function calendarOf(rep: PlanRequest['rep'], period: Horizon): Calendar {
  const days = workingDays(rep, period);
  const breakMinutes = rep.break?.minutes ?? 0;
  const minutes = days.reduce((sum, d) => sum + Math.max(0, (d.end - d.start) / 60 - breakMinutes), 0);
  const perWeek = daysPerWeek(rep);
  return { period, days: days.length, minutes, daysPerWeek: perWeek, workedWeeks: days.length / perWeek, maxVisitsPerDay: rep.maxVisitsPerDay };
}

/** The calendar's average working day, as tours see it. */
export function tourDay(calendar: Calendar): TourDay {
  return { minutes: calendar.days > 0 ? calendar.minutes / calendar.days : 0, maxVisits: calendar.maxVisitsPerDay, perWeek: calendar.daysPerWeek };
}

export function timeBudget(calendar: Calendar, nonVisitShare: number, prospecting: Prospecting | undefined, prospectDriveMinutes: number): TimeBudget {
  const { workedWeeks, daysPerWeek: perWeekDays, period } = calendar;
  const workingMinutes = workedWeeks > 0 ? calendar.minutes / workedWeeks : 0;
  const nonVisitMinutes = workingMinutes * nonVisitShare;
  const prospectVisits = workedWeeks > 0 ? (prospecting?.visitsPerWeek ?? 0) : 0;
  const prospectingMinutes = prospectVisits * ((prospecting?.visitMinutes ?? 0) + prospectDriveMinutes);
  const availableMinutes = Math.max(0, workingMinutes - nonVisitMinutes - prospectingMinutes);
  const visitLimit = calendar.maxVisitsPerDay === undefined ? undefined : Math.max(0, calendar.maxVisitsPerDay * perWeekDays - prospectVisits);
  const hours = (minutes: number) => tenth(minutes / 60);
  return {
    daysPerWeek: perWeekDays,
    workedWeeks,
    workingMinutes,
    nonVisitMinutes,
    prospectingMinutes,
    availableMinutes,
    visitLimit,
    summary: {
      period: { start: isoDate(period.start), end: isoDate(period.end), workingDays: calendar.days, workedWeeks: share(workedWeeks) },
      perWeek: {
        workingHours: hours(workingMinutes),
        nonVisitHours: hours(nonVisitMinutes),
        prospectingHours: hours(prospectingMinutes),
        availableHours: hours(availableMinutes),
      },
      availableHoursInPeriod: hours(availableMinutes * workedWeeks),
    },
  };
}
