import { z } from 'zod';
import { IsoDate, Location } from './common.js';
import { Frequency } from './plan-request.js';
import { Rung } from './portfolio-request.js';

const Count = z.int().min(0);
const Hours = z.number().min(0);
const Money = z.number().min(0);
const Ratio = z.number().min(0);

export const ABC = ['A', 'B', 'C'] as const;
export const QUADRANTS = ['keep', 'vivier', 'develop', 'maintain'] as const;

export const AbcSegment = z.enum(ABC).meta({ description: 'A/B/C segment by cumulative revenue.', examples: ['A'] });
export const Quadrant = z.enum(QUADRANTS).meta({
  description:
    'Quadrant of the potential × share-of-wallet matrix: `keep` (high potential, high share: defend it), `vivier` (high potential, low share: the fragile ground to win back), ' +
    '`develop` (low potential, low share: grow the share at modest cost), `maintain` (low potential, high share: maintain at low cost).',
  examples: ['vivier'],
});
export type Quadrant = z.infer<typeof Quadrant>;

const Totals = {
  accounts: Count.meta({ description: 'Accounts.', examples: [24] }),
  revenue: Money.meta({ description: 'Their revenue of the last 12 months.', examples: [1_184_000] }),
  potential: Money.meta({ description: 'Their yearly potential (accounts without one count for nothing).', examples: [2_310_000] }),
};

const AbcRow = z
  .object({
    segment: AbcSegment,
    ...Totals,
    accountShare: Ratio.meta({ description: 'Share of the rated accounts.', examples: [0.2] }),
    revenueShare: Ratio.meta({ description: 'Share of the revenue.', examples: [0.79] }),
  })
  .meta({ description: 'One A/B/C segment.' });

const QuadrantRow = z
  .object({
    quadrant: Quadrant,
    ...Totals,
    headroom: Money.meta({ description: 'Untapped potential: Σ max(0, potential − revenue).', examples: [640_000] }),
  })
  .meta({ description: 'One quadrant of the matrix.' });

const CrmRow = z
  .object({
    segment: z.string().meta({ description: 'The CRM\'s segment label.', examples: ['A'] }),
    ...Totals,
    abc: z
      .object({
        A: Count.meta({ description: 'Of these accounts, those the revenue ranks A.' }),
        B: Count.meta({ description: '… ranked B.' }),
        C: Count.meta({ description: '… ranked C.' }),
        unrated: Count.meta({ description: '… without revenue.' }),
      })
      .meta({ description: 'How the CRM segment compares with the A/B/C segments computed from revenue.' }),
  })
  .meta({ description: 'Accounts of one CRM segment.' });

export const Segmentation = z
  .object({
    abc: z
      .object({
        thresholds: z.object({ a: Ratio.meta({ description: 'Cumulative revenue share closing segment A.' }), b: Ratio.meta({ description: 'Cumulative revenue share closing segment B.' }) }).meta({ description: 'The thresholds used.' }),
        segments: z.array(AbcRow).meta({ description: 'A, B and C, in that order.' }),
        unrated: Count.meta({ description: 'Accounts without revenue, left out of the segments.', examples: [0] }),
      })
      .meta({ description: 'A/B/C by cumulative revenue: ranked by revenue, accounts are A until the A threshold is reached, then B until the B threshold, then C.' }),
    matrix: z
      .object({
        potentialSplit: Money.meta({ description: 'Potential from which an account is high-potential.', examples: [40_000] }),
        shareSplit: Ratio.meta({ description: 'Share of wallet from which our share is high.', examples: [0.5] }),
        quadrants: z.array(QuadrantRow).meta({ description: 'keep, vivier, develop and maintain, in that order.' }),
        unrated: Count.meta({ description: 'Accounts without revenue or without a potential of at least 1, left out of the matrix.', examples: [2] }),
      })
      .meta({ description: 'The potential × share-of-wallet matrix (share = revenue / potential).' }),
    crm: z.array(CrmRow).meta({ description: 'The CRM\'s own segments, when accounts carry one, by label.' }),
  })
  .meta({ id: 'PortfolioSegmentation', description: 'How the portfolio divides by revenue, potential and share of wallet.' });

