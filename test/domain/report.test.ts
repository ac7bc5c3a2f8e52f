import { describe, expect, it } from 'vitest';
import type { PlanRequest, PlanRequestInput } from '../../src/contract/plan-request.js';
import { compile, pointsOf } from '../../src/domain/compile.js';
import { formatWeek } from '../../src/domain/format.js';
import { report } from '../../src/domain/report.js';
import type { Matrix } from '../../src/matrix/travel-times.js';
import type { Plan } from '../../src/solver/plan.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { TODAY, greedyPlan, request } from './fixtures.js';

/**
 * Points on a line, x in km: durations 1 min per km + 30 s (so every leg rounds
 * up to the next minute), distances 1000 m per km + 50 m.
 */
function lineMatrix(xs: readonly number[]): Matrix {
  const n = xs.length;
  const durations = new Int32Array(n * n);
  const distances = new Int32Array(n * n);
  xs.forEach((a, i) => {
    xs.forEach((b, j) => {
      if (i === j) return;
      durations[i * n + j] = Math.abs(a - b) * 60 + 30;
      distances[i * n + j] = Math.abs(a - b) * 1000 + 50;
    });
  });
  return { size: n, durations, distances, source: 'haversine' };
}

const at = { lat: 48, lon: -1 };
const weekly = { visits: 1, perWeeks: 1 };
const base = (accounts: PlanRequestInput['accounts'], extra: object = {}): PlanRequest =>
  request({
    rep: {
      id: 'r', start: at,
      workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
      break: { minutes: 45, earliest: '12:00', latest: '13:30' },
    },
    accounts,
    ...extra,
  });

