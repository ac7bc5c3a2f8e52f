import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanJob } from '../../src/contract/plan-job.js';
import { PlanRequest, type PlanRequestInput } from '../../src/contract/plan-request.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { createOsrm } from '../../src/matrix/osrm.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished } from '../helpers/jobs.js';
import { pairKey, startOsrmServer, type Cell, type Coordinate, type OsrmServer } from '../helpers/osrm-server.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';
import { pointsNearRennes } from '../matrix/fixtures.js';

let osrm: OsrmServer;
let service: TestService | undefined;

// Account a4 sits in a box without roads, 2.2 km from its nearest road.
const NO_ROAD = { south: 48.13, north: 48.17, west: -1.53, east: -1.47 };

beforeAll(async () => {
  osrm = await startOsrmServer({ maxTableSize: 4, noRoad: [NO_ROAD] });
});
afterAll(async () => {
  await osrm.close();
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function fail(message: string): never {
  throw new Error(message);
}

async function plan(config: ReturnType<typeof testConfig>, body: PlanRequestInput): Promise<PlanJob> {
  service = await startService(config);
  const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: body });
  expect(res.statusCode).toBe(202);
  const { id } = res.json<{ id: string }>();
  const worker = service.startWorker();
  await finished(worker, id);
  return (await service.app.inject({ method: 'GET', url: `/v1/plans/${id}` })).json<PlanJob>();
}

describe('plans on OSRM travel times', () => {
  it('plans with OSRM times in chunks, names the unreachable account, and adds geometry', async () => {
    const body = smallRequest({ options: { timeLimitSeconds: 10, seed: 1, iterations: 100, travelTimes: 'osrm', geometry: true } });
    const job = await plan(testConfig({ OSRM_URL: osrm.url, OSRM_MAX_TABLE_SIZE: '4' }), body);
    expect(job.status).toBe('completed');
    const result = job.result;
    if (!result) fail('no result');
    expect(result.summary.travelTimeSource).toBe('osrm');
    expect(osrm.requests.filter((r) => r.service === 'table').every((r) => r.sources * r.destinations <= 16)).toBe(true);

    const unplanned = result.unplanned.find((u) => u.accountId === 'a4');
    expect(unplanned?.reason).toBe('unreachable');
    // 0.02° to the box's north and south edges: 111 195 × 0.02 = 2 224 m.
    expect(unplanned?.message).toContain('the nearest road is 2.2 km from its location');
    expect(result.days.flatMap((d) => d.stops).some((s) => s.id === 'a4')).toBe(false);

    // Re-check the plan against OSRM's own table; a4's row and column are never used.
    const request = PlanRequest.parse(body);
    const points = pointsOf(request);
    const skip = points.indexOf(request.accounts[3]?.location ?? request.rep.start);
    const kept = points.filter((_, i) => i !== skip);
    const part = await createOsrm({ baseUrl: osrm.url, maxTableSize: 4 }).matrix(kept);
    const n = points.length;
    const full = { size: n, source: 'osrm' as const, durations: new Int32Array(n * n), distances: new Int32Array(n * n) };
    const at = (i: number) => (i < skip ? i : i - 1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === skip || j === skip) continue;
        full.durations[i * n + j] = part.durations[at(i) * part.size + at(j)] ?? 0;
        full.distances[i * n + j] = part.distances[at(i) * part.size + at(j)] ?? 0;
      }
    }
    checkPlanResult(request, full, result, { today: '2026-11-23' });
    for (const day of result.days) {
      expect(day.geometry?.type).toBe('LineString');
      expect(day.geometry?.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('replans the same portfolio from the matrix cache, without OSRM table calls', async () => {
    // Without a4, off the roads, so that the plans can be checked against OSRM's whole matrix.
    const body = smallRequest({ prospects: [], options: { timeLimitSeconds: 5, seed: 1, iterations: 50, travelTimes: 'osrm' } });
    body.accounts = body.accounts.filter((a) => a.id !== 'a4');
    const config = testConfig({ OSRM_URL: osrm.url, OSRM_MAX_TABLE_SIZE: '4', QUEUE_PREFIX: `cache${String(Date.now())}` });
    const first = await plan(config, body);
    expect(first.error?.detail ?? first.status).toBe('completed');
    await service?.close();
    const tablesBefore = osrm.requests.filter((r) => r.service === 'table').length;
    const again = await plan(config, { ...body, options: { ...body.options, seed: 2 } });
    expect(again.status).toBe('completed');
    expect(osrm.requests.filter((r) => r.service === 'table').length).toBe(tablesBefore);
    const request = PlanRequest.parse(body);
    const matrix = await createOsrm({ baseUrl: osrm.url, maxTableSize: 4 }).matrix(pointsOf(request));
    for (const job of [first, again]) checkPlanResult(request, matrix, job.result ?? fail('no result'), { today: '2026-11-23' });
  });

  it('fails the plan with a clear error when OSRM is down', async () => {
    const body = smallRequest({ options: { timeLimitSeconds: 5, seed: 1, iterations: 50, travelTimes: 'osrm' } });
    const job = await plan(testConfig({ OSRM_URL: 'http://127.0.0.1:1', OSRM_RETRIES: '1' }), body);
    expect(job.status).toBe('failed');
    expect(job.error?.detail).toMatch(/OSRM\) did not answer/);
  });

  it('falls back to haversine when the request allows it, and says so', async () => {
    const body = smallRequest({ options: { timeLimitSeconds: 5, seed: 1, iterations: 50, travelTimes: 'osrm', fallbackToHaversine: true } });
    const job = await plan(testConfig({ OSRM_URL: 'http://127.0.0.1:1', OSRM_RETRIES: '1' }), body);
    expect(job.status).toBe('completed');
    expect(job.result?.summary.travelTimeSource).toBe('haversine');
    expect(job.result?.summary.travelTimeFallback).toBe(true);
    const request = PlanRequest.parse(body);
    checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), job.result ?? fail('no result'), { today: '2026-11-23' });
  });
});

