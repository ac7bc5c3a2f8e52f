import { z } from 'zod';
import { VisitChange } from './changes.js';
import { IsoDate, Locale, Location, Time } from './common.js';
import { unplannedReasonTable } from './unplanned-reasons.js';

const Minutes = z.int().min(0);
const Km = z.number().min(0);
const Lat = z.number().min(-90).max(90);
const Lon = z.number().min(-180).max(180);

export const Stop = z
  .object({
    kind: z.enum(['account', 'prospect', 'break']).meta({ description: 'What happens at this stop.' }),
    id: z.string().optional().meta({ description: 'Account or prospect id; absent for a break.', examples: ['acc-0042'] }),
    name: z.string().optional().meta({ description: 'Display name, when the request gave one.', examples: ['Boulangerie Morel'] }),
    arrival: Time.meta({ description: 'Arrival at the stop.', examples: ['08:31'] }),
    start: Time.meta({ description: 'Start of the visit or break.', examples: ['09:00'] }),
    end: Time.meta({ description: 'End of the visit or break.', examples: ['09:45'] }),
    waitMinutes: Minutes.meta({ description: 'Waiting between arrival and start.', examples: [29] }),
    travelMinutes: Minutes.meta({ description: 'Driving from the previous stop.', examples: [26] }),
    travelKm: Km.meta({ description: 'Distance from the previous stop.', examples: [21.7] }),
    appointment: z.boolean().optional().meta({ description: 'True for a fixed appointment.' }),
    lat: Lat.meta({ description: 'Latitude of the stop, WGS84 degrees; for the break, where it is taken (the previous stop, or the start).', examples: [48.1173] }),
    lon: Lon.meta({ description: 'Longitude of the stop, WGS84 degrees.', examples: [-1.6778] }),
  })
  .meta({ id: 'Stop', description: 'One stop of a day: a visit or the break.' });

export const Day = z
  .object({
    date: IsoDate,
    departure: Time.meta({ description: 'Departure from the start location.', examples: ['08:05'] }),
    return: Time.meta({ description: 'Arrival back at the end location.', examples: ['18:10'] }),
    driveMinutes: Minutes.meta({ description: 'Driving on this day, return included.', examples: [171] }),
    driveKm: Km.meta({ description: 'Distance driven on this day, return included.', examples: [148.2] }),
    visitMinutes: Minutes.meta({ description: 'Time spent in visits.', examples: [360] }),
    returnTravelMinutes: Minutes.meta({ description: 'Driving from the last stop to the end location.', examples: [22] }),
    returnTravelKm: Km.meta({ description: 'Distance from the last stop to the end location.', examples: [19.5] }),
    stops: z.array(Stop).meta({ description: 'Visits and the break, in order.' }),
    geometry: z
      .object({
        type: z.literal('LineString').meta({ description: 'GeoJSON geometry type.' }),
        coordinates: z.array(z.tuple([z.number(), z.number()])).meta({ description: 'Positions [lon, lat] along the roads.', examples: [[[-1.2085, 48.1236], [-1.2101, 48.1198]]] }),
      })
      .optional()
      .meta({ description: 'Route geometry as a GeoJSON LineString [lon, lat], when requested.' }),
  })
  .meta({ id: 'Day', description: 'The tour of one working day.' });

export const UNPLANNED_REASONS = [
  'outside_opening_hours',
  'no_working_day_in_window',
  'day_capacity',
  'max_drive',
  'max_visits',
  'spacing',
  'unreachable',
  'too_far',
  'appointment_outside_working_hours',
  'appointment_conflict',
] as const;

export const Unplanned = z
  .object({
    accountId: z.string().meta({ description: 'The account whose visits are missing.', examples: ['acc-0007'] }),
    name: z.string().optional().meta({ description: 'Display name of the account, when the request gave one.', examples: ['Cave des Lices'] }),
    lat: Lat.meta({ description: 'Latitude of the account, WGS84 degrees.', examples: [48.1102] }),
    lon: Lon.meta({ description: 'Longitude of the account, WGS84 degrees.', examples: [-1.6811] }),
    visitsMissing: z.int().min(1).meta({ description: 'Required visits not planned.', examples: [1] }),
    reason: z.enum(UNPLANNED_REASONS).meta({ description: `Why the visits could not be planned:\n\n${unplannedReasonTable()}`, examples: ['day_capacity'] }),
    message: z.string().meta({
      description: 'The reason in a sentence.',
      examples: ['No working day between 24 and 26 Nov has 50 free minutes inside its opening hours.'],
    }),
    conflictsWith: z.string().optional().meta({
      description: 'With `appointment_conflict`: the account whose appointment is kept instead.',
      examples: ['acc-0042'],
    }),
  })
  .meta({ id: 'Unplanned', description: 'A required visit that the plan leaves out.' });