describe('report on a hand-built plan', () => {
  const req = base(
    [
      { id: 'A', name: 'Boulangerie Morel', location: at, visitMinutes: 60, frequency: weekly, lastVisit: '2026-11-18', openingHours: [{ days: ['mon'], start: '09:00', end: '12:00' }] },
      { id: 'B', location: at, visitMinutes: 90, frequency: weekly, lastVisit: '2026-11-18' },
      { id: 'C', name: 'Cave', location: at, visitMinutes: 60, frequency: weekly, lastVisit: '2026-11-18', openingHours: [{ days: ['sat'], start: '09:00', end: '18:00' }] },
      { id: 'D', location: at, visitMinutes: 60, frequency: weekly, lastVisit: '2026-11-18', openingHours: [{ days: ['mon'], start: '08:00', end: '09:00' }] },
    ],
    { prospects: [{ id: 'P', location: at, visitMinutes: 30, potential: 10 }], prospecting: { visitsPerWeek: 1 } },
  );
  // home 0, A 10, B 20, C 30, D 10, P 15 km
  const matrix = lineMatrix([0, 10, 20, 30, 10, 15]);
  const compiled = compile(req, matrix, { today: TODAY });
  const mondayOf = (client: number): number => compiled.problem.clients[client].patterns.findIndex((p) => p.days.join() === '0');
  // Clients: A 0, B 1, D 2 (C is never open on a working day), P 3.
  const plan: Plan = {
    routes: [{ shift: 0, visits: [0, 3, 1] }],
    patterns: [mondayOf(0), mondayOf(1), -1, 0],
    cost: { travel: 44 * 60, distance: 40_200, penalty: 3e7, prize: 3600, total: 44 * 60 + 3e7 - 3600 },
  };
  const result = report(compiled, plan, { source: 'haversine' });

  it('maps clients back to accounts and prospects', () => {
    expect(compiled.clients.map((c) => c.id)).toEqual(['A', 'B', 'D', 'P']);
  });

  it('lays out the day: A waits for its opening, then P and B; home before the break is due', () => {
    // Home→A 10.5 min → 11; A opens 09:00, so leave 08:49. A 09:00–10:00, +6 → P 10:06–10:36,
    // +6 → B 10:42–12:12, +21 → home 12:33, before the break's latest start 13:30: no break on the road.
    expect(result.days).toEqual([{
      date: '2026-11-23', departure: '08:49', return: '12:33', driveMinutes: 44, driveKm: 40.2, visitMinutes: 180,
      returnTravelMinutes: 21, returnTravelKm: 20.1,
      stops: [
        { kind: 'account', id: 'A', name: 'Boulangerie Morel', arrival: '09:00', start: '09:00', end: '10:00', waitMinutes: 0, travelMinutes: 11, travelKm: 10.1, lat: 48, lon: -1 },
        { kind: 'prospect', id: 'P', arrival: '10:06', start: '10:06', end: '10:36', waitMinutes: 0, travelMinutes: 6, travelKm: 5.1, lat: 48, lon: -1 },
        { kind: 'account', id: 'B', arrival: '10:42', start: '10:42', end: '12:12', waitMinutes: 0, travelMinutes: 6, travelKm: 5.1, lat: 48, lon: -1 },
      ],
    }]);
  });

  it('renders the day for a terminal', () => {
    expect(formatWeek(result).split('\n').slice(0, 7)).toEqual([
      'Mon 23 Nov 2026  (44 min drive, 40.2 km, 180 min of visits)',
      '  08:49        Depart',
      '  09:00–10:00  Boulangerie Morel  (11 min drive)',
      '  10:06–10:36  P  (6 min drive, prospect)',
      '  10:42–12:12  B  (6 min drive)',
      '  12:33        Back  (21 min drive)',
      '',
    ]);
  });

  it('sums the summary and gives the objective in minutes', () => {
    expect(result.summary).toEqual({
      visitsRequired: 4, visitsPlanned: 2, visitsMissed: 2, prospectVisits: 1,
      driveMinutes: 44, driveKm: 40.2, visitMinutes: 180,
      utilisation: 0.373, // 224 of 600 minutes
      objective: { travel: 44, distance: 0, missedVisits: 500_000, prospects: 60, total: 499_984 },
      travelTimeSource: 'haversine',
    });
    expect(report(compiled, plan, { source: 'haversine', fallback: true }).summary.travelTimeFallback).toBe(true);
  });

  it('says whose plan it is, where days start and end, in which zone and language', () => {
    expect(result.rep).toEqual({ id: 'r', start: at, end: at });
    expect(result.timezone).toBe(req.timezone);
    expect(result.locale).toBe('en');
  });

  it('explains the missed visits', () => {
    expect(result.unplanned).toEqual([
      { accountId: 'C', name: 'Cave', lat: 48, lon: -1, visitsMissing: 1, reason: 'outside_opening_hours', message: 'Cave is not open for 60 minutes on any working day between 23 and 27 Nov.' },
      // D opens 08:00-09:00 Mondays for a 60-minute visit: the visit must start at 08:00, 11 minutes from home.
      { accountId: 'D', lat: 48, lon: -1, visitsMissing: 1, reason: 'too_far', message: 'D is too far to be visited for 60 minutes within the opening and working hours of any day between 23 and 27 Nov, even on an empty day.' },
    ]);
  });

  it('lists every account with its planned dates and next due date', () => {
    expect(result.accounts).toEqual([
      { id: 'A', visitsRequired: 1, plannedDates: ['2026-11-23'], nextDue: '2026-11-30' },
      { id: 'B', visitsRequired: 1, plannedDates: ['2026-11-23'], nextDue: '2026-11-30' },
      { id: 'C', visitsRequired: 1, plannedDates: [], nextDue: '2026-11-25' },
      { id: 'D', visitsRequired: 1, plannedDates: [], nextDue: '2026-11-25' },
    ]);
  });

  it('passes the independent check, which catches a tampered result', () => {
    checkPlanResult(req, matrix, result, { today: TODAY });
    const moved = structuredClone(result);
    moved.days[0].stops[0].start = '08:30';
    expect(() => { checkPlanResult(req, matrix, moved, { today: TODAY }); }).toThrow(/wait does not match|opening hours/);
    const longer = structuredClone(result);
    longer.days[0].stops[1].travelMinutes = 5;
    expect(() => { checkPlanResult(req, matrix, longer, { today: TODAY }); }).toThrow(/travel 5 min, matrix gives 6/);
    const missing = structuredClone(result);
    missing.unplanned.pop();
    expect(() => { checkPlanResult(req, matrix, missing, { today: TODAY }); }).toThrow(/planned \+ 0 missed/);
  });
});

