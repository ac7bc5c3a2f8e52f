/**
 * A rep's real week, rule by rule: small hand-checked requests through the
 * whole pipeline, each result re-verified by the independent plan checker.
 */
import { describe, expect, it } from 'vitest';
import type { PlanRequest, PlanRequestInput } from '../src/contract/plan-request.js';
import type { PlanResult } from '../src/contract/plan-result.js';
import { planned } from './helpers/planned.js';

const TODAY = '2026-11-20';
const MONDAY = '2026-11-23';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const HOME = { lat: 48.11, lon: -1.68 };

type AccountInput = PlanRequestInput['accounts'][number];

/** An account about `km` east of home, weekly, last visited the Monday before. */
export function nearby(id: string, km: number, extra: Partial<AccountInput> = {}): AccountInput {
  return {
    id,
    location: { lat: HOME.lat + (km % 3) / 200, lon: HOME.lon + km / 75 },
    visitMinutes: 30,
    frequency: { visits: 1, perWeeks: 1 },
    priority: 3,
    lastVisit: '2026-11-16',
    ...extra,
  };
}

export async function plan(input: Omit<PlanRequestInput, 'rep' | 'horizon'> & Partial<PlanRequestInput>): Promise<{ request: PlanRequest; result: PlanResult }> {
  return planned({
    rep: { id: 'rep', start: HOME, workingHours: [{ days: [...WEEKDAYS], start: '08:00', end: '18:00' }], break: { minutes: 45, earliest: '12:00', latest: '13:30' } },
    horizon: { start: MONDAY, days: 5 },
    options: { iterations: 300, timeLimitSeconds: 60, seed: 1 },
    ...input,
  }, TODAY);
}

describe('working days', () => {
  it('plans every visit for a rep without a lunch break', async () => {
    const opening = [{ days: [...WEEKDAYS], start: '09:00', end: '17:00' }];
    const accounts = Array.from({ length: 14 }, (_, i) => nearby(`a${String(i)}`, 2 + i, { openingHours: opening }));
    const { result } = await plan({
      rep: { id: 'rep', start: HOME, workingHours: [{ days: [...WEEKDAYS], start: '08:30', end: '17:30' }] },
      accounts,
    });
    // 14 half-hour visits within 20 km fit a week many times over.
    expect(result.summary.visitsRequired).toBe(14);
    expect(result.summary.visitsPlanned).toBe(14);
    expect(result.days.flatMap((d) => d.stops).some((s) => s.kind === 'break')).toBe(false);
  });

  it('plans every visit when the working hours cannot hold the break', async () => {
    const accounts = [nearby('a', 3), nearby('b', 5), nearby('c', 8)];
    const { result } = await plan({
      rep: {
        id: 'rep', start: HOME,
        workingHours: [{ days: [...WEEKDAYS], start: '08:00', end: '11:30' }],
        break: { minutes: 120, earliest: '12:00', latest: '14:00' },
      },
      accounts,
    });
    expect(result.summary.visitsPlanned).toBe(3);
  });
});

describe('the lunch break', () => {
  it('is not on the road when the tour is home before its latest start', async () => {
    // One visit 3 km away on Monday morning: back long before 13:30, so no break is listed.
    const { result } = await plan({ accounts: [nearby('a', 3, { openingHours: [{ days: ['mon'], start: '08:00', end: '11:00' }] })] });
    expect(result.days).toHaveLength(1);
    expect(result.days[0].return < '13:30').toBe(true);
    expect(result.days[0].stops.map((s) => s.kind)).toEqual(['account']);
  });
});

