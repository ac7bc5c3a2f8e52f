import { describe, expect, it } from 'vitest';
import { abcSegments, segment } from '../../src/portfolio/segmentation.js';

const DEFAULTS = { abc: { a: 0.8, b: 0.95 }, matrix: { shareSplit: 0.5 } };

describe('A/B/C segments by cumulative revenue', () => {
  // Revenues 50, 30, 10, 6, 4 (total 100). Revenue ranked before each: 0, 50, 80, 90, 96.
  // A while that is below 80: a1, a2 (80 % of revenue). B while below 95: a3, a4. C: a5.
  const five = [{ revenue: 50 }, { revenue: 30 }, { revenue: 10 }, { revenue: 6 }, { revenue: 4 }];

  it('takes the fewest accounts that reach each threshold', () => {
    expect(abcSegments(five, { a: 0.8, b: 0.95 })).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('follows the thresholds given', () => {
    // a = 50 %: before a2 there are 50, not below 50, so only a1 is A; b = 90 %: a2 (50) and a3 (80) are B.
    expect(abcSegments(five, { a: 0.5, b: 0.9 })).toEqual(['A', 'B', 'B', 'C', 'C']);
  });

  it('ranks accounts in any order, ties in request order, and leaves those without revenue out', () => {
    // Ranked: x2 (40), x3 (40), x1 (20): 0 and 40 are below 50 → A, A; 80 → B. x4 has no revenue.
    expect(abcSegments([{ revenue: 20 }, { revenue: 40 }, { revenue: 40 }, {}], { a: 0.5, b: 0.95 })).toEqual(['B', 'A', 'A', null]);
  });

  it('puts everyone in C when there is no revenue at all', () => {
    expect(abcSegments([{ revenue: 0 }, { revenue: 0 }], { a: 0.8, b: 0.95 })).toEqual(['C', 'C']);
  });

  it('sums counts, revenue and shares per segment', () => {
    const { summary } = segment([...five, { potential: 10 }], DEFAULTS);
    expect(summary.abc.unrated).toBe(1);
    expect(summary.abc.segments).toEqual([
      { segment: 'A', accounts: 2, revenue: 80, potential: 0, accountShare: 0.4, revenueShare: 0.8 },
      { segment: 'B', accounts: 2, revenue: 16, potential: 0, accountShare: 0.4, revenueShare: 0.16 },
      { segment: 'C', accounts: 1, revenue: 4, potential: 0, accountShare: 0.2, revenueShare: 0.04 },
    ]);
  });
});

describe('potential × share-of-wallet matrix', () => {
  // Shares: m1 60/100 = 0.6, m2 10/100 = 0.1, m3 8/10 = 0.8, m4 2/10 = 0.2; m5 has no potential, m6 no revenue.
  // Median potential of m1..m4 (10, 10, 100, 100) = 55: m1 and m2 are high-potential.
  const accounts = [
    { revenue: 60, potential: 100, segment: 'A' },
    { revenue: 10, potential: 100, segment: 'Key' },
    { revenue: 8, potential: 10, segment: 'A' },
    { revenue: 2, potential: 10 },
    { revenue: 5 },
    { potential: 50 },
  ];

  it('names the quadrants: keep, vivier, maintain at low cost, develop', () => {
    const { quadrant, summary } = segment(accounts, DEFAULTS);
    expect(quadrant).toEqual(['keep', 'vivier', 'maintain', 'develop', null, null]);
    expect(summary.matrix.potentialSplit).toBe(55);
    expect(summary.matrix.unrated).toBe(2);
    // Headroom = potential − revenue: keep 40, vivier 90, develop 8, maintain 2.
    expect(summary.matrix.quadrants).toEqual([
      { quadrant: 'keep', accounts: 1, revenue: 60, potential: 100, headroom: 40 },
      { quadrant: 'vivier', accounts: 1, revenue: 10, potential: 100, headroom: 90 },
      { quadrant: 'develop', accounts: 1, revenue: 2, potential: 10, headroom: 8 },
      { quadrant: 'maintain', accounts: 1, revenue: 8, potential: 10, headroom: 2 },
    ]);
  });

  it('cuts where it is told', () => {
    // Above every potential: all low-potential, so m1 (share 0.6) maintain and m2 (0.1) develop.
    expect(segment(accounts, { ...DEFAULTS, matrix: { potentialSplit: 101, shareSplit: 0.5 } }).quadrant.slice(0, 2)).toEqual(['maintain', 'develop']);
    // A share split of 0.7 moves m1 (0.6) from keep to vivier; m3 (0.8) stays maintain.
    expect(segment(accounts, { ...DEFAULTS, matrix: { shareSplit: 0.7 } }).quadrant.slice(0, 3)).toEqual(['vivier', 'vivier', 'maintain']);
  });

  it('compares the CRM segments with the computed ones', () => {
    // Revenue 60, 10, 8, 2, 5 (total 85): before m1 0, m2 60 (< 68 → A), m3 70 (< 80.75 → B), m5 78 (B), m4 83 (C).
    const { summary } = segment(accounts, DEFAULTS);
    expect(summary.crm).toEqual([
      { segment: 'A', accounts: 2, revenue: 68, potential: 110, abc: { A: 1, B: 1, C: 0, unrated: 0 } },
      { segment: 'Key', accounts: 1, revenue: 10, potential: 100, abc: { A: 1, B: 0, C: 0, unrated: 0 } },
    ]);
  });
});
