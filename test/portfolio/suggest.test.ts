import { describe, expect, it } from 'vitest';
import { rungName } from '../../src/portfolio/ladder.js';
import { suggest, type SuggestInput } from '../../src/portfolio/suggest.js';

/*
 * Two accounts, X with a stake of 100,000 and Y with 10,000; a visit of either takes 60 min,
 * driving included; 52 worked weeks; f visits a year secure 1 − e^(−f/12) of the stake.
 * Steps up from quarterly, with the value they add and the minutes a week they take
 * (value per minute in brackets):
 *   quarterly → every 2 months    4 → 6.5 a year    X 13,475  Y 1,348   2.88 min  (X 4,671  Y 467)
 *   every 2 months → monthly      6.5 → 13          X 24,331  Y 2,433   7.5 min   (X 3,244  Y 324)
 *   monthly → every 3 weeks       13 → 17.3         X 10,259  Y 1,026   5 min     (X 2,052  Y 205)
 *   every 3 weeks → fortnightly   17.3 → 26         X 12,132  Y 1,213   10 min    (X 1,213  Y 121)
 *   fortnightly → weekly          26 → 52           X 10,144  Y 1,014   30 min    (X 338    Y 34)
 *   weekly → twice a week         52 → 104          X 1,295   Y 130     60 min    (X 22     Y 2)
 * Extra visits a year cost 150 each: 375, 975, 650, 1,300, 3,900, 7,800 for the steps above.
 */
function input(budget: { minutes: number; visits?: number }, costPerVisit = 0, stakes: (number | null)[] = [100_000, 10_000]): SuggestInput {
  return {
    stakes,
    currentRates: Float64Array.from(stakes, () => 0.25),
    minutesPerVisit: Float64Array.from(stakes, () => 60),
    budget: { minutes: budget.minutes, visits: budget.visits ?? Infinity },
    model: { saturationVisitsPerYear: 12, costPerVisit, workedWeeks: 52 },
  };
}

const names = (rungs: Int8Array) => Array.from(rungs, (r) => (r < 0 ? 'kept' : rungName(r)));

describe('suggested frequencies', () => {
  it('spends the hours on the most valuable steps first', () => {
    // 48 min a week; both quarterly take 2 × 60/13 = 9.23. Steps by value per minute: X's first four
    // (2.88 + 7.5 + 5 + 10 → 34.6 used), Y's first (2.88 → 37.5), X weekly takes 30 (only 10.5 left: refused),
    // Y monthly (7.5 → 45.0), Y every 3 weeks takes 5 (3.0 left: refused).
    const out = suggest(input({ minutes: 48 }));
    expect(names(out.rungs)).toEqual(['fortnightly', 'monthly']);
    expect(out.reasons).toEqual(['time', 'time']);
    expect(Array.from(out.rates)).toEqual([0.5, 0.25]);
  });

  it('never takes a step worth less than the visits it adds', () => {
    // With hours to spare: X stops at weekly (twice a week adds 1,295 for 7,800 of visits),
    // Y at every 3 weeks (fortnightly adds 1,213 for 1,300).
    const out = suggest(input({ minutes: 10_000 }, 150));
    expect(names(out.rungs)).toEqual(['weekly', 'every_3_weeks']);
    expect(out.reasons).toEqual(['cost', 'cost']);
  });

  it('goes to the top of the ladder when every step pays', () => {
    const out = suggest(input({ minutes: 10_000 }, 0));
    expect(names(out.rungs)).toEqual(['twice_a_week', 'twice_a_week']);
    expect(out.reasons).toEqual(['top', 'top']);
  });

  it('keeps the visits-per-day limit', () => {
    // 0.5 visits a week: both quarterly 0.154; X to every 2 months (+0.048), monthly (+0.125), every 3 weeks
    // (+0.083) → 0.410; X fortnightly (+0.167) is refused; Y every 2 months (+0.048) → 0.458; Y monthly (+0.125) refused.
    const out = suggest(input({ minutes: 10_000, visits: 0.5 }));
    expect(names(out.rungs)).toEqual(['every_3_weeks', 'every_2_months']);
    expect(out.reasons).toEqual(['visits', 'visits']);
  });

  it('keeps accounts without a stake at their current frequency, and counts their hours', () => {
    // Y kept monthly takes 15 min: X has 48 − 15 − 4.6 = 28.4 min for its steps: 2.88 + 7.5 + 5 + 10 = 25.4,
    // then weekly (30) does not fit.
    const out = suggest(input({ minutes: 48 }, 0, [100_000, null]));
    expect(names(out.rungs)).toEqual(['fortnightly', 'kept']);
    expect(out.reasons).toEqual(['time', 'fixed']);
    expect(out.rates[1]).toBe(0.25);
  });

  it('leaves everyone quarterly when even that does not fit', () => {
    const out = suggest(input({ minutes: 5 }));
    expect(names(out.rungs)).toEqual(['quarterly', 'quarterly']);
    expect(out.reasons).toEqual(['short', 'short']);
  });
});