export const AccountSummary = z
  .object({
    id: z.string().meta({ description: 'Account id.', examples: ['acc-0042'] }),
    visitsRequired: z.int().min(0).meta({ description: 'Visits due within the horizon (appointments included).', examples: [1] }),
    plannedDates: z.array(IsoDate).meta({ description: 'Dates of the planned visits.', examples: [['2026-11-23']] }),
    nextDue: IsoDate.nullable().meta({ description: 'When the next visit after this plan is due.', examples: ['2026-11-30'] }),
  })
  .meta({ id: 'AccountSummary', description: 'What the plan does for one account.' });

export const Summary = z
  .object({
    visitsRequired: z.int().min(0).meta({ description: 'Account visits due within the horizon.', examples: [46] }),
    visitsPlanned: z.int().min(0).meta({ description: 'Required visits planned.', examples: [45] }),
    visitsMissed: z.int().min(0).meta({ description: 'Required visits left out (see unplanned).', examples: [1] }),
    prospectVisits: z.int().min(0).meta({ description: 'Prospect visits planned.', examples: [3] }),
    driveMinutes: Minutes.meta({ description: 'Driving over the horizon.', examples: [812] }),
    driveKm: Km.meta({ description: 'Distance driven over the horizon.', examples: [701.4] }),
    visitMinutes: Minutes.meta({ description: 'Time in visits over the horizon.', examples: [2130] }),
    utilisation: z.number().min(0).meta({ description: 'Time on the road (driving, visits, waits, breaks) over working time of the used days.', examples: [0.93] }),
    objective: z
      .object({
        travel: z.number().meta({ description: 'Driving, in minutes.' }),
        distance: z.number().meta({ description: 'Distance cost, in minutes.' }),
        missedVisits: z.number().meta({ description: 'Penalty of missed visits.' }),
        prospects: z.number().meta({ description: 'Value of prospect visits (subtracted).' }),
        total: z.number().meta({ description: 'travel + distance + missedVisits − prospects.' }),
      })
      .meta({ description: 'Breakdown of the objective, in minute units.' }),
    travelTimeSource: z.enum(['osrm', 'haversine', 'request']).meta({
      description: 'Where the travel times came from: OSRM, haversine estimates, or the matrix given in the request.',
      examples: ['haversine'],
    }),
    travelTimeFallback: z.boolean().optional().meta({ description: 'True when OSRM failed and haversine was used instead.' }),
  })
  .meta({ id: 'Summary', description: 'Key figures of the plan.' });

const PlanRep = z
  .object({
    id: z.string().meta({ description: 'The rep\'s id, as in the request.', examples: ['rep-rennes-01'] }),
    start: Location.meta({ description: 'Where each day starts.' }),
    end: Location.meta({ description: 'Where each day ends (the start unless the request gave an end).' }),
  })
  .meta({ id: 'PlanRep', description: 'Whose plan this is and where the days start and end.' });

export const PlanResult = z
  .object({
    rep: PlanRep,
    timezone: z.string().meta({ description: 'IANA time zone of every date and time of the plan (the request\'s).', examples: ['Europe/Paris'] }),
    locale: Locale.meta({ description: 'Language of the plan\'s sentences (`unplanned[].message`, `warnings`), chosen when the plan was made.' }),
    summary: Summary,
    days: z.array(Day).meta({ description: 'The tour of each day with visits, by date.' }),
    unplanned: z.array(Unplanned).meta({ description: 'Required visits the plan leaves out, with the reason.' }),
    accounts: z.array(AccountSummary).meta({ description: 'Per account: visits required, planned dates, next due date.' }),
    warnings: z
      .array(z.string())
      .optional()
      .meta({ description: 'What the plan lacks that was asked for, e.g. road geometry OSRM could not give.', examples: [['No road geometry for 2026-12-01: OSRM found no route.']] }),
    changes: z
      .array(VisitChange)
      .optional()
      .meta({ description: 'With `options.previousPlan`: each visit inside the horizon that moved to another date, was added or was dropped, and why; visits on the same date are not listed.' }),
  })
  .meta({ id: 'PlanResult', description: 'A weekly plan: which account on which day, in which order, at what time.' });

export type PlanResult = z.infer<typeof PlanResult>;
export type DayResult = z.infer<typeof Day>;
export type StopResult = z.infer<typeof Stop>;
export type UnplannedVisit = z.infer<typeof Unplanned>;
