import { z } from 'zod';
import { DayHours, Locale, Location, RequestDate, Time, minutesOf } from './common.js';
import { MINIMAL_REQUEST } from './request-example.js';

/** Longest lists inside an account or the rep; the lists of accounts and prospects have configured limits. */
export const MAX_DATES = 1000;
export const MAX_WINDOWS = 50;
export const MAX_PREVIOUS_VISITS = 100_000;

export const Rep = z
  .strictObject({
    id: z.string().min(1).max(200).meta({ description: 'Identifier of the sales representative.', examples: ['rep-rennes-01'] }),
    start: Location.meta({ description: 'Where each day starts (usually home).' }),
    end: Location.optional().meta({ description: 'Where each day ends; defaults to `start`.' }),
    workingHours: z
      .array(DayHours)
      .min(1)
      .max(7)
      .meta({
        description: 'Working hours per weekday: the rep leaves no earlier than `start` and is back by `end`. One entry per weekday at most.',
        examples: [[{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }]],
      }),
    break: z
      .strictObject({
        minutes: z.int().min(1).max(240).meta({ description: 'Length of the break in minutes.', examples: [45] }),
        earliest: Time.meta({ description: 'The break starts no earlier than this.', examples: ['12:00'] }),
        latest: Time.meta({ description: 'The break starts no later than this.', examples: ['13:30'] }),
      })
      .refine((b) => minutesOf(b.latest) >= minutesOf(b.earliest), { message: 'latest must not be before earliest', path: ['latest'] })
      .optional()
      .meta({ description: 'A daily (lunch) break that starts in [earliest, latest] on every day with visits.' }),
    maxDriveMinutesPerDay: z.int().min(1).max(1440).optional().meta({ description: 'Most driving per day, in minutes.', examples: [240] }),
    maxVisitsPerDay: z.int().min(1).max(100).optional().meta({ description: 'Most visits (accounts and prospects) per day.', examples: [8] }),
    unavailableDates: z.array(RequestDate).max(MAX_DATES).optional().meta({ description: 'Dates the rep does not work (holidays, training).', examples: [['2026-11-26']] }),
  })
  .refine((r) => new Set(r.workingHours.flatMap((h) => h.days)).size === r.workingHours.reduce((n, h) => n + h.days.length, 0), {
    message: 'a weekday appears in more than one workingHours entry',
    path: ['workingHours'],
  })
  .meta({ description: 'The sales representative whose tours are planned.' });

export const Frequency = z
  .strictObject({
    visits: z.int().min(1).max(7).meta({ description: 'Number of visits k ...', examples: [1] }),
    perWeeks: z.int().min(1).max(52).meta({ description: '... every w weeks.', examples: [2] }),
  })
  .refine((f) => f.visits / f.perWeeks <= 7, { message: 'more than one visit per day is not supported', path: ['visits'] })
  .meta({ description: 'Target visit frequency: `visits` every `perWeeks` weeks (1/1 weekly, 2/1 twice a week, 1/2 fortnightly, 1/4 monthly).' });

const Appointment = z
  .strictObject({
    date: RequestDate.meta({ description: 'Day of the appointment.' }),
    start: Time.meta({ description: 'Start time of the appointment, local.', examples: ['10:30'] }),
  })
  .meta({ description: 'A fixed visit: it happens at this date and time and counts toward the frequency.' });

export const Account = z
  .strictObject({
    id: z.string().min(1).max(200).meta({ description: 'Unique account identifier.', examples: ['acc-0042'] }),
    name: z.string().max(300).optional().meta({ description: 'Display name.', examples: ['Boulangerie Morel'] }),
    location: Location,
    visitMinutes: z.int().min(1).max(600).meta({ description: 'Length of a visit in minutes.', examples: [45] }),
    frequency: Frequency,
    lastVisit: RequestDate.optional().meta({ description: 'Date of the last visit; absent for a new account.', examples: ['2026-11-16'] }),
    toleranceDays: z.int().min(0).max(60).optional().meta({
      description: 'Days a visit may move away from its due date; default max(1, round(interval/4)).',
      examples: [2],
    }),
    priority: z.int().min(1).max(5).default(3).meta({ description: 'Importance 1..5 (5 = most important; A≈5, B≈3, C≈1).', examples: [5] }),
    openingHours: z.array(DayHours).max(MAX_WINDOWS).optional().meta({ description: 'When visits may take place; default always open.' }),
    closedDates: z.array(RequestDate).max(MAX_DATES).optional().meta({ description: 'Dates the account is closed.', examples: [['2026-11-25']] }),
    appointments: z
      .array(Appointment)
      .max(MAX_DATES)
      .refine((list) => new Set(list.map((a) => a.date)).size === list.length, { message: 'at most one appointment per date' })
      .optional()
      .meta({ description: 'Fixed visits inside or outside the horizon; at most one per date.' }),
    revenue: z.number().min(0).max(1e12).optional().meta({
      description: 'Revenue of the last 12 months, in the currency of the portfolio. Used by the portfolio analysis (A/B/C segments, share of wallet, visit value); planning ignores it.',
      examples: [48000],
    }),
    potential: z.number().min(0).max(1e12).optional().meta({
      description: 'What the account buys in a year from all its suppliers, in the same currency: share of wallet = revenue / potential. Used by the portfolio analysis; planning ignores it.',
      examples: [120000],
    }),
    segment: z.string().min(1).max(50).optional().meta({
      description: 'The account\'s segment in the CRM, when it has one (any label); the portfolio analysis compares it with the A/B/C segments it computes.',
      examples: ['A'],
    }),
  })
  .meta({ id: 'Account', description: 'A customer account in the rep\'s portfolio.' });
