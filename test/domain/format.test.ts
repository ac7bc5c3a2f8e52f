import { describe, expect, it } from 'vitest';
import { compile } from '../../src/domain/compile.js';
import { formatWeek } from '../../src/domain/format.js';
import { report } from '../../src/domain/report.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { MONDAY, TODAY, greedyPlan, matrixFor, request } from './fixtures.js';

/** Twelve accounts around Rennes with every kind of frequency, a few prospects, four weeks. */
function portfolio() {
  const freqs = [[1, 1], [2, 1], [1, 2], [1, 4]] as const;
  return request({
    rep: {
      id: 'rep', start: { lat: 48.11, lon: -1.68 },
      workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
      break: { minutes: 45, earliest: '12:00', latest: '13:30' },
      maxVisitsPerDay: 6, unavailableDates: ['2026-12-08'],
    },
    horizon: { start: MONDAY, days: 28 },
    accounts: Array.from({ length: 12 }, (_, i) => ({
      id: `acc-${String(i).padStart(2, '0')}`,
      name: `Account ${i}`,
      location: { lat: 48.11 + ((i * 37) % 11) / 50 - 0.1, lon: -1.68 + ((i * 53) % 13) / 50 - 0.12 },
      visitMinutes: 30 + (i % 4) * 15,
      frequency: { visits: freqs[i % 4][0], perWeeks: freqs[i % 4][1] },
      ...(i % 3 === 0 ? {} : { lastVisit: `2026-11-${String(10 + i).padStart(2, '0')}` }),
      priority: 1 + (i % 5),
      ...(i % 5 === 1 ? { openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], start: '09:00', end: '12:00' }] } : {}),
      ...(i === 7 ? { appointments: [{ date: '2026-11-26', start: '15:00' }], closedDates: ['2026-11-26'] } : {}),
    })),
    prospects: [0, 1, 2].map((i) => ({ id: `pro-${i}`, name: `Prospect ${i}`, location: { lat: 48.05 + i / 30, lon: -1.6 }, visitMinutes: 30, potential: 100 * (i + 1) })),
    prospecting: { visitsPerWeek: 1 },
  });
}

describe('a four-week portfolio through compile, a greedy plan and report', () => {
  const req = portfolio();
  const matrix = matrixFor(req);
  const compiled = compile(req, matrix, { today: TODAY });
  const result = report(compiled, greedyPlan(compiled.problem), { source: 'haversine' });

  it('passes the independent check', () => {
    expect(result.summary.visitsPlanned).toBeGreaterThan(0);
    checkPlanResult(req, matrix, result, { today: TODAY });
  });

  it('keeps the pattern sets small', () => {
    for (const c of compiled.problem.clients) expect(c.patterns.length).toBeLessThanOrEqual(400);
  });

  it('renders a readable week', () => {
    const text = formatWeek(result);
    const first = result.days[0];
    const stop = first.stops.find((s) => s.kind === 'account');
    expect(text).toContain(`Mon 23 Nov 2026`);
    expect(text).toContain(`  ${first.departure}        Depart`);
    if (stop !== undefined) expect(text).toContain(`  ${stop.start}–${stop.end}  ${stop.name ?? ''}  (${stop.travelMinutes} min drive`);
    expect(text).toContain(`Visits: ${result.summary.visitsPlanned} of ${result.summary.visitsRequired} planned`);
    expect(text).toContain('Travel times: haversine.');
  });

  it('renders the week in French, with Intl day names and decimal commas', () => {
    const text = formatWeek(result, 'fr');
    const first = result.days[0];
    expect(text).toContain('lun. 23 nov. 2026');
    expect(text).toContain(`${String(first.driveKm).replace('.', ',')} km`);
    expect(text).toContain(`  ${first.departure}        Départ`);
    expect(text).toContain(`Visites : ${result.summary.visitsPlanned} sur ${result.summary.visitsRequired} planifiées`);
    // The labels are French; the plan's own sentences stay in the language it was made in.
    expect(text.split('Non planifié :')[0]).not.toMatch(/\b(Depart|Back|Visits|Driving)\b/);
  });

  it('lists unplanned visits with their messages', () => {
    const text = formatWeek({
      ...result,
      days: [],
      unplanned: [{ accountId: 'acc-0007', lat: 48.1, lon: -1.6, visitsMissing: 1, reason: 'day_capacity', message: 'No working day between 24 and 26 Nov has 50 free minutes inside its opening hours.' }],
    });
    expect(text).toContain('No visits planned.');
    expect(text).toContain('  acc-0007 (1 visit, day_capacity): No working day between 24 and 26 Nov has 50 free minutes inside its opening hours.');
  });
});
