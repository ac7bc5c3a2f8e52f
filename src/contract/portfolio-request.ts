import { z } from 'zod';
import { RequestDate } from './common.js';
import { Account, Rep, TimeZone } from './plan-request.js';
import { PORTFOLIO_EXAMPLE } from './portfolio-example.js';

/** Visit frequencies a suggestion chooses from, most frequent first. */
export const RUNGS = ['twice_a_week', 'weekly', 'fortnightly', 'every_3_weeks', 'monthly', 'every_2_months', 'quarterly'] as const;
export const Rung = z.enum(RUNGS).meta({
  description: 'A step of the frequency ladder: twice a week (2/1), weekly (1/1), fortnightly (1/2), every 3 weeks (1/3), monthly (1/4), every 2 months (1/8), quarterly (1/13).',
  examples: ['fortnightly'],
});
export type Rung = z.infer<typeof Rung>;

const Share = (description: string, fallback: number) => z.number().gt(0).lt(1).default(fallback).meta({ description, examples: [fallback] });

export const PortfolioOptions = z
  .strictObject({
    abc: z
      .strictObject({
        a: Share('Accounts ranked by revenue are A until this share of the revenue is reached (Pareto: about 20 % of accounts make 80 %).', 0.8),
        b: Share('… then B until this share; the rest are C.', 0.95),
      })
      .refine((t) => t.a < t.b, { message: 'a must be below b', path: ['b'] })
      .default({ a: 0.8, b: 0.95 })
      .meta({ description: 'Thresholds of the A/B/C segments, as shares of the cumulative revenue.' }),
    matrix: z
      .strictObject({
        potentialSplit: z.number().min(0).max(1e12).optional().meta({
          description: 'Yearly potential from which an account counts as high-potential; default the median potential of the portfolio.',
          examples: [40000],
        }),
        shareSplit: Share('Share of wallet (revenue / potential) from which our share counts as high.', 0.5),
      })
      .default({ shareSplit: 0.5 })
      .meta({ description: 'Where the potential × share-of-wallet matrix is cut.' }),
    nonVisitShare: z.number().min(0).max(0.9).default(0.3).meta({
      description:
        'Share of working time that goes neither to visits nor to driving between them: admin, reporting, internal meetings, training, phone. ' +
        'With driving on top, visits then take about half of the working time, as in most field forces.',
      examples: [0.3],
    }),
    costPerVisit: z.number().min(0).max(1e6).default(150).meta({
      description: 'Full cost of one visit (the rep\'s cost over their visits a year), in the currency of revenue; about 150 € in most field forces.',
      examples: [150],
    }),
    value: z
      .strictObject({
        winnableShare: z.number().min(0).max(1).default(0.25).meta({
          description: 'Share of the untapped potential (potential − revenue) that visits can win, counted in an account\'s stake next to its revenue.',
          examples: [0.25],
        }),
        saturationVisitsPerYear: z.number().min(1).max(208).default(12).meta({
          description:
            'How fast visits stop adding value: f visits a year secure 1 − e^(−f/s) of the account\'s stake, so each visit adds less than the one before.',
          examples: [12],
        }),
      })
      .default({ winnableShare: 0.25, saturationVisitsPerYear: 12 })
      .meta({ description: 'The value of visits: it grows with revenue and potential, with diminishing returns.' }),
    observedDriving: z
      .strictObject({
        minutesPerWeek: z.number().positive().max(10_080).meta({ description: 'Driving minutes per week in real plans of this portfolio.', examples: [610] }),
        visitsPerWeek: z.number().positive().max(1000).meta({ description: 'Account visits per week in the same plans.', examples: [34] }),
      })
      .optional()
      .meta({
        description:
          'Driving measured on real plans of this portfolio at its current frequencies (for example the mean of the last four weekly plans: `summary.driveMinutes` and `summary.visitsPlanned`). ' +
          'The spatial estimate is scaled so that its driving per visit matches.',
      }),
  })
  .meta({ description: 'Settings of the analysis; every one has a default.' });

export const PortfolioRequest = z
  .strictObject({
    timezone: TimeZone,
    rep: Rep,
    period: z
      .strictObject({
        start: RequestDate.optional().meta({ description: 'First day; default the next Monday.' }),
        days: z.int().min(7).max(731).default(365).meta({ description: 'Number of calendar days.', examples: [365] }),
      })
      .default({ days: 365 })
      .meta({ description: 'The period whose working time is counted: by default a year from next Monday. Unavailable dates inside it are not worked.' }),
    accounts: z.array(Account).min(1).meta({ description: 'The portfolio, in the same model as plan requests; `frequency` is the current frequency.' }),
    prospecting: z
      .strictObject({
        visitsPerWeek: z.number().min(0).max(50).meta({ description: 'Prospect visits wanted per worked week.', examples: [3] }),
        visitMinutes: z.int().min(1).max(600).default(45).meta({ description: 'Length of a prospect visit in minutes.', examples: [45] }),
      })
      .optional()
      .meta({ description: 'The prospecting target: its time comes off the time available for accounts.' }),
    options: PortfolioOptions.default(PortfolioOptions.parse({})),
  })
  .superRefine((req, ctx) => {
    const seen = new Set<string>();
    req.accounts.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate account id "${a.id}"`, path: ['accounts', i, 'id'] });
      seen.add(a.id);
    });
  })
  .meta({ id: 'PortfolioRequest', description: 'A rep and their portfolio, to analyse.', examples: [PORTFOLIO_EXAMPLE] });

export type PortfolioRequest = z.infer<typeof PortfolioRequest>;
export type PortfolioRequestInput = z.input<typeof PortfolioRequest>;
export type PortfolioOptions = PortfolioRequest['options'];
