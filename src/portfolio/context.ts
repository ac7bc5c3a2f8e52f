/** What every part of the analysis shares, and the one question they all ask: what does a set of visit rates take? */
import type { Location } from '../contract/common.js';
import type { Workload } from '../contract/portfolio-analysis.js';
import { estimateDriving, type DrivingEstimate, type DrivingModel, type Geography, type TourDay } from './driving.js';
import { share, tenth } from './round.js';
import type { Budget } from './suggest.js';
import type { ValueModel } from './value.js';

export interface Context {
  readonly locations: readonly Location[];
  readonly home: Location;
  readonly geo: Geography;
  readonly visitMinutes: Float64Array;
  readonly day: TourDay;
  readonly driving: DrivingModel;
  readonly budget: Budget;
  readonly value: ValueModel;
  /** Per account: its stake, or null without revenue and potential. */
  readonly stakes: readonly (number | null)[];
}

export interface Evaluation {
  readonly drive: DrivingEstimate;
  /** Visit plus driving minutes of one visit, per account. */
  readonly minutesPerVisit: Float64Array;
  /** Per week. */
  readonly visits: number;
  readonly visitMinutes: number;
  readonly requiredMinutes: number;
  readonly fits: boolean;
  readonly summary: Workload;
}

const EPS = 1e-9;

/** Driving and workload of visiting at `rates` (visits per week), against the budget. */
export function evaluate(ctx: Pick<Context, 'geo' | 'visitMinutes' | 'day' | 'driving' | 'budget'>, rates: Float64Array): Evaluation {
  return workloadOf(ctx, rates, estimateDriving(ctx.geo, rates, ctx.visitMinutes, ctx.day, ctx.driving));
}

/** Workload of visiting at `rates` with this driving, against the budget. */
export function workloadOf(ctx: Pick<Context, 'visitMinutes' | 'budget'>, rates: Float64Array, drive: DrivingEstimate): Evaluation {
  const minutesPerVisit = new Float64Array(rates.length);
  let visits = 0;
  let visitMinutes = 0;
  for (let i = 0; i < rates.length; i++) {
    minutesPerVisit[i] = ctx.visitMinutes[i] + drive.perVisit[i];
    visits += rates[i];
    visitMinutes += rates[i] * ctx.visitMinutes[i];
  }
  const requiredMinutes = visitMinutes + drive.weeklyMinutes;
  const available = ctx.budget.minutes;
  const fits = requiredMinutes <= available + EPS && visits <= ctx.budget.visits + EPS;
  const summary: Workload = {
    visitsPerWeek: tenth(visits),
    visitHours: tenth(visitMinutes / 60),
    drivingHours: tenth(drive.weeklyMinutes / 60),
    requiredHours: tenth(requiredMinutes / 60),
    availableHours: tenth(available / 60),
    load: share(available > 0 ? requiredMinutes / available : 0),
    fits,
  };
  return { drive, minutesPerVisit, visits, visitMinutes, requiredMinutes, fits, summary };
}
