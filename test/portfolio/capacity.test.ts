import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/contract/common.js';
import { capacity } from '../../src/portfolio/capacity.js';
import { evaluate, type Context } from '../../src/portfolio/context.js';
import { geography } from '../../src/portfolio/driving.js';
import { unproject } from '../../src/portfolio/geometry.js';

const ORIGIN: Location = { lat: 48, lon: -1.5 };
const at = (x: number): Location => unproject(x, 0, ORIGIN);

/**
 * Four weekly accounts of 60 min, two west (−10, −9 km) and two east (9, 10 km), the rep at −1 km,
 * no driving (both constants 0) so that hours are visit hours: 4 h a week against 3 h available.
 * Stakes 100,000, 10,000, 10,000 and 1,000; 52 worked weeks, value saturating at 12 visits a year.
 */
function context(budgetMinutes: number): Context {
  const locations = [at(-10), at(-9), at(9), at(10)];
  const home = at(-1);
  return {
    locations,
    home,
    geo: geography(locations, home),
    visitMinutes: Float64Array.of(60, 60, 60, 60),
    day: { minutes: 540, maxVisits: undefined, perWeek: 5 },
    driving: { detourFactor: 1.3, speedKmh: 50, lineHaul: 0, local: 0, dayFill: 0.85, loadThreshold: 0.55, loadPenalty: 1.25 },
    budget: { minutes: budgetMinutes, visits: Infinity },
    value: { saturationVisitsPerYear: 12, costPerVisit: 150, workedWeeks: 52 },
    stakes: [100_000, 10_000, 10_000, 1000],
  };
}
const weekly = { visits: 1, perWeeks: 1 };
const accounts = ['w1', 'w2', 'e1', 'e2'].map((id) => ({ id, revenue: 1000, frequency: weekly }));
const rates = Float64Array.of(1, 1, 1, 1);

describe('capacity at the current frequencies', () => {
  it('says it fits, with nothing to remedy, when the hours are there', () => {
    const ctx = context(300);
    const out = capacity(ctx, accounts, rates, evaluate(ctx, rates));
    expect(out).toEqual({
      current: { visitsPerWeek: 4, visitHours: 4, drivingHours: 0, requiredHours: 4, availableHours: 5, load: 0.8, fits: true },
      shortfallHours: 0,
      remedies: null,
    });
  });

  const ctx = context(180);
  const out = capacity(ctx, accounts, rates, evaluate(ctx, rates));

  it('measures the shortfall', () => {
    expect(out.current).toMatchObject({ requiredHours: 4, availableHours: 3, load: 1.333, fits: false });
    expect(out.shortfallHours).toBe(1);
  });

  it('lowers the least valuable visits until it fits', () => {
    // 60 min to free. Loss per minute freed: e2 weekly → fortnightly 3.4, → every 3 weeks 12.1, → monthly 20.5,
    // → every 2 months 32.4 (30 + 10 + 5 + 7.5 = 52.5 min); then w2 weekly → fortnightly (33.8, before
    // e2 → quarterly at 46.7, and before e1 at the same 33.8 by request order) frees 30 more.
    expect(out.remedies?.lowerFrequencies).toEqual({
      changes: [
        { accountId: 'e2', from: weekly, to: { visits: 1, perWeeks: 8 }, hoursFreed: 0.88 },
        { accountId: 'w2', from: weekly, to: { visits: 1, perWeeks: 2 }, hoursFreed: 0.5 },
      ],
      fits: true,
    });
  });

  it('counts the rep-days that would absorb the shortfall, in half days', () => {
    // A rep-day holds 180 / 5 = 36 min: 60 / 36 = 1.67 → 2 days.
    expect(out.remedies?.addRepDaysPerWeek).toBe(2);
  });

  it('splits the portfolio between reps by geography; rep 1 keeps the home', () => {
    const reps = out.remedies?.reps;
    expect(reps?.needed).toBe(2);
    expect(reps?.territories.map((t) => [t.rep, t.accountIds, t.workload.requiredHours, t.workload.fits])).toEqual([
      [1, ['w1', 'w2'], 2, true],
      [2, ['e1', 'e2'], 2, true],
    ]);
    expect(reps?.territories[0]?.home).toEqual(at(-1));
    // Rep 2 starts from the middle of its accounts, 9.5 km east.
    expect(reps?.territories[1]?.home).toEqual(at(9.5));
  });
});