describe('unplanned reasons', () => {
  const acc = (id: string, extra: object = {}) => ({ id, location: at, visitMinutes: 60, frequency: weekly, lastVisit: '2026-11-18', ...extra });
  const run = (req: PlanRequest, xs: number[]) => {
    const matrix = lineMatrix(xs);
    expect(pointsOf(req)).toHaveLength(xs.length);
    const compiled = compile(req, matrix, { today: TODAY });
    const result = report(compiled, greedyPlan(compiled.problem), { source: 'haversine' });
    checkPlanResult(req, matrix, result, { today: TODAY });
    return result;
  };

  it('max_visits when every allowed day is full', () => {
    const req = base([acc('a', { lastVisit: '2026-11-16' }), acc('b', { lastVisit: '2026-11-16' })]);
    const result = run(request({ ...req, rep: { ...req.rep, maxVisitsPerDay: 1 }, horizon: { start: '2026-11-23', days: 1 } }), [0, 1, 2]);
    expect(result.unplanned).toEqual([{ accountId: 'b', lat: 48, lon: -1, visitsMissing: 1, reason: 'max_visits', message: 'No working day on 23 Nov can take another visit: the limit is 1 visit per day.' }]);
  });

  it('max_drive when adding the visit exceeds the driving limit', () => {
    const req = base([acc('near'), acc('far')]);
    const result = run(request({ ...req, rep: { ...req.rep, maxDriveMinutesPerDay: 60 } }), [0, 5, 100]);
    expect(result.unplanned[0]).toMatchObject({ accountId: 'far', reason: 'max_drive' });
    expect(result.unplanned[0]?.message).toBe('Adding far to any working day between 23 and 27 Nov would exceed 60 minutes of driving.');
  });

  it('no_working_day_in_window when the rep is away for the whole window', () => {
    // Overdue: window [23, 25] Nov, the rep is away Mon–Wed.
    const req = base([acc('late', { lastVisit: '2026-11-02' })]);
    const result = run(request({ ...req, rep: { ...req.rep, unavailableDates: ['2026-11-23', '2026-11-24', '2026-11-25'] } }), [0, 5]);
    expect(result.unplanned).toEqual([
      { accountId: 'late', lat: 48, lon: -1, visitsMissing: 1, reason: 'no_working_day_in_window', message: 'The rep does not work between 23 and 25 Nov, when the visit to late is due.' },
    ]);
  });

  it('spacing when the second visit of the week finds no open day 3-4 days later', () => {
    const req = base([acc('tw', { frequency: { visits: 2, perWeeks: 1 }, lastVisit: '2026-11-20', openingHours: [{ days: ['mon', 'tue'], start: '08:00', end: '18:00' }] })]);
    const result = run(req, [0, 5]);
    expect(result.accounts[0]).toMatchObject({ visitsRequired: 2, plannedDates: ['2026-11-23'] });
    expect(result.unplanned[0]).toMatchObject({ accountId: 'tw', lat: 48, lon: -1, visitsMissing: 1, reason: 'spacing' });
    expect(result.unplanned[0]?.message).toBe('Visits to tw must be 3 to 4 days apart; after the visit on Mon 23 Nov it is not open on any working day between 26 and 27 Nov.');
  });

  it('writes the sentences in the plan\'s locale, French with Intl day names', () => {
    const req = base([acc('tw', { frequency: { visits: 2, perWeeks: 1 }, lastVisit: '2026-11-20', openingHours: [{ days: ['mon', 'tue'], start: '08:00', end: '18:00' }] })]);
    const result = run(request({ ...req, options: { locale: 'fr' } }), [0, 5]);
    expect(result.locale).toBe('fr');
    expect(result.unplanned[0]?.message).toBe(
      'Les visites chez tw doivent être espacées de 3 à 4 jours ; après la visite du lun. 23 nov., le compte n\'est ouvert aucun jour travaillé entre le 26 et le 27 nov.',
    );
  });

  it('an appointment on a day off is unplanned; one on a closed day is kept at its time', () => {
    const req = base([
      acc('sat', { appointments: [{ date: '2026-11-28', start: '10:00' }] }),
      acc('closed', { closedDates: ['2026-11-25'], appointments: [{ date: '2026-11-25', start: '10:30' }] }),
    ]);
    const result = run(req, [0, 5, 7]);
    expect(result.unplanned).toEqual([
      { accountId: 'sat', lat: 48, lon: -1, visitsMissing: 1, reason: 'appointment_outside_working_hours', message: 'The appointment with sat on Sat 28 Nov falls on a day the rep does not work.' },
    ]);
    expect(result.days[0]?.stops.find((s) => s.id === 'closed')).toMatchObject({ start: '10:30', appointment: true });
  });
});
