import { describe, expect, it } from 'vitest';
import { costs } from '../../src/portfolio/costs.js';

describe('cost of the visit plan', () => {
  // 46 worked weeks, 150 a visit. A (revenue 20,000) weekly → fortnightly: 46 → 23 visits, 6,900 → 3,450 (34.5 % → 17.3 %).
  // B (5,000) monthly → every 2 months: 11.5 → 5.75 visits, 1,725 → 862.5 (34.5 % → 17.3 %).
  // The account without revenue, fortnightly both times: 23 visits, 3,450, no share of revenue.
  const out = costs({
    segments: ['A', 'B', null],
    revenues: [20_000, 5000, undefined],
    current: Float64Array.of(1, 0.25, 0.5),
    suggested: Float64Array.of(0.5, 0.125, 0.5),
    workedWeeks: 46,
    costPerVisit: 150,
  });

  it('costs each segment at the current and the suggested frequencies', () => {
    expect(out.segments).toEqual([
      { segment: 'A', accounts: 1, current: { visitsPerYear: 46, cost: 6900, costShareOfRevenue: 0.345 }, suggested: { visitsPerYear: 23, cost: 3450, costShareOfRevenue: 0.173 } },
      { segment: 'B', accounts: 1, current: { visitsPerYear: 11.5, cost: 1725, costShareOfRevenue: 0.345 }, suggested: { visitsPerYear: 5.8, cost: 863, costShareOfRevenue: 0.173 } },
      { segment: 'C', accounts: 0, current: { visitsPerYear: 0, cost: 0, costShareOfRevenue: null }, suggested: { visitsPerYear: 0, cost: 0, costShareOfRevenue: null } },
      { segment: 'unrated', accounts: 1, current: { visitsPerYear: 23, cost: 3450, costShareOfRevenue: null }, suggested: { visitsPerYear: 23, cost: 3450, costShareOfRevenue: null } },
    ]);
  });

  it('totals the portfolio', () => {
    // 80.5 visits, 12,075 over 25,000 of revenue; suggested 51.75 visits, 7,762.5.
    expect(out.total).toEqual({
      current: { visitsPerYear: 80.5, cost: 12075, costShareOfRevenue: 0.483 },
      suggested: { visitsPerYear: 51.8, cost: 7763, costShareOfRevenue: 0.311 },
    });
  });
});
