/**
 * What each unplanned reason code means, keyed by code: every code of
 * `UNPLANNED_REASONS` needs its line here (the type checker says so), and the
 * OpenAPI document and the README show this table.
 */
import type { UNPLANNED_REASONS } from './plan-result.js';

export type UnplannedReason = (typeof UNPLANNED_REASONS)[number];

export const UNPLANNED_REASON_MEANINGS: Readonly<Record<UnplannedReason, string>> = {
  outside_opening_hours: 'The account is not open long enough for the visit on any working day of the window in which the visit is due.',
  no_working_day_in_window: 'The rep does not work on any day of the window in which the visit is due (weekends, unavailable dates, the horizon\'s end).',
  day_capacity: 'Every working day of the window is full: the visit does not fit between the other visits, the break and the working hours. Also used when several causes apply.',
  max_drive: 'Adding the visit to any day of the window would exceed the rep\'s `maxDriveMinutesPerDay`.',
  max_visits: 'Every day of the window already holds the rep\'s `maxVisitsPerDay` visits.',
  spacing: 'A later visit cannot keep the required spacing (interval ± tolerance) after the account\'s previous planned visit.',
  unreachable: 'The routing engine cannot reach the account: no road near it, the nearest road too far away, or no route to or from it.',
  too_far: 'Even on an empty day, driving to the account and back with the visit does not fit in its opening hours and the working hours; or an appointment cannot be reached at its time from the start of the working day.',
  appointment_outside_working_hours: 'An appointment falls on a day the rep does not work or outside that day\'s working hours.',
  appointment_conflict: 'An appointment collides with a more important one the same day (priority, then the shorter visit, then the earlier; named in `conflictsWith`: the rep cannot be at both), or the day\'s appointments together exceed its working hours or limits.',
};

/** The table as markdown, for descriptions. */
export function unplannedReasonTable(): string {
  const rows = Object.entries(UNPLANNED_REASON_MEANINGS).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| reason | meaning |', '|---|---|', ...rows].join('\n');
}