export const TimeAvailable = z
  .object({
    period: z
      .object({
        start: IsoDate.meta({ description: 'First day.' }),
        end: IsoDate.meta({ description: 'Last day.' }),
        workingDays: Count.meta({ description: 'Days with working hours, unavailable dates excluded.', examples: [228] }),
        workedWeeks: Ratio.meta({ description: 'Working days over working days per week: per-week figures are per worked week.', examples: [45.6] }),
      })
      .meta({ description: 'The period counted.' }),
    perWeek: z
      .object({
        workingHours: Hours.meta({ description: 'Working hours, breaks excluded.', examples: [46.3] }),
        nonVisitHours: Hours.meta({ description: 'Admin, meetings, training: `nonVisitShare` of the working hours.', examples: [13.9] }),
        prospectingHours: Hours.meta({ description: 'Prospect visits of the target, with their driving.', examples: [2.1] }),
        availableHours: Hours.meta({ description: 'What is left for account visits and their driving.', examples: [30.3] }),
      })
      .meta({ description: 'Per worked week.' }),
    availableHoursInPeriod: Hours.meta({ description: 'Hours for account visits and their driving over the whole period.', examples: [1382] }),
  })
  .meta({ id: 'PortfolioTime', description: 'The rep\'s time over the period, and what is left for account visits.' });

export const Workload = z
  .object({
    visitsPerWeek: Ratio.meta({ description: 'Account visits per worked week.', examples: [31.5] }),
    visitHours: Hours.meta({ description: 'Hours in visits per week.', examples: [22.4] }),
    drivingHours: Hours.meta({ description: 'Estimated driving hours per week.', examples: [9.8] }),
    requiredHours: Hours.meta({ description: 'Visits plus driving, per week.', examples: [32.2] }),
    availableHours: Hours.meta({ description: 'Hours per week available for them.', examples: [30.3] }),
    load: Ratio.meta({ description: 'Required over available hours (above 1: it does not fit).', examples: [1.06] }),
    fits: z.boolean().meta({ description: 'Whether the visits fit the time available (and the visits-per-day limit).' }),
  })
  .meta({ id: 'PortfolioWorkload', description: 'Visits, driving and time of a visit plan, per worked week.' });

const Lowering = z
  .object({
    accountId: z.string().meta({ description: 'Account whose frequency to lower.', examples: ['acc-0412'] }),
    from: Frequency,
    to: Frequency,
    hoursFreed: Hours.meta({ description: 'Hours per week freed, driving included, to a hundredth.', examples: [0.62] }),
  })
  .meta({ description: 'One frequency to lower.' });

const Territory = z
  .object({
    rep: z.int().min(1).meta({ description: 'Rep number; rep 1 keeps the current home.', examples: [1] }),
    home: Location.meta({ description: 'Where the territory\'s tours start: the rep\'s home for rep 1, the territory\'s centre of workload for the others.' }),
    accountIds: z.array(z.string()).meta({ description: 'Accounts of the territory.', examples: [['acc-0001', 'acc-0007']] }),
    revenue: Money.meta({ description: 'Revenue of the territory.', examples: [1_520_000] }),
    workload: Workload,
  })
  .meta({ description: 'One rep\'s share of the portfolio.' });

export const Capacity = z
  .object({
    current: Workload,
    shortfallHours: Hours.meta({ description: 'Hours per week missing (0 when it fits).', examples: [1.9] }),
    remedies: z
      .object({
        lowerFrequencies: z
          .object({
            changes: z.array(Lowering).meta({ description: 'Frequencies to lower, one ladder step each, the least valuable visits first.' }),
            fits: z.boolean().meta({ description: 'Whether the portfolio fits after these changes (accounts without revenue or potential are not lowered).' }),
          })
          .meta({ description: 'What to lower to fit with one rep.' }),
        addRepDaysPerWeek: Ratio.meta({ description: 'Rep-days per week to add instead (in half days).', examples: [0.5] }),
        reps: z
          .object({
            needed: z.int().min(1).meta({ description: 'Reps the portfolio needs at its current frequencies.', examples: [2] }),
            territories: z.array(Territory).meta({ description: 'The portfolio split between them by geography, workloads balanced.' }),
          })
          .meta({ description: 'How many reps, and which accounts each takes.' }),
      })
      .nullable()
      .meta({ description: 'When it does not fit: what it takes. Null when it fits.' }),
  })
  .meta({ id: 'PortfolioCapacity', description: 'The current frequencies against the time available.' });

const CostFigures = z
  .object({
    visitsPerYear: Ratio.meta({ description: 'Visits over the period\'s worked weeks.', examples: [1438] }),
    cost: Money.meta({ description: 'Visits × cost per visit.', examples: [215_700] }),
    costShareOfRevenue: Ratio.nullable().meta({ description: 'Cost over revenue; null under one unit of revenue.', examples: [0.12] }),
  })
  .meta({ description: 'Visits and their cost.' });

