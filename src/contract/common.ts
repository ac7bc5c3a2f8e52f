import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const LOCALES = ['en', 'fr'] as const;

export const Locale = z.enum(LOCALES).meta({ description: 'Language of sentences and labels: English or French.', examples: ['fr'] });
export type Locale = z.infer<typeof Locale>;

export const Weekday = z.enum(WEEKDAYS).meta({ description: 'Day of the week.', examples: ['mon'] });
export type Weekday = z.infer<typeof Weekday>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const Time = z
  .string()
  .regex(HHMM, 'expected a local time "HH:MM" (00:00 to 23:59)')
  .meta({ description: 'Local wall-clock time, 24-hour "HH:MM".', examples: ['08:30'] });

/** Whether a "YYYY-MM-DD" string the pattern accepted names a real day (no 30 February). */
function isCalendarDate(s: string): boolean {
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

export const IsoDate = z
  .string()
  .regex(ISO_DATE, 'expected a date "YYYY-MM-DD"')
  .refine(isCalendarDate, { message: 'not a calendar date' })
  .meta({ description: 'Calendar date "YYYY-MM-DD".', examples: ['2026-11-23'] });

export const Location = z
  .strictObject({
    lat: z.number().min(-90).max(90).meta({ description: 'Latitude, WGS84 degrees.', examples: [48.1173] }),
    lon: z.number().min(-180).max(180).meta({ description: 'Longitude, WGS84 degrees.', examples: [-1.6778] }),
  })
  .meta({ description: 'A point in WGS84 coordinates.', examples: [{ lat: 48.1173, lon: -1.6778 }] });
export type Location = z.infer<typeof Location>;

/**
 * A date a request may carry. The range keeps every date a plan derives from it
 * (due dates, horizon ends) a valid date; a CRM's 1970-01-01 "never" still passes.
 */
export const RequestDate = IsoDate.refine((s) => s >= '1970-01-01' && s <= '2100-12-31', {
  message: 'expected a date between 1970-01-01 and 2100-12-31',
}).meta({ description: 'Calendar date "YYYY-MM-DD", from 1970-01-01 to 2100-12-31.', examples: ['2026-11-23'] });

/** Minutes since midnight of an "HH:MM" string that the schema already validated. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const DayHours = z
  .strictObject({
    days: z.array(Weekday).min(1).max(7).meta({ description: 'Weekdays these hours apply to.', examples: [['mon', 'tue', 'wed', 'thu', 'fri']] }),
    start: Time.meta({ description: 'Start of the window, local time.', examples: ['08:30'] }),
    end: Time.meta({ description: 'End of the window, local time (after start).', examples: ['18:00'] }),
  })
  .refine((h) => minutesOf(h.end) > minutesOf(h.start), { message: 'end must be after start', path: ['end'] })
  .meta({
    description: 'Hours on some weekdays. Several entries for the same day give several windows (e.g. morning and afternoon).',
    examples: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' }],
  });
export type DayHours = z.infer<typeof DayHours>;
