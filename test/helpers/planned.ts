/**
 * Plans a request in this process (haversine travel times, a fixed iteration
 * budget) and re-verifies the result with the independent checker, for tests
 * that need a real result to export.
 */
import { PlanRequest, type PlanRequestInput } from '../../src/contract/plan-request.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { runPlan } from '../../src/pipeline.js';
import { checkPlanResult } from './check-result.js';
import { smallRequest } from './requests.js';

export const TODAY = '2026-11-23';

/** The small request plus an account open on Saturdays only (never plannable) whose name needs escaping everywhere. */
export function exportRequest(overrides: Partial<PlanRequestInput> = {}): PlanRequestInput {
  const base = smallRequest();
  return {
    ...base,
    // An early break, so that every tour takes one on the road.
    rep: { ...base.rep, break: { minutes: 30, earliest: '10:00', latest: '10:30' } },
    accounts: [
      ...base.accounts,
      {
        id: 'a6', name: 'Café "Le Chat", quai; <b>Saint-Malo</b> — ouvert le samedi seulement, même en décembre',
        location: { lat: 48.16, lon: -1.72 }, visitMinutes: 30, frequency: { visits: 1, perWeeks: 1 }, priority: 2, lastVisit: '2026-11-24',
        openingHours: [{ days: ['sat'], start: '09:00', end: '12:00' }],
      },
    ],
    ...overrides,
  };
}

/** Plans a request in this process on haversine travel times, and checks the plan. */
export async function planned(input: PlanRequestInput = exportRequest(), today = TODAY): Promise<{ request: PlanRequest; result: PlanResult }> {
  const request = PlanRequest.parse(input);
  const haversine = createHaversine({});
  const result = await runPlan(request, {
    travelTimes: () => haversine,
    defaultSource: 'haversine',
    fallbackToHaversine: false,
    today,
    now: () => performance.now(),
  });
  checkPlanResult(request, await haversine.matrix(pointsOf(request)), result, { today });
  return { request, result };
}
