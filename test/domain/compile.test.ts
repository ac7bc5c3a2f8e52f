import { describe, expect, it } from 'vitest';
import { MISSED_VISIT_COST, STABILITY_COST, compile, pointsOf } from '../../src/domain/compile.js';
import { MONDAY, TODAY, matrixFor, request } from './fixtures.js';

const H = 3600;
const account = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  location: { lat: 48.1 + id.length / 100, lon: -1.6 },
  visitMinutes: 60,
  frequency: { visits: 1, perWeeks: 1 },
  lastVisit: '2026-11-18',
  ...extra,
});
const prospect = (id: string, potential: number, extra: Record<string, unknown> = {}) => ({
  id,
  location: { lat: 48.2, lon: -1.5 },
  visitMinutes: 30,
  potential,
  ...extra,
});

describe('pointsOf', () => {
  it('lists rep start, rep end when given, accounts then prospects', () => {
    const req = request({ accounts: [account('a'), account('bb')], prospects: [prospect('p', 1)] });
    expect(pointsOf(req)).toEqual([req.rep.start, req.accounts[0].location, req.accounts[1].location, req.prospects[0].location]);
    const withEnd = request({ ...req, rep: { ...req.rep, end: { lat: 47, lon: -1 } } });
    expect(pointsOf(withEnd)[1]).toEqual({ lat: 47, lon: -1 });
    const c = compile(withEnd, matrixFor(withEnd), { today: TODAY });
    expect(c.locations).toEqual({ start: 0, end: 1, accounts: 2, prospects: 4 });
    expect(c.problem.shifts[0]).toMatchObject({ startLocation: 0, endLocation: 1 });
    expect(c.problem.clients[0].location).toBe(2);
  });
});

