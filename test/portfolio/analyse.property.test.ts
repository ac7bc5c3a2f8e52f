import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/contract/errors.js';
import { PortfolioAnalysis } from '../../src/contract/portfolio-analysis.js';
import { PortfolioRequest } from '../../src/contract/portfolio-request.js';
import { analysePortfolio } from '../../src/portfolio/analyse.js';

const FREQUENCIES = [[2, 1], [1, 1], [1, 2], [1, 3], [1, 4], [1, 8], [1, 13], [3, 2], [1, 52], [7, 1], [5, 6]] as const;

const account = fc.record({
  lat: fc.oneof(fc.constant(48.1), fc.double({ min: 47.5, max: 48.7, noNaN: true })),
  lon: fc.oneof(fc.constant(-1.7), fc.double({ min: -2.5, max: -0.9, noNaN: true })),
  visitMinutes: fc.integer({ min: 1, max: 600 }),
  frequency: fc.constantFrom(...FREQUENCIES),
  revenue: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), { nil: undefined }),
  potential: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), { nil: undefined }),
  segment: fc.option(fc.constantFrom('A', 'B', 'C', 'Key'), { nil: undefined }),
});

const portfolio = fc.record({
  accounts: fc.array(account, { minLength: 1, maxLength: 40 }),
  maxVisitsPerDay: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  prospects: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
  nonVisitShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
  costPerVisit: fc.oneof(fc.constant(0), fc.constant(150), fc.double({ min: 0, max: 1e6, noNaN: true })),
  days: fc.integer({ min: 7, max: 731 }),
});

type Generated = typeof portfolio extends fc.Arbitrary<infer T> ? T : never;

function request(p: Generated): PortfolioRequest {
  return PortfolioRequest.parse({
    rep: {
      id: 'r',
      start: { lat: 48.1, lon: -1.7 },
      workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
      ...(p.maxVisitsPerDay === undefined ? {} : { maxVisitsPerDay: p.maxVisitsPerDay }),
    },
    period: { start: '2027-01-04', days: p.days },
    accounts: p.accounts.map((a, i) => ({
      id: `a${String(i)}`,
      location: { lat: a.lat, lon: a.lon },
      visitMinutes: a.visitMinutes,
      frequency: { visits: a.frequency[0], perWeeks: a.frequency[1] },
      ...(a.revenue === undefined ? {} : { revenue: a.revenue }),
      ...(a.potential === undefined ? {} : { potential: a.potential }),
      ...(a.segment === undefined ? {} : { segment: a.segment }),
    })),
    ...(p.prospects === undefined ? {} : { prospecting: { visitsPerWeek: p.prospects } }),
    options: { nonVisitShare: p.nonVisitShare, costPerVisit: p.costPerVisit },
  });
}

describe('portfolio analysis on any valid portfolio', () => {
  it('answers with a valid analysis, or refuses with a located validation error', () => {
    fc.assert(
      fc.property(portfolio, (p) => {
        const req = request(p);
        let analysis;
        try {
          analysis = analysePortfolio(req, { today: '2027-01-01', speedKmh: 50, detourFactor: 1.3 });
        } catch (error) {
          expect(error).toBeInstanceOf(ServiceError);
          expect(error).toMatchObject({ code: 'validation' });
          return;
        }
        expect(PortfolioAnalysis.safeParse(analysis).error?.issues ?? []).toEqual([]);
        expect(analysis.accounts.map((a) => a.id)).toEqual(req.accounts.map((a) => a.id));
        // Every account is in exactly one territory when reps are needed.
        const territories = analysis.capacity.remedies?.reps.territories ?? [];
        if (territories.length > 0) expect(territories.flatMap((t) => t.accountIds).sort()).toEqual(req.accounts.map((a) => a.id).sort());
        // The suggestion fits, unless even quarterly visits do not or accounts kept as they are (no revenue nor potential) take too much.
        const stuck = analysis.accounts.some((a) => a.reason.includes('even so the portfolio does not fit') || a.reason.startsWith('No revenue or potential'));
        if (!stuck) expect(analysis.suggestion.workload.fits).toBe(true);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
