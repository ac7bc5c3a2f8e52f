import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/contract/errors.js';
import { PortfolioRequest, type PortfolioRequestInput } from '../../src/contract/portfolio-request.js';
import { analysePortfolio } from '../../src/portfolio/analyse.js';

const REP = {
  id: 'rep-1',
  start: { lat: 48.1, lon: -1.7 },
  workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, start: '08:00', end: '18:00' }],
  break: { minutes: 60, earliest: '12:00', latest: '13:30' },
};

function request(overrides: Partial<PortfolioRequestInput> = {}): PortfolioRequest {
  return PortfolioRequest.parse({
    rep: { ...REP, workingHours: [...REP.workingHours.map((h) => ({ ...h, days: [...h.days] }))] },
    period: { start: '2027-01-04', days: 364 },
    accounts: [
      { id: 'x', location: { lat: 48.11, lon: -1.68 }, visitMinutes: 60, frequency: { visits: 1, perWeeks: 1 }, revenue: 100_000, potential: 100_000 },
      { id: 'y', location: { lat: 48.09, lon: -1.72 }, visitMinutes: 60, frequency: { visits: 1, perWeeks: 1 }, revenue: 10_000, potential: 10_000 },
    ],
    ...overrides,
  });
}

// 144 weekly accounts of 45 min on a 12 × 12 grid about 2 km apart: 108 h of visits a week, far over one rep.
const GRID = Array.from({ length: 144 }, (_, i) => ({
  id: `a${String(i)}`,
  location: { lat: 48 + 0.018 * Math.floor(i / 12), lon: -1.9 + 0.027 * (i % 12) },
  visitMinutes: 45,
  frequency: { visits: 1, perWeeks: 1 },
  revenue: 1000 + 100 * i,
}));

/** Driving at a million km/h: none, so every figure is visit time and can be worked out by hand. */
const NO_DRIVING = { today: '2027-01-01', speedKmh: 1e6, detourFactor: 1.3 };

describe('portfolio analysis, worked by hand', () => {
  // 52 weeks of 5 days × (10 h − 1 h break) = 45 h a week; 30 % non-visit time leaves 31.5 h.
  // x and y, weekly visits of 1 h, take 2 h: it fits. Stakes 100,000 and 10,000 (revenue = potential):
  // with hours to spare the cost of visits decides (see suggest.test.ts): x weekly, y every 3 weeks.
  const analysis = analysePortfolio(request(), NO_DRIVING);

  it('counts the time available', () => {
    expect(analysis.time.perWeek).toEqual({ workingHours: 45, nonVisitHours: 13.5, prospectingHours: 0, availableHours: 31.5 });
    expect(analysis.time.period).toEqual({ start: '2027-01-04', end: '2028-01-02', workingDays: 260, workedWeeks: 52 });
  });

  it('checks the current frequencies against it', () => {
    expect(analysis.capacity).toEqual({
      current: { visitsPerWeek: 2, visitHours: 2, drivingHours: 0, requiredHours: 2, availableHours: 31.5, load: 0.063, fits: true },
      shortfallHours: 0,
      remedies: null,
    });
  });

  it('suggests a frequency per account with its reason and the change', () => {
    // x: 100,000 of 110,000 revenue → A; potentials 100,000 and 10,000, median 55,000: x keep, y maintain.
    expect(analysis.accounts.map((a) => [a.id, a.segment, a.quadrant, a.suggestedRung, a.change, a.visitsPerYearChange])).toEqual([
      ['x', 'A', 'keep', 'weekly', 'same', 0],
      ['y', 'B', 'maintain', 'every_3_weeks', 'fewer', -34.7],
    ]);
    expect(analysis.accounts[1]?.reason).toBe(
      'B account (9.1 % of revenue, to maintain at low cost): every 3 weeks, down from weekly; visiting it fortnightly would bring less than the extra visits cost.',
    );
    expect(analysis.suggestion.changes).toEqual({ more: 0, fewer: 1, same: 1 });
  });

  it('costs the plans at 150 a visit', () => {
    // Current: 52 + 52 visits = 15,600; suggested: 52 + 17.3 visits = 10,400.
    expect(analysis.costs.total).toEqual({
      current: { visitsPerYear: 104, cost: 15_600, costShareOfRevenue: 0.142 },
      suggested: { visitsPerYear: 69.3, cost: 10_400, costShareOfRevenue: 0.095 },
    });
  });

  it('starts the default period on the Monday after today', () => {
    const year = analysePortfolio(request({ period: { days: 365 } }), NO_DRIVING);
    expect(year.time.period).toMatchObject({ start: '2027-01-04', end: '2028-01-03' });
  });
});

describe('driving calibrated on real plans', () => {
  it('scales the estimate so that its driving per visit matches the plans', () => {
    const deps = { today: '2027-01-01', speedKmh: 50, detourFactor: 1.3 };
    const plain = analysePortfolio(request({ accounts: GRID }), deps);
    const perVisit = plain.driving.minutesPerVisit;
    const calibrated = analysePortfolio(request({ accounts: GRID, options: { observedDriving: { minutesPerWeek: 2 * perVisit * 10, visitsPerWeek: 10 } } }), deps);
    expect(calibrated.driving.calibrated).toBe(true);
    // Minutes per visit are given to a tenth: the factor is 2 to within that rounding.
    expect(calibrated.driving.minutesPerVisit).toBeCloseTo(2 * perVisit, 1);
    expect(calibrated.driving.scale).toBeCloseTo(2, 1);
    expect(calibrated.capacity.current.drivingHours).toBeCloseTo((calibrated.capacity.current.visitsPerWeek * 2 * perVisit) / 60, 0);
  });
});

describe('a team-sized portfolio', () => {
  const accounts = GRID;
  const analysis = analysePortfolio(request({ accounts }), { today: '2027-01-01', speedKmh: 50, detourFactor: 1.3 });

  it('needs several reps, each with a territory that fits, every account in one', () => {
    const reps = analysis.capacity.remedies?.reps;
    expect(reps?.needed).toBeGreaterThanOrEqual(4);
    expect(reps?.territories.every((t) => t.workload.fits)).toBe(true);
    expect(reps?.territories.flatMap((t) => t.accountIds).sort()).toEqual(accounts.map((a) => a.id).sort());
  });

  it('suggests frequencies that fit one rep whenever quarterly visits do', () => {
    expect(analysis.suggestion.workload.fits).toBe(true);
    expect(analysis.suggestion.workload.requiredHours).toBeLessThanOrEqual(analysis.suggestion.workload.availableHours);
  });
});

describe('requests with no time for accounts', () => {
  it('refuses a period without a working day', () => {
    const days = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'];
    const off = request({ period: { start: '2027-01-04', days: 7 } });
    const refusal = (() => {
      try {
        analysePortfolio({ ...off, rep: { ...off.rep, unavailableDates: days } }, NO_DRIVING);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ServiceError);
    expect(refusal).toMatchObject({ code: 'validation', errors: [{ pointer: '#/period' }] });
  });

  it('refuses a prospecting target that takes all the time left', () => {
    expect(() => analysePortfolio(request({ prospecting: { visitsPerWeek: 50, visitMinutes: 60 } }), NO_DRIVING)).toThrow(
      expect.objectContaining({ code: 'validation', errors: [expect.objectContaining({ pointer: '#/prospecting/visitsPerWeek' })] }),
    );
  });
});
