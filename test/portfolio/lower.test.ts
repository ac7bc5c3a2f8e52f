import { describe, expect, it } from 'vitest';
import { lower, rungBelow } from '../../src/portfolio/lower.js';
import { rungName } from '../../src/portfolio/ladder.js';

/*
 * X (stake 100,000) and Y (10,000), both weekly, 60 min a visit, 52 worked weeks, saturation 12.
 * Stepping down loses (per minute a week freed): weekly → fortnightly X 10,144 / 30 = 338, Y 1,014 / 30 = 34;
 * fortnightly → every 3 weeks X 12,132 / 10 = 1,213, Y 1,213 / 10 = 121; every 3 weeks → monthly Y 1,026 / 5 = 205.
 */
const model = { saturationVisitsPerYear: 12, costPerVisit: 150, workedWeeks: 52 };
const base = { rates: Float64Array.of(1, 1), minutesPerVisit: Float64Array.of(60, 60), model };

describe('lowering frequencies to fit', () => {
  it('lowers the visits that lose the least value per hour freed', () => {
    // 40 min to free: Y weekly → fortnightly (34/min) frees 30, then Y → every 3 weeks (121/min, below X's 338) frees 10.
    const out = lower({ ...base, stakes: [100_000, 10_000], excess: { minutes: 40, visits: 0 } });
    expect(Array.from(out.rates)).toEqual([1, 1 / 3]);
    expect(out.order).toEqual([1]);
    expect(out.freed[1]).toBeCloseTo(40, 9);
    expect(out.fits).toBe(true);
  });

  it('never lowers an account without revenue or potential', () => {
    // Only X can move: weekly → fortnightly frees 30, → every 3 weeks 10 more.
    const out = lower({ ...base, stakes: [100_000, null], excess: { minutes: 40, visits: 0 } });
    expect(Array.from(out.rates)).toEqual([1 / 3, 1]);
  });

  it('says when even quarterly visits free too little', () => {
    // Both quarterly free 2 × 60 × (1 − 1/13) = 110.8 min, short of 200.
    const out = lower({ ...base, stakes: [100_000, 10_000], excess: { minutes: 200, visits: 0 } });
    expect(Array.from(out.rates)).toEqual([1 / 13, 1 / 13]);
    expect(out.fits).toBe(false);
  });

  it('steps from a frequency off the ladder to the rung just below it', () => {
    expect(rungName(rungBelow(1.5) ?? -1)).toBe('weekly');
    expect(rungName(rungBelow(1) ?? -1)).toBe('fortnightly');
    expect(rungBelow(1 / 13)).toBeUndefined();
  });
});
