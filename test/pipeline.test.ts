import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { PlanProgress } from '../src/contract/plan-job.js';
import { PlanRequest } from '../src/contract/plan-request.js';
import { pointsOf } from '../src/domain/compile.js';
import { createHaversine } from '../src/matrix/haversine.js';
import { createOsrm } from '../src/matrix/osrm.js';
import { startOsrmServer } from './helpers/osrm-server.js';
import { PlanCancelledError, runPlan, type PipelineDeps } from '../src/pipeline.js';
import type { TravelTimes } from '../src/matrix/travel-times.js';
import { checkPlanResult } from './helpers/check-result.js';

const TODAY = '2026-11-23';
const haversine = createHaversine({});

async function example(name: string): Promise<PlanRequest> {
  return PlanRequest.parse(JSON.parse(await readFile(new URL(`../examples/${name}`, import.meta.url), 'utf8')));
}

function deps(overrides: Partial<PipelineDeps> = {}): PipelineDeps {
  return {
    travelTimes: () => haversine,
    defaultSource: 'haversine',
    fallbackToHaversine: false,
    today: TODAY,
    now: () => performance.now(),
    ...overrides,
  };
}

describe('runPlan', () => {
  it('plans the example week validly and plans every A account', async () => {
    const request = await example('week.json');
    const budget = { ...request, options: { ...request.options, iterations: 300, timeLimitSeconds: 120 } };
    const result = await runPlan(budget, deps());
    checkPlanResult(budget, await haversine.matrix(pointsOf(budget)), result, { today: TODAY });
    const planned = new Map(result.accounts.map((a) => [a.id, a]));
    const aAccounts = budget.accounts.filter((a) => a.priority === 5);
    expect(aAccounts.length).toBeGreaterThan(0);
    for (const account of aAccounts) {
      const summary = planned.get(account.id);
      expect(summary?.plannedDates.length, account.id).toBe(summary?.visitsRequired);
    }
    expect(result.summary.prospectVisits).toBeLessThanOrEqual(budget.prospecting?.visitsPerWeek ?? 0);
  });

  it('reports progress in the result\'s units: the last one is the result\'s objective, at 100 %', async () => {
    const request = await example('small.json');
    const budget = { ...request, options: { ...request.options, iterations: 60, timeLimitSeconds: 120 } };
    const seen: PlanProgress[] = [];
    const result = await runPlan(budget, deps({ onProgress: (p) => seen.push(p) }));
    checkPlanResult(budget, await haversine.matrix(pointsOf(budget)), result, { today: TODAY });
    const last = seen.at(-1);
    expect(last).toMatchObject({ iteration: 60, percent: 100, etaSeconds: 0, bestObjective: result.summary.objective.total });
  });

  it('tells what changed against the previous plan: a visit moved off a day the rep now takes off', async () => {
    const request = await example('small.json');
    const first = await runPlan(request, deps());
    const previousPlan = first.accounts.flatMap((a) => a.plannedDates.map((date) => ({ accountId: a.id, date })));
    const monthly = first.accounts.find((a) => a.id === 'acc-005');
    const dayOff = monthly?.plannedDates[0];
    if (dayOff === undefined) throw new Error('the first plan visits acc-005');
    const replan = { ...request, rep: { ...request.rep, unavailableDates: [dayOff] }, options: { ...request.options, previousPlan } };
    const result = await runPlan(replan, deps());
    checkPlanResult(replan, await haversine.matrix(pointsOf(replan)), result, { today: TODAY });
    expect(first.changes).toBeUndefined();
    const moved = result.changes?.find((c) => c.accountId === 'acc-005');
    expect(moved).toMatchObject({ kind: 'moved', from: dayOff, reason: 'rep_unavailable' });
    expect(moved?.to).toBe(result.accounts.find((a) => a.id === 'acc-005')?.plannedDates[0]);
    // Every change names a date the visit left or reached, and nothing the plan kept.
    for (const c of result.changes ?? []) {
      const now = result.accounts.find((a) => a.id === c.accountId)?.plannedDates ?? [];
      if (c.from !== undefined) expect(now).not.toContain(c.from);
      if (c.to !== undefined) expect(now).toContain(c.to);
    }
  });

  it('reports an appointment outside working hours and still plans the account\'s other visits', async () => {
    const request = await example('small.json');
    const twice = request.accounts.find((a) => a.frequency.visits === 2);
    if (!twice) throw new Error('small.json has a twice-weekly account');
    const early = { ...twice, appointments: [{ date: '2026-12-02', start: '06:00' }] };
    const changed = { ...request, accounts: request.accounts.map((a) => (a.id === twice.id ? early : a)) };
    const result = await runPlan(changed, deps());
    checkPlanResult(changed, await haversine.matrix(pointsOf(changed)), result, { today: TODAY });
    const missing = result.unplanned.find((u) => u.accountId === twice.id);
    expect(missing?.reason).toBe('appointment_outside_working_hours');
    expect(result.accounts.find((a) => a.id === twice.id)?.plannedDates.length).toBeGreaterThan(0);
  });

  it('plans on the matrix the request carries, and no provider is asked', async () => {
    const request = await example('small.json');
    const n = pointsOf(request).length;
    // Every leg takes 7 minutes and 5 km, whatever the coordinates say.
    const cells = (v: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : v)));
    const own = PlanRequest.parse({ ...request, matrix: { durations: cells(420), distances: cells(5000) } });
    const result = await runPlan(own, deps({ travelTimes: () => { throw new Error('no provider may be asked'); } }));
    expect(result.summary.travelTimeSource).toBe('request');
    const legs = result.days.flatMap((d) => d.stops.filter((s) => s.kind !== 'break'));
    expect(legs.length).toBeGreaterThan(0);
    for (const stop of legs) expect([stop.travelMinutes, stop.travelKm]).toEqual([7, 5]);
    const matrix = { size: n, durations: Int32Array.from(cells(420).flat()), distances: Int32Array.from(cells(5000).flat()), source: 'request' as const };
    checkPlanResult(own, matrix, result, { today: TODAY });
  });

  it('gives the same plan for the same seed and iteration budget', async () => {
    const request = await example('small.json');
    const budget = { ...request, options: { ...request.options, iterations: 150, timeLimitSeconds: 120 } };
    const first = await runPlan(budget, deps({ sliceMs: 1 }));
    const second = await runPlan(budget, deps({ sliceMs: 1000 }));
    expect(second).toEqual(first);
  });

  it('stops with PlanCancelledError when its signal aborts', async () => {
    const request = await example('week.json');
    const controller = new AbortController();
    const long = { ...request, options: { ...request.options, iterations: undefined, timeLimitSeconds: 600 } };
    const run = runPlan(long, deps({ signal: controller.signal, onProgress: () => { controller.abort(); } }));
    await expect(run).rejects.toBeInstanceOf(PlanCancelledError);
  });

  it('adds a warning, not a failure, when the road geometry of a day cannot be had', async () => {
    const server = await startOsrmServer();
    try {
      const request = await example('small.json');
      const osrm = createOsrm({ baseUrl: server.url });
      const withGeometry = { ...request, options: { ...request.options, geometry: true, travelTimes: 'osrm' as const } };
      const result = await runPlan(withGeometry, deps({ travelTimes: () => osrm, geometry: () => Promise.reject(new Error('no route')) }));
      expect(result.days.length).toBeGreaterThan(0);
      expect(result.days.every((d) => d.geometry === undefined)).toBe(true);
      expect(result.warnings).toHaveLength(result.days.length);
      expect(result.warnings?.[0]).toMatch(/No road geometry for \d{4}-\d\d-\d\d: no route/);
      checkPlanResult(withGeometry, await osrm.matrix(pointsOf(withGeometry)), result, { today: TODAY });
    } finally {
      await server.close();
    }
  });

  it('falls back to haversine when OSRM fails and fallback is allowed, and says so', async () => {
    const request = await example('small.json');
    const failing: TravelTimes = { source: 'osrm', matrix: () => Promise.reject(new Error('OSRM is down')) };
    const sources = (source: 'osrm' | 'haversine') => (source === 'osrm' ? failing : haversine);
    await expect(runPlan(request, deps({ travelTimes: sources, defaultSource: 'osrm' }))).rejects.toThrow('OSRM is down');
    const result = await runPlan(request, deps({ travelTimes: sources, defaultSource: 'osrm', fallbackToHaversine: true }));
    expect(result.summary.travelTimeSource).toBe('haversine');
    expect(result.summary.travelTimeFallback).toBe(true);
  });
});