describe('compile', () => {
  it('builds one shift per working day from the working hours and limits', () => {
    const req = request({
      accounts: [account('a')],
      horizon: { days: 7 },
      rep: {
        id: 'r',
        start: { lat: 48, lon: -1 },
        workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }, { days: ['sat'], start: '08:00', end: '12:00' }],
        break: { minutes: 45, earliest: '12:00', latest: '13:30' },
        maxVisitsPerDay: 6,
        maxDriveMinutesPerDay: 240,
        unavailableDates: ['2026-11-26'],
      },
    });
    const c = compile(req, matrixFor(req), { today: TODAY }); // horizon from next Monday, 23 Nov
    expect(c.days.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27', '2026-11-28']);
    expect(c.problem.shifts[0]).toEqual({
      day: 0, vehicle: 0, startLocation: 0, endLocation: 0, earliestStart: 8 * H, latestEnd: 18 * H, maxDuration: 10 * H,
      capacity: expect.any(Number) as number, maxVisits: 6, maxTravel: 240 * 60,
      breakDuration: 45 * 60, breakEarliest: 12 * H, breakLatest: 13.5 * H,
    });
    // Saturday ends at 12:00: no break.
    expect(c.problem.shifts[4]).toMatchObject({ day: 4, latestEnd: 12 * H, breakDuration: 0 });
  });

  it('rounds travel durations up to whole minutes and keeps metres', () => {
    const req = request({ accounts: [account('a')] });
    const m = matrixFor(req);
    m.durations.set([0, 61, 60, 0]);
    m.distances.set([0, 1234, 1234, 0]);
    const c = compile(req, m, { today: TODAY });
    expect([...c.problem.durations]).toEqual([0, 120, 60, 0]);
    expect([...c.problem.distances]).toEqual([0, 1234, 1234, 0]);
  });

  it('turns opening hours into start windows per day', () => {
    const req = request({
      accounts: [
        account('a', {
          openingHours: [
            { days: ['mon', 'tue'], start: '09:00', end: '12:00' },
            { days: ['mon'], start: '14:00', end: '18:30' },
            { days: ['wed'], start: '10:00', end: '10:30' }, // shorter than the visit
          ],
          closedDates: ['2026-11-24'],
        }),
        account('bb'),
      ],
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    const w = c.problem.clients[0].windows.map((x) => [...x]);
    expect(w[0]).toEqual([9 * H, 11 * H, 14 * H, 17 * H]); // Mon: close − visit, clipped to 18:00 − visit
    expect(w[1]).toEqual([]); // Tue: closed date
    expect(w[2]).toEqual([]); // Wed: too short
    expect(w[3]).toEqual([]); // Thu: no opening hours
    expect([...c.problem.clients[1].windows[3]]).toEqual([8 * H, 17 * H]); // default: the working hours
  });

  it('pins an appointment, even on a day the account is closed', () => {
    const req = request({
      accounts: [account('a', { closedDates: ['2026-11-25'], appointments: [{ date: '2026-11-25', start: '10:30' }] })],
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    const client = c.problem.clients[0];
    expect([...client.windows[2]]).toEqual([10.5 * H, 10.5 * H]);
    expect(client.patterns.every((p) => p.days.includes(2))).toBe(true);
    expect(c.accounts[0]).toMatchObject({ visits: 1, appointments: { lost: [] }, pinned: [{ day: 2, start: 10.5 * H }] });
  });

  it('an appointment on a day the rep does not work is a missed visit', () => {
    const req = request({
      accounts: [account('a', { appointments: [{ date: '2026-11-28', start: '10:00' }] })], // Saturday
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    expect(c.accounts[0]).toMatchObject({ visits: 1, appointments: { lost: ['2026-11-28'] }, client: -1 });
    expect(c.problem.clients).toHaveLength(0);
  });

  it('an appointment outside the working hours is a missed visit that leaves the other visits plannable', () => {
    const req = request({
      accounts: [account('a', { frequency: { visits: 2, perWeeks: 1 }, lastVisit: '2026-11-20', appointments: [{ date: '2026-11-25', start: '06:00' }] })],
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    expect(c.accounts[0]).toMatchObject({ visits: 2, appointments: { lost: [], outsideHours: ['2026-11-25'] }, pinned: [], client: 0 });
    expect(c.problem.clients[0]?.patterns.length).toBeGreaterThan(0);
  });

  it('leaves out accounts with nothing due and accounts never open on a working day', () => {
    const req = request({
      accounts: [
        account('monthly', { frequency: { visits: 1, perWeeks: 4 }, lastVisit: undefined }),
        account('weekend', { openingHours: [{ days: ['sat', 'sun'], start: '09:00', end: '18:00' }] }),
        account('due'),
      ],
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    expect(c.accounts.map((a) => [a.visits, a.client])).toEqual([[0, -1], [1, -1], [1, 0]]);
    expect(c.clients).toEqual([{ kind: 'account', index: 2, id: 'due' }]);
  });

  it('weights missed visits by priority and overdue days, far above any week of driving', () => {
    const req = request({
      accounts: [account('low', { priority: 1 }), account('top', { priority: 5, lastVisit: '2026-11-02' })],
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    const [low, top] = c.problem.clients;
    expect(low.missPenalty).toBe(MISSED_VISIT_COST);
    expect(top.missPenalty).toBe(5.5 * MISSED_VISIT_COST); // 14 days overdue: + ½ priority (capped)
    // A week holds at most 7 × 24 h of driving; one missed priority-1 visit costs more.
    const weekOfDriving = 7 * 24 * H;
    expect(low.missPenalty).toBeGreaterThan(weekOfDriving);
    expect(Math.min(...c.problem.shifts.map((s) => s.maxDuration)) * c.problem.shifts.length).toBeLessThan(low.missPenalty);
  });

  it('makes prospects optional clients with prizes and weekly caps', () => {
    const req = request({
      accounts: [account('a')],
      horizon: { start: MONDAY, days: 14 },
      prospects: [prospect('p1', 1000), prospect('p2', 250, { openingHours: [{ days: ['tue'], start: '09:00', end: '12:00' }] })],
      prospecting: { visitsPerWeek: 2 },
      options: { weights: { missedVisit: 1, prospectMinutes: 30, distancePerKm: 0.5 } },
    });
    const c = compile(req, matrixFor(req), { today: TODAY });
    const [p1, p2] = c.problem.clients.slice(1);
    expect([p1.optional, p1.prize, p1.missPenalty, p1.patterns.length]).toEqual([true, 30 * 60, 0, 10]);
    expect([p2.prize, p2.patterns.map((p) => p.days)]).toEqual([450, [[1], [6]]]);
    expect([...c.problem.optionalCaps.dayGroup]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(c.problem.optionalCaps.caps).toEqual([2, 2]);
    expect(c.problem.distanceWeight).toBeCloseTo(0.03, 12); // 0.5 min per km = 0.03 s per metre
    const none = compile(request({ ...req, prospecting: { visitsPerWeek: 0 } }), matrixFor(req), { today: TODAY });
    expect(none.clients.map((x) => x.kind)).toEqual(['account']);
  });

  it('adds a small penalty for moving a visit off its date in the previous plan', () => {
    const base = { accounts: [account('a')] };
    const req = request({ ...base, options: { previousPlan: [{ accountId: 'a', date: '2026-11-26' }] } });
    const c = compile(req, matrixFor(req), { today: TODAY });
    const patterns = c.problem.clients[0].patterns;
    for (const p of patterns) expect(p.penalty).toBe(p.days.includes(3) ? 0 : STABILITY_COST);
    expect(c.problem.clients[0].missPenalty).toBe(3 * MISSED_VISIT_COST + STABILITY_COST);
  });
});
