/** What the visit plan costs, per A/B/C segment, at the current and the suggested frequencies. */
import { ABC, type Costs } from '../contract/portfolio-analysis.js';
import { money, share, tenth } from './round.js';
import type { Abc } from './segmentation.js';

export interface CostInput {
  readonly segments: readonly (Abc | null)[];
  readonly revenues: readonly (number | undefined)[];
  readonly current: Float64Array;
  readonly suggested: Float64Array;
  readonly workedWeeks: number;
  readonly costPerVisit: number;
}

type Figures = Costs['total']['current'];

export function costs(input: CostInput): Costs {
  const figures = (rates: Float64Array, members: readonly number[]): Figures => {
    const visits = members.reduce((s, i) => s + rates[i] * input.workedWeeks, 0);
    const revenue = members.reduce((s, i) => s + (input.revenues[i] ?? 0), 0);
    const cost = visits * input.costPerVisit;
    // Under one unit of revenue the ratio says nothing (and may overflow).
    return { visitsPerYear: tenth(visits), cost: money(cost), costShareOfRevenue: revenue >= 1 ? share(cost / revenue) : null };
  };
  const all = input.segments.map((_, i) => i);
  const groups = [...ABC, 'unrated' as const].map((segment) => ({ segment, members: all.filter((i) => (input.segments[i] ?? 'unrated') === segment) }));
  const segments = groups
    .filter((g) => g.segment !== 'unrated' || g.members.length > 0)
    .map((g) => ({ segment: g.segment, accounts: g.members.length, current: figures(input.current, g.members), suggested: figures(input.suggested, g.members) }));
  return { costPerVisit: input.costPerVisit, segments, total: { current: figures(input.current, all), suggested: figures(input.suggested, all) } };
}
