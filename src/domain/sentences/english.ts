/** The plan's sentences in English. */
import { dateSpan, dayNumber, longDate, shortDate } from '../calendar.js';
import type { Sentences, Span } from './sentences.js';

const date = (day: number) => longDate(day, 'en');
const dates = (days: readonly number[]) => days.map(date).join(', ');
const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
const many = (list: readonly unknown[], one: string, more: string) => (list.length > 1 ? more : one);

function between({ from, to }: Span): string {
  return from === to ? `on ${shortDate(from, 'en')}` : `between ${dateSpan(from, to, 'en')}`;
}

function within(span: Span): string {
  return span.from > span.to ? `between then and the end of the plan on ${shortDate(span.end, 'en')}` : between(span);
}

const LIMITS = { max_visits: 'the most visits a day', max_drive: 'the most driving a day', working_hours: 'the working hours' } as const;

const day = (iso: string) => date(dayNumber(iso));

export const english: Sentences = {
  unreachable: (name, why) => `${name} cannot be reached by road: ${why}.`,
  appointmentsOutsideHours: (name, days) =>
    `The appointment${many(days, '', 's')} with ${name} on ${dates(days)} ${many(days, 'falls', 'fall')} outside the rep's working hours.`,
  appointmentsOnDaysOff: (name, days) =>
    `The appointment${many(days, '', 's')} with ${name} on ${dates(days)} ${many(days, 'falls on a day', 'fall on days')} the rep does not work.`,
  appointmentCollision: (name, day, start, other, otherStart) =>
    `The appointment with ${name} on ${date(day)} at ${start} collides with the appointment with ${other} at ${otherStart}, which is kept: the rep cannot be at both.`,
  appointmentsOverfull: (name, day, start, limit) =>
    `The appointment with ${name} on ${date(day)} at ${start} does not fit with that day's other appointments within ${LIMITS[limit]}.`,
  appointmentOutOfReach: (name, day, start, drive, dayStart) =>
    `The appointment with ${name} on ${date(day)} at ${start} cannot be reached in time: the drive from the rep's start takes ${String(drive)} minutes, and the working day begins at ${dayStart}.`,
  noDayHolds: () => 'No working day of the plan can hold the visit.',
  spacing: (name, minGap, maxGap, previous, span, working) =>
    `Visits to ${name} must be ${String(minGap)} to ${String(maxGap)} days apart; after the visit on ${date(previous)} ${
      working ? `it is not open on any working day ${between(span)}` : `the rep does not work ${within(span)}`
    }.`,
  noWorkingDay: (name, span) => `The rep does not work ${within(span)}, when the visit to ${name} is due.`,
  notOpen: (name, minutes, span) => `${name} is not open for ${String(minutes)} minutes on any working day ${between(span)}.`,
  noRoom: (name, span) => `No working day ${between(span)} can hold the visit to ${name}.`,
  tooFar: (name, minutes, span) =>
    `${name} is too far to be visited for ${String(minutes)} minutes within the opening and working hours of any day ${between(span)}, even on an empty day.`,
  maxVisits: (limit, span) => `No working day ${between(span)} can take another visit: the limit is ${plural(limit, 'visit')} per day.`,
  maxDrive: (name, limit, span) => `Adding ${name} to any working day ${between(span)} would exceed ${String(limit)} minutes of driving.`,
  full: (name, minutes, span) => `Every working day ${between(span)} is full: no tour has ${String(minutes)} free minutes inside the opening hours of ${name}.`,
  noBreak: (day, minutes, earliest, latest) =>
    `No room for the lunch break on ${date(day)}: the appointments leave no ${String(minutes)} minutes starting between ${earliest} and ${latest}, so that day is planned without it.`,
  change: {
    moved: (name, from, to, why) => `Visit to ${name} moved from ${day(from)} to ${day(to)}: ${why}.`,
    dropped: (name, from, why) => `Visit to ${name} on ${day(from)} dropped: ${why}.`,
    added: (name, to, why) => `Visit to ${name} added on ${day(to)}: ${why}.`,
    repUnavailable: (d) => `the rep is unavailable on ${day(d)}`,
    repOff: (d) => `the rep does not work on ${day(d)}`,
    accountClosed: (name, d) => `${name} is closed on ${day(d)}`,
    noRoomInHours: (name, d) => `${name}'s opening hours leave no room for the visit on ${day(d)}`,
    appointment: (d, time) => `an appointment is set for ${day(d)} at ${time}`,
    outsideWindow: (d, cadence) => `${day(d)} is no longer among the days the visit is due (${cadence})`,
    optimised: () => 'moving it shortens the week\'s driving or makes room for other visits',
    due: (cadence) => `a visit is due (${cadence})`,
    unplanned: (message) => `it could not be planned: ${message.replace(/\.$/, '')}`,
    notDue: (next) => `no further visit is due in this plan${next === undefined ? '' : ` (the next is due on ${day(next)})`}`,
    accountRemoved: () => 'the account is no longer in the request',
    cadence: (visits, perWeeks, lastVisit) => {
      const often = perWeeks === 1
        ? (visits === 1 ? 'every week' : visits === 2 ? 'twice a week' : `${String(visits)} times a week`)
        : visits === 1 ? `every ${String(perWeeks)} weeks` : `${String(visits)} visits every ${String(perWeeks)} weeks`;
      return lastVisit === undefined ? `${often}, no visit yet` : `${often}; last visit ${shortDate(dayNumber(lastVisit), 'en')}`;
    },
  },
};