const CostRow = z
  .object({
    segment: z.enum([...ABC, 'unrated']).meta({ description: 'A/B/C segment, or `unrated` for accounts without revenue; `total` rows are in `total`.' }),
    accounts: Count.meta({ description: 'Accounts of the segment.' }),
    current: CostFigures,
    suggested: CostFigures,
  })
  .meta({ description: 'Cost of the visit plan for one segment.' });

export const Costs = z
  .object({
    costPerVisit: Money.meta({ description: 'The cost per visit used.', examples: [150] }),
    segments: z.array(CostRow).meta({ description: 'A, B, C, then unrated when there are such accounts.' }),
    total: z.object({ current: CostFigures, suggested: CostFigures }).meta({ description: 'The whole portfolio.' }),
  })
  .meta({ id: 'PortfolioCosts', description: 'Estimated cost of the visit plan per segment, at the current and at the suggested frequencies.' });

export const AccountAnalysis = z
  .object({
    id: z.string().meta({ description: 'Account id.', examples: ['acc-0042'] }),
    segment: AbcSegment.nullable().meta({ description: 'A/B/C segment; null without revenue.' }),
    quadrant: Quadrant.nullable().meta({ description: 'Matrix quadrant; null without revenue or a potential of at least 1.' }),
    shareOfWallet: Ratio.nullable().meta({ description: 'Revenue / potential; null without revenue or a potential of at least 1.', examples: [0.35] }),
    current: Frequency,
    suggested: Frequency,
    suggestedRung: Rung.nullable().meta({ description: 'The suggested frequency\'s step of the ladder; null for an account kept at a current frequency off the ladder.' }),
    change: z.enum(['more', 'fewer', 'same']).meta({ description: 'Suggested against current visits.', examples: ['more'] }),
    visitsPerYearChange: z.number().meta({ description: 'Suggested minus current visits over the period.', examples: [11.4] }),
    driveMinutesPerVisit: Ratio.meta({ description: 'Estimated driving charged to each visit of the account at the suggested frequencies.', examples: [14.2] }),
    reason: z.string().meta({ description: 'Why this frequency, in one sentence.', examples: ['A account (9.1 % of revenue, vivier): weekly, up from fortnightly; more often (twice a week) would earn less per hour than the rep\'s time earns elsewhere.'] }),
  })
  .meta({ id: 'AccountAnalysis', description: 'One account: its segments and its suggested frequency.' });

export const PortfolioAnalysis = z
  .object({
    time: TimeAvailable,
    driving: z
      .object({
        method: z.literal('spatial').meta({ description: 'Driving is estimated from the accounts\' geography and visit rates, not routed.' }),
        calibrated: z.boolean().meta({ description: 'Whether `observedDriving` scaled the estimate.' }),
        scale: Ratio.meta({ description: 'Factor applied to the estimate (1 without calibration).', examples: [1] }),
        minutesPerVisit: Ratio.meta({ description: 'Mean driving per account visit at the current frequencies.', examples: [18.6] }),
        stopsPerTour: Ratio.meta({ description: 'Visits per working day at the current frequencies.', examples: [6.3] }),
      })
      .meta({ description: 'How driving was estimated.' }),
    segmentation: Segmentation,
    capacity: Capacity,
    suggestion: z
      .object({
        workload: Workload,
        changes: z
          .object({
            more: Count.meta({ description: 'Accounts to visit more often.' }),
            fewer: Count.meta({ description: 'Accounts to visit less often.' }),
            same: Count.meta({ description: 'Accounts whose frequency stays.' }),
          })
          .meta({ description: 'How many frequencies change.' }),
      })
      .meta({ description: 'The suggested frequencies as a whole: they fit the time available whenever quarterly visits, and the accounts kept as they are for want of revenue and potential, do.' }),
    costs: Costs,
    accounts: z.array(AccountAnalysis).meta({ description: 'Per account, in request order.' }),
  })
  .meta({ id: 'PortfolioAnalysis', description: 'Segments, time, capacity, suggested frequencies and costs of a portfolio.' });

export type PortfolioAnalysis = z.infer<typeof PortfolioAnalysis>;
export type Workload = z.infer<typeof Workload>;
export type AccountAnalysis = z.infer<typeof AccountAnalysis>;
export type Segmentation = z.infer<typeof Segmentation>;
export type TimeAvailable = z.infer<typeof TimeAvailable>;
export type Capacity = z.infer<typeof Capacity>;
export type Costs = z.infer<typeof Costs>;