describe('appointments', () => {
  const tuesday = '2026-11-24';

  it('keeps the more important of two that collide and names it for the other', async () => {
    const { result } = await plan({
      accounts: [
        nearby('x', 4, { priority: 5, visitMinutes: 60, appointments: [{ date: tuesday, start: '10:00' }] }),
        nearby('y', 6, { priority: 3, frequency: { visits: 2, perWeeks: 1 }, lastVisit: '2026-11-20', appointments: [{ date: tuesday, start: '10:30' }] }),
      ],
    });
    const stops = result.days.find((d) => d.date === tuesday)?.stops ?? [];
    expect(stops.find((s) => s.id === 'x')).toMatchObject({ start: '10:00', appointment: true });
    // y's other visit of the week is planned, but not at another time of the appointment's day.
    expect(stops.some((s) => s.id === 'y')).toBe(false);
    expect(result.accounts.find((a) => a.id === 'y')?.plannedDates).toHaveLength(1);
    expect(result.unplanned).toEqual([expect.objectContaining({ accountId: 'y', reason: 'appointment_conflict', conflictsWith: 'x', visitsMissing: 1 })]);
    expect(result.unplanned[0]?.message).toContain('10:30');
  });

  it('of equal priority at the same time: the shorter visit is kept', async () => {
    const { result } = await plan({
      accounts: [
        nearby('long', 4, { visitMinutes: 60, appointments: [{ date: tuesday, start: '14:30' }] }),
        nearby('short', 6, { visitMinutes: 20, appointments: [{ date: tuesday, start: '14:30' }] }),
      ],
    });
    expect(result.days.find((d) => d.date === tuesday)?.stops.find((s) => s.id === 'short')).toMatchObject({ start: '14:30', appointment: true });
    expect(result.unplanned).toEqual([expect.objectContaining({ accountId: 'long', reason: 'appointment_conflict', conflictsWith: 'short' })]);
  });

  it('out of reach at its time is too far, with the drive it takes', async () => {
    // About 90 km east: well over an hour from home, too far for 08:10 on a day that starts at 08:00.
    const { result } = await plan({ accounts: [nearby('far', 90, { appointments: [{ date: tuesday, start: '08:10' }] })] });
    expect(result.unplanned).toEqual([expect.objectContaining({ accountId: 'far', reason: 'too_far' })]);
    expect(result.unplanned[0]?.message).toMatch(/cannot be reached in time: the drive from the rep's start takes \d+ minutes, and the working day begins at 08:00/);
  });

  it('are kept when they leave no room for the break, which the plan reports', async () => {
    // 11:30-12:30 and 12:40-14:00 a few km apart: no 45 minutes starting in [12:00, 13:30].
    const { result } = await plan({
      accounts: [
        nearby('a', 4, { visitMinutes: 60, appointments: [{ date: tuesday, start: '11:30' }] }),
        nearby('b', 7, { visitMinutes: 80, appointments: [{ date: tuesday, start: '12:40' }] }),
      ],
    });
    const day = result.days.find((d) => d.date === tuesday);
    expect(day?.stops.map((s) => [s.id, s.start])).toEqual([['a', '11:30'], ['b', '12:40']]);
    expect(result.unplanned).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('No room for the lunch break on Tue 24 Nov')]);
  });

  it('outweigh any number of ordinary visits', async () => {
    // A single working morning, Wednesday 08:00-12:00. The low-priority appointment 09:30-11:30 leaves
    // room for one of the three priority-5 visits only; without it, all three would fit.
    const { result } = await plan({
      rep: { id: 'rep', start: HOME, workingHours: [{ days: ['wed'], start: '08:00', end: '12:00' }] },
      accounts: [
        nearby('z', 5, { priority: 1, visitMinutes: 120, appointments: [{ date: '2026-11-25', start: '09:30' }] }),
        nearby('r1', 3, { priority: 5, visitMinutes: 60 }),
        nearby('r2', 4, { priority: 5, visitMinutes: 60 }),
        nearby('r3', 6, { priority: 5, visitMinutes: 60 }),
      ],
    });
    expect(result.days[0]?.stops.find((s) => s.id === 'z')).toMatchObject({ start: '09:30', appointment: true });
    expect(result.summary.visitsPlanned).toBe(2);
  });
});

describe('missed visits', () => {
  it('a first visit that cannot happen leaves the later ones due', async () => {
    // Weekly, last visit Sat 14 Nov: due 21, 28 Nov, 5 and 12 Dec (±2 days). The first window holds
    // only Monday 23 Nov, when the account is closed; the other three are planned around their dates.
    const { result } = await plan({
      horizon: { start: MONDAY, days: 20 },
      accounts: [nearby('a', 5, { priority: 5, lastVisit: '2026-11-14', openingHours: [{ days: ['tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }] })],
    });
    expect(result.accounts[0]).toMatchObject({ visitsRequired: 4 });
    expect(result.accounts[0]?.plannedDates).toHaveLength(3);
    expect(result.unplanned).toEqual([expect.objectContaining({ accountId: 'a', visitsMissing: 1, reason: 'outside_opening_hours' })]);
    expect(result.unplanned[0]?.message).toContain('on 23 Nov');
  });

  it('an account too far for a working day is said to be too far', async () => {
    // About 300 km east: 6 hours each way at 50 km/h, more than a 10-hour day with the visit.
    const { result } = await plan({ accounts: [nearby('far', 300 * 0.75)] });
    expect(result.unplanned).toEqual([expect.objectContaining({ accountId: 'far', reason: 'too_far' })]);
  });
});