export type Account = z.infer<typeof Account>;

export const Prospect = z
  .strictObject({
    id: z.string().min(1).max(200).meta({ description: 'Unique prospect identifier.', examples: ['pro-007'] }),
    name: z.string().max(300).optional().meta({ description: 'Display name.', examples: ['Cave des Lices'] }),
    location: Location,
    visitMinutes: z.int().min(1).max(600).meta({ description: 'Length of a visit in minutes.', examples: [30] }),
    potential: z.number().min(0).max(1e12).meta({ description: 'Commercial potential; higher is more worth a detour.', examples: [12000] }),
    openingHours: z.array(DayHours).max(MAX_WINDOWS).optional().meta({ description: 'When visits may take place; default always open.' }),
    closedDates: z.array(RequestDate).max(MAX_DATES).optional().meta({ description: 'Dates the prospect is closed.' }),
  })
  .meta({ id: 'Prospect', description: 'A potential customer that may be visited once, if worth its detour.' });
export type Prospect = z.infer<typeof Prospect>;

export const PlanOptions = z
  .strictObject({
    timeLimitSeconds: z.number().min(0.1).max(600).default(10).meta({ description: 'Upper bound on solver time.', examples: [10] }),
    iterations: z.int().min(0).max(10_000_000).optional().meta({
      description: 'Iteration budget. With a seed it makes the plan reproducible; the time limit remains a guard.',
      examples: [2000],
    }),
    seed: z.int().min(0).max(2 ** 31 - 1).default(1).meta({ description: 'Random seed.', examples: [1] }),
    travelTimes: z.enum(['osrm', 'haversine']).optional().meta({
      description: 'Travel-time source; default OSRM when the service has one configured, else haversine.',
      examples: ['haversine'],
    }),
    weights: z
      .strictObject({
        missedVisit: z.number().positive().max(100).default(1).meta({
          description: 'Multiplier on the penalty of a missed required visit (above 0: missed visits always weigh more than driving).',
        }),
        prospectMinutes: z.number().min(0).max(10_080).default(60).meta({
          description: 'Detour minutes the best prospect is worth; others in proportion to their potential.',
        }),
        distancePerKm: z.number().min(0).max(100).default(0).meta({ description: 'Cost of a kilometre, in minutes of driving.' }),
      })
      .default({ missedVisit: 1, prospectMinutes: 60, distancePerKm: 0 })
      .meta({ description: 'Objective weights.' }),
    previousPlan: z
      .array(
        z.strictObject({
          accountId: z.string().min(1).meta({ description: 'Account id.', examples: ['acc-0042'] }),
          date: RequestDate.meta({ description: 'Date the previous plan had a visit on.' }),
        }),
      )
      .max(MAX_PREVIOUS_VISITS)
      .optional()
      .meta({ description: 'Visits of the previous plan, to keep days stable when replanning.' }),
    geometry: z.boolean().default(false).meta({ description: 'Attach each day\'s road geometry (GeoJSON LineString) when travel times come from OSRM.' }),
    locale: Locale.optional().meta({
      description:
        'Language of the plan\'s sentences (unplanned reasons, warnings). Default: the submission\'s `Accept-Language` (`fr` or `en`), else `en`. ' +
        'The plan is written once, in this language; exports and the map label their own text in the language asked when they are read.',
    }),
    fallbackToHaversine: z.boolean().optional().meta({
      description: 'When OSRM stays unreachable, plan on haversine estimates instead of failing (the summary then says so). Default: the service configuration.',
    }),
  })
  .meta({ description: 'Solver options.' });

