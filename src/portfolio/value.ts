/**
 * What visits are worth. An account's stake is its revenue plus the share of
 * its untapped potential that visits can win; f visits a year secure
 * 1 − e^(−f/s) of it. The curve is concave: each visit adds less than the
 * one before (diminishing returns), which is what lets a budget of hours be
 * shared out by comparing the value of one more step per hour it costs.
 */
import type { PortfolioOptions } from '../contract/portfolio-request.js';
import type { Rated } from './segmentation.js';

export interface ValueModel {
  readonly saturationVisitsPerYear: number;
  readonly costPerVisit: number;
  /** Worked weeks a year: visits a year = visits per week × worked weeks. */
  readonly workedWeeks: number;
}

/** Revenue plus the winnable part of the headroom; null when the account has neither revenue nor potential. */
export function stakeOf(account: Rated, winnableShare: PortfolioOptions['value']['winnableShare']): number | null {
  if (account.revenue === undefined && account.potential === undefined) return null;
  const revenue = account.revenue ?? 0;
  return revenue + winnableShare * Math.max(0, (account.potential ?? revenue) - revenue);
}

/** Value secured a year by visiting at `rate` visits per week. */
export function valueAt(stake: number, rate: number, model: ValueModel): number {
  return stake * (1 - Math.exp((-rate * model.workedWeeks) / model.saturationVisitsPerYear));
}

/** Cost a year of visiting at `rate` visits per week. */
export function costAt(rate: number, model: ValueModel): number {
  return rate * model.workedWeeks * model.costPerVisit;
}