/** A rep at Rennes and `count` accounts around; one in twenty is due this week, the others were visited lately. */
function portfolio(count: number): PlanRequestInput {
  const accounts = pointsNearRennes(count, 11).map((location, i) => ({
    id: `acc-${String(i)}`,
    location,
    visitMinutes: 30,
    frequency: { visits: 1, perWeeks: 4 },
    priority: 1 + (i % 5),
    lastVisit: i % 20 === 0 ? '2026-11-02' : '2026-11-23',
  }));
  return smallRequest({ accounts, prospects: [], prospecting: undefined, options: { timeLimitSeconds: 5, seed: 1, iterations: 30, travelTimes: 'osrm' } });
}

/** Moves every other account of the first 2·pairs onto the road segment of the one before, as OSRM sees it: −1.2 m in 0 s. */
function onSharedSegments(body: PlanRequestInput, pairs: number): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (let k = 0; k < pairs; k++) {
    const a = body.accounts.at(2 * k);
    const b = body.accounts.at(2 * k + 1);
    if (!a || !b) fail('portfolio too small');
    b.location = { lat: a.location.lat + 0.0002, lon: a.location.lon };
    const [from, to]: Coordinate[] = [[a.location.lon, a.location.lat], [b.location.lon, b.location.lat]];
    cells.set(pairKey(from, to), { duration: 0, distance: -1.2 });
    cells.set(pairKey(to, from), { duration: 0, distance: -1.2 });
  }
  return cells;
}

describe('plans of 101 and 1,001 points on OSRM with its default table size', () => {
  it.each([
    { points: 101, negative: false },
    { points: 1001, negative: false },
    { points: 101, negative: true },
    { points: 1001, negative: true },
  ])('plans $points points (negative distances: $negative)', async ({ points, negative }) => {
    const body = portfolio(points - 1);
    const cells = negative ? onSharedSegments(body, 10) : new Map<string, Cell>();
    const server = await startOsrmServer({ recorded: { cells } });
    try {
      const job = await plan(testConfig({ OSRM_URL: server.url, QUEUE_PREFIX: `big${String(points)}${String(negative)}` }), body);
      expect(job.error?.detail ?? job.status).toBe('completed');
      const tables = server.requests.filter((r) => r.service === 'table');
      expect(tables.length).toBeGreaterThan(1);
      expect(tables.every((r) => r.coordinates >= 2 && r.sources * r.destinations <= 100 * 100)).toBe(true);
      const result = job.result ?? fail('no result');
      expect(result.summary.travelTimeSource).toBe('osrm');
      expect(result.unplanned.filter((u) => u.reason === 'unreachable')).toEqual([]);

      const request = PlanRequest.parse(body);
      const matrix = await createOsrm({ baseUrl: server.url }).matrix(pointsOf(request));
      for (let k = 0; k < (negative ? 10 : 0); k++) {
        // Home is point 0, account i is point i + 1.
        const [a, b] = [2 * k + 1, 2 * k + 2];
        expect([matrix.distances[a * matrix.size + b], matrix.distances[b * matrix.size + a], matrix.durations[a * matrix.size + b]]).toEqual([0, 0, 0]);
      }
      checkPlanResult(request, matrix, result, { today: '2026-11-23' });
    } finally {
      await server.close();
    }
  });
});