/** Largest cell accepted: far beyond any road trip (seconds or metres); finite by construction. */
const MAX_CELL = 1_000_000_000;

const Cells = (unit: string) =>
  z
    .array(z.array(z.number().min(0).max(MAX_CELL)))
    .meta({ description: `Row i, column j: from point i to point j, in ${unit}. One row and one column per point, in the order of \`matrix\`.` });

const TravelMatrix = z
  .strictObject({
    durations: Cells('seconds'),
    distances: Cells('metres'),
  })
  .meta({
    description:
      'Travel times computed by the caller (its own routing engine), used instead of OSRM or haversine. Points in this order: ' +
      'the rep\'s start, the rep\'s end when given, then the accounts, then the prospects, in request order.',
    examples: [{ durations: [[0, 900], [880, 0]], distances: [[0, 12400], [12350, 0]] }],
  });

/** Points of a request in matrix order: start, end when given, accounts, prospects. */
export function pointCount(request: { rep: { end?: unknown }; accounts: readonly unknown[]; prospects: readonly unknown[] }): number {
  return 1 + (request.rep.end === undefined ? 0 : 1) + request.accounts.length + request.prospects.length;
}

export const TimeZone = z
  .string()
  .refine((tz) => isTimeZone(tz), { message: 'unknown IANA time zone' })
  .default('UTC')
  .meta({ description: 'IANA time zone of all local times and dates.', examples: ['Europe/Paris'] });

export const PlanRequest = z
  .strictObject({
    timezone: TimeZone,
    rep: Rep,
    horizon: z
      .strictObject({
        start: RequestDate.optional().meta({ description: 'First day; default the next Monday.' }),
        days: z.int().min(1).meta({ description: 'Number of calendar days.', examples: [7] }),
      })
      .default({ days: 7 })
      .meta({ description: 'Planning horizon in calendar days; days without working hours or unavailable are skipped.' }),
    accounts: z.array(Account).meta({ description: 'The portfolio of accounts.' }),
    prospects: z.array(Prospect).default([]).meta({ description: 'Prospects that may be visited.' }),
    prospecting: z
      .strictObject({ visitsPerWeek: z.int().min(0).max(50).meta({ description: 'Prospect visits wanted per week.', examples: [3] }) })
      .optional()
      .meta({ description: 'Prospecting target; without it no prospect is visited.' }),
    options: PlanOptions.default(PlanOptions.parse({})),
    callbackUrl: z.url({ protocol: /^https?$/ }).optional().meta({ description: 'Called once with the job status when the job ends.' }),
    matrix: TravelMatrix.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.matrix !== undefined) checkMatrix(req.matrix, pointCount(req), req.options.travelTimes !== undefined, ctx);
    const seen = new Map<string, number>();
    req.accounts.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate account id "${a.id}"`, path: ['accounts', i, 'id'] });
      seen.set(a.id, i);
    });
    req.prospects.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${p.id}"`, path: ['prospects', i, 'id'] });
      seen.set(p.id, i);
    });
  })
  .meta({ id: 'PlanRequest', description: 'A rep, a horizon and a portfolio to plan.', examples: [MINIMAL_REQUEST] });

export type PlanRequest = z.infer<typeof PlanRequest>;
export type PlanRequestInput = z.input<typeof PlanRequest>;

/** A request's own matrix must be square over its points; the first few misfits are named. */
function checkMatrix(matrix: z.infer<typeof TravelMatrix>, n: number, withSource: boolean, ctx: z.RefinementCtx): void {
  if (withSource) {
    ctx.addIssue({ code: 'custom', message: 'options.travelTimes and matrix exclude each other: the matrix is the travel-time source', path: ['options', 'travelTimes'] });
  }
  for (const name of ['durations', 'distances'] as const) {
    const rows = matrix[name];
    if (rows.length !== n) {
      ctx.addIssue({ code: 'custom', message: `expected ${String(n)} rows (start, end when given, accounts, prospects), got ${String(rows.length)}`, path: ['matrix', name] });
      continue;
    }
    let named = 0;
    rows.forEach((row, i) => {
      if (row.length === n || named >= 5) return;
      named++;
      ctx.addIssue({ code: 'custom', message: `expected ${String(n)} columns, got ${String(row.length)}`, path: ['matrix', name, i] });
    });
  }
}

/** Zones known to be valid; only real zones are added, so the set stays as small as the zone database. */
const validZones = new Set<string>(Intl.supportedValuesOf('timeZone'));

function isTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    // Aliases such as "UTC" or "Asia/Calcutta" are valid without being listed.
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  validZones.add(tz);
  return true;
}
