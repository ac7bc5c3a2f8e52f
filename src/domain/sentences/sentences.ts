/**
 * The sentences a plan carries (unplanned reasons, warnings), one module per
 * language behind one interface, so the type checker keeps the languages in
 * step. Dates are day numbers and are written through Intl in each language.
 */
import type { Locale } from '../../contract/common.js';
import { english } from './english.js';
import { french } from './french.js';

/** Days from `from` to `to` (day numbers); `from > to` when the window runs past the plan's end. */
export interface Span {
  readonly from: number;
  readonly to: number;
  /** Last day of the plan. */
  readonly end: number;
}

export type AppointmentLimit = 'working_hours' | 'max_visits' | 'max_drive';

export interface Sentences {
  unreachable(name: string, why: string): string;
  appointmentsOutsideHours(name: string, dates: readonly number[]): string;
  appointmentsOnDaysOff(name: string, dates: readonly number[]): string;
  appointmentCollision(name: string, day: number, start: string, other: string, otherStart: string): string;
  appointmentsOverfull(name: string, day: number, start: string, limit: AppointmentLimit): string;
  appointmentOutOfReach(name: string, day: number, start: string, driveMinutes: number, dayStart: string): string;
  noDayHolds(): string;
  /** The spacing after `previous` leads to days the rep does not work (`working` false) or the account is closed. */
  spacing(name: string, minGap: number, maxGap: number, previous: number, span: Span, working: boolean): string;
  noWorkingDay(name: string, span: Span): string;
  notOpen(name: string, minutes: number, span: Span): string;
  noRoom(name: string, span: Span): string;
  tooFar(name: string, minutes: number, span: Span): string;
  maxVisits(limit: number, span: Span): string;
  maxDrive(name: string, limit: number, span: Span): string;
  full(name: string, minutes: number, span: Span): string;
  noBreak(day: number, minutes: number, earliest: string, latest: string): string;
  /** The replan report: what happened to a visit of the previous plan, then why. */
  change: ChangeSentences;
}

/** Dates are ISO dates; `cadence` is the account's own (see `cadence`). */
export interface ChangeSentences {
  moved(name: string, from: string, to: string, why: string): string;
  dropped(name: string, from: string, why: string): string;
  added(name: string, to: string, why: string): string;
  repUnavailable(date: string): string;
  repOff(date: string): string;
  accountClosed(name: string, date: string): string;
  noRoomInHours(name: string, date: string): string;
  appointment(date: string, time: string): string;
  outsideWindow(date: string, cadence: string): string;
  optimised(): string;
  due(cadence: string): string;
  unplanned(message: string): string;
  notDue(next: string | undefined): string;
  accountRemoved(): string;
  cadence(visits: number, perWeeks: number, lastVisit: string | undefined): string;
}

const BY_LOCALE: Readonly<Record<Locale, Sentences>> = { en: english, fr: french };

export function sentences(locale: Locale): Sentences {
  return BY_LOCALE[locale];
}
