/**
 * Calendar arithmetic on plain numbers. A date is a day number: days since
 * 1970-01-01 (proleptic Gregorian), so spans are subtractions and the weekday
 * is a remainder. Times of day are minutes or seconds from midnight.
 */
import { WEEKDAYS, minutesOf, type DayHours, type Locale, type Weekday } from '../contract/common.js';
import type { PlanRequest } from '../contract/plan-request.js';

const DAY_MS = 86_400_000;

/** The language tag behind each locale: British English writes "Tue 24 Nov", as the sentences read. */
export const LANGUAGE_TAG: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

/** Formatters are costly to build and few: one per locale and style. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** A day number in words, through Intl (UTC, so the day never shifts). */
export function formatDay(day: number, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(day * DAY_MS);
}

/** Day number of an ISO date "YYYY-MM-DD" that the schema already validated. */
export function dayNumber(iso: string): number {
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const y = Number(iso.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO date "YYYY-MM-DD" of a day number. */
export function isoDate(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Position in the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function weekdayOf(day: number): Weekday {
  return WEEKDAYS[weekdayIndex(day)];
}

/** "24 Nov", "24 nov." */
export function shortDate(day: number, locale: Locale): string {
  return formatDay(day, locale, { day: 'numeric', month: 'short' });
}

/** "Tue 24 Nov", "mar. 24 nov." */
export function longDate(day: number, locale: Locale): string {
  return formatDay(day, locale, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** "Tuesday 24 November 2026", "mardi 24 novembre 2026" */
export function fullDate(day: number, locale: Locale): string {
  return formatDay(day, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "24 and 26 Nov", "30 Nov and 2 Dec" ("24 et 26 nov."), or "24 Nov" for a single day. */
export function dateSpan(from: number, to: number, locale: Locale): string {
  if (from === to) return shortDate(from, locale);
  const sameMonth = isoDate(from).slice(0, 7) === isoDate(to).slice(0, 7);
  const first = sameMonth ? formatDay(from, locale, { day: 'numeric' }) : shortDate(from, locale);
  return `${first} ${locale === 'fr' ? 'et' : 'and'} ${shortDate(to, locale)}`;
}

export function secondsOf(time: string): number {
  return minutesOf(time) * 60;
}

/** "HH:MM" of a time in seconds from midnight (whole minutes, rounded down). */
export function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The planning horizon: calendar days `start..end` (day numbers, inclusive). */
export interface Horizon {
  readonly start: number;
  readonly end: number;
}

/** The first day of the horizon when the request gives none: the Monday after `today` (a week later if today is a Monday). */
export function nextMonday(today: number): number {
  return today + 7 - weekdayIndex(today);
}

export function horizonOf(request: Pick<PlanRequest, 'horizon'>, today: string): Horizon {
  const start = request.horizon.start === undefined ? nextMonday(dayNumber(today)) : dayNumber(request.horizon.start);
  return { start, end: start + request.horizon.days - 1 };
}

/** A day of the horizon on which the rep works. */
export interface WorkingDay {
  readonly day: number;
  readonly date: string;
  readonly weekday: Weekday;
  /** Working hours, seconds from midnight. */
  readonly start: number;
  readonly end: number;
}

/** Days of the horizon whose weekday has working hours and that are not unavailable, ascending. */
export function workingDays(rep: PlanRequest['rep'], horizon: Horizon): WorkingDay[] {
  const off = new Set(rep.unavailableDates ?? []);
  const days: WorkingDay[] = [];
  for (let day = horizon.start; day <= horizon.end; day++) {
    const weekday = weekdayOf(day);
    const date = isoDate(day);
    const hours = rep.workingHours.find((h) => h.days.includes(weekday));
    if (hours === undefined || off.has(date)) continue;
    days.push({ day, date, weekday, start: secondsOf(hours.start), end: secondsOf(hours.end) });
  }
  return days;
}

/**
 * Opening windows [open, close] (seconds) on a weekday, merged where they
 * overlap or touch, ascending. `undefined` hours mean always open, given as `fallback`.
 */
export function openWindows(hours: readonly DayHours[] | undefined, weekday: Weekday, fallback: readonly [number, number]): [number, number][] {
  if (hours === undefined) return [[fallback[0], fallback[1]]];
  const raw = hours
    .filter((h) => h.days.includes(weekday))
    .map((h): [number, number] => [secondsOf(h.start), secondsOf(h.end)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of raw) {
    const last = merged.at(-1);
    if (last !== undefined && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push(w);
  }
  return merged;
}
