import { describe, expect, it } from 'vitest';
import { amount, percent, reasonFor, type ReasonInput } from '../../src/portfolio/reasons.js';

const weekly = { visits: 1, perWeeks: 1 };
const fortnightly = { visits: 1, perWeeks: 2 };
const monthly = { visits: 1, perWeeks: 4 };
const base: ReasonInput = { segment: 'A', quadrant: 'vivier', revenueShare: 0.091, potential: 90_000, current: fortnightly, suggested: weekly, rung: 1, stop: 'time' };

describe('one sentence per account', () => {
  it('says who the account is, the frequency, the change and why it goes no higher', () => {
    expect(reasonFor(base)).toBe('A account (9.1 % of revenue, fragile vivier): weekly, up from fortnightly; the hours to visit it twice a week are worth more on other accounts.');
    expect(reasonFor({ ...base, segment: 'C', quadrant: 'maintain', revenueShare: 0.0004, current: fortnightly, suggested: monthly, rung: 4, stop: 'cost' })).toBe(
      'C account (< 0.1 % of revenue, to maintain at low cost): monthly, down from fortnightly; visiting it every 3 weeks would bring less than the extra visits cost.',
    );
    expect(reasonFor({ ...base, quadrant: 'keep', revenueShare: 0.25, current: { visits: 2, perWeeks: 1 }, suggested: { visits: 2, perWeeks: 1 }, rung: 0, stop: 'top' })).toBe(
      'A account (25 % of revenue, to keep): twice a week, as now; the most the ladder offers.',
    );
  });

  it('speaks of accounts without revenue and those kept as they are', () => {
    expect(reasonFor({ ...base, segment: null, quadrant: null, potential: 61_000, suggested: monthly, current: monthly, rung: 4, stop: 'visits' })).toBe(
      'Account without revenue (potential 61,000): monthly, as now; visiting it every 3 weeks would exceed the visits-per-day limit.',
    );
    expect(reasonFor({ ...base, stop: 'fixed', current: { visits: 3, perWeeks: 2 } })).toBe('No revenue or potential given: kept at its current frequency (3 visits every 2 weeks).');
  });

  it('writes shares and amounts plainly', () => {
    expect([percent(0.123), percent(0.0412), percent(0), percent(0.0001)]).toEqual(['12 %', '4.1 %', '0.0 %', '< 0.1 %']);
    expect([amount(61000), amount(1234567.4), amount(950)]).toEqual(['61,000', '1,234,567', '950']);
  });
});
