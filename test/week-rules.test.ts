/**
 * A rep's real week, rule by rule: small hand-checked requests through the
 * whole pipeline, each result re-verified by the independent plan checker.
 */
import { describe, expect, it } from 'vitest';
import { PlanRequest, type PlanRequestInput } from '../src/contract/plan-request.js';
import type { PlanResult } from '../src/contract/plan-result.js';
import { pointsOf } from '../src/domain/compile.js';
import { createHaversine } from '../src/matrix/haversine.js';
import { runPlan } from '../src/pipeline.js';
import { checkPlanResult } from './helpers/check-result.js';

const TODAY = '2026-11-20';
const MONDAY = '2026-11-23';
const haversine = createHaversine({});
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
  const request = PlanRequest.parse({
    rep: { id: 'rep', start: HOME, workingHours: [{ days: [...WEEKDAYS], start: '08:00', end: '18:00' }], break: { minutes: 45, earliest: '12:00', latest: '13:30' } },
    horizon: { start: MONDAY, days: 5 },
    options: { iterations: 300, timeLimitSeconds: 60, seed: 1 },
    ...input,
  });
  const result = await runPlan(request, {
    travelTimes: () => haversine,
    defaultSource: 'haversine',
    fallbackToHaversine: false,
    today: TODAY,
    now: () => performance.now(),
  });
  checkPlanResult(request, await haversine.matrix(pointsOf(request)), result, { today: TODAY });
  return { request, result };
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
