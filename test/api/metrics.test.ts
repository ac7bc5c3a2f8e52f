/**
 * GET /metrics, parsed strictly, before and after plans run on the OSRM test
 * double: queue depth, HTTP latency, job durations by outcome, solver
 * iterations, OSRM requests and errors, and cache hits and misses all move by
 * what the plans did. The workers' counts come from the solver's child
 * processes through Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createOsrm } from '../../src/matrix/osrm.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished } from '../helpers/jobs.js';
import { startOsrmServer, type OsrmServer } from '../helpers/osrm-server.js';
import { parsePrometheus, sampleValue, type Family } from '../helpers/prometheus.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let osrm: OsrmServer;
let service: TestService | undefined;
beforeAll(async () => {
  osrm = await startOsrmServer();
});
afterAll(async () => {
  await osrm.close();
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function scrape(s: TestService): Promise<Map<string, Family>> {
  const res = await s.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheus(res.payload);
}

describe('GET /metrics', () => {
  it('counts what plans do: queue depth, HTTP, job durations, iterations, OSRM requests and errors, cache hits', async () => {
    service = await startService(testConfig({ OSRM_URL: osrm.url }));
    const s = service;
    const body = smallRequest({ options: { timeLimitSeconds: 30, seed: 1, iterations: 50, travelTimes: 'osrm' } });
    const cells = pointsOf(PlanRequest.parse(body)).length ** 2;

    const before = await scrape(s);
    expect(sampleValue(before, 'tournee_solver_iterations_total')).toBe(0);
    expect(sampleValue(before, 'tournee_matrix_cache_hits_total')).toBe(0);
    for (const name of ['tournee_job_duration_seconds', 'tournee_osrm_request_duration_seconds', 'tournee_osrm_request_errors_total', 'tournee_http_request_duration_seconds']) {
      expect(before.has(name), name).toBe(true);
    }

    const submit = async () => (await s.app.inject({ method: 'POST', url: '/v1/plans', payload: body })).json<{ id: string }>().id;
    const first = await submit();
    const queued = await scrape(s);
    expect(sampleValue(queued, 'tournee_queue_jobs', { queue: 'plans', state: 'waiting' })).toBe(1);
    expect(sampleValue(queued, 'tournee_http_request_duration_seconds_count', { method: 'POST', route: '/v1/plans', status_code: '202' })).toBe(1);

    // The first table request fails once with a 500, and is retried.
    osrm.setFault({ kind: 'status', status: 500 });
    const worker = s.startWorker();
    expect(await finished(worker, first)).toBe('completed');
    const once = await scrape(s);
    expect(sampleValue(once, 'tournee_queue_jobs', { queue: 'plans', state: 'waiting' })).toBe(0);
    expect(sampleValue(once, 'tournee_job_duration_seconds_count', { outcome: 'completed' })).toBe(1);
    expect(sampleValue(once, 'tournee_solver_iterations_total')).toBe(50);
    expect(sampleValue(once, 'tournee_osrm_request_errors_total', { service: 'table', kind: 'failed' })).toBe(1);
    expect(sampleValue(once, 'tournee_osrm_request_duration_seconds_count', { service: 'table', outcome: 'failed' })).toBe(1);
    expect(sampleValue(once, 'tournee_osrm_request_duration_seconds_count', { service: 'table', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(once, 'tournee_matrix_cache_misses_total')).toBe(cells);
    expect(sampleValue(once, 'tournee_matrix_cache_hits_total')).toBe(0);

    // The same portfolio again: every cell from the cache, no OSRM request.
    const tables = osrm.requests.length;
    const second = await submit();
    expect(await finished(worker, second)).toBe('completed');
    const twice = await scrape(s);
    expect(osrm.requests.length).toBe(tables);
    expect(sampleValue(twice, 'tournee_matrix_cache_hits_total')).toBe(cells);
    expect(sampleValue(twice, 'tournee_matrix_cache_misses_total')).toBe(cells);
    expect(sampleValue(twice, 'tournee_solver_iterations_total')).toBe(100);
    expect(sampleValue(twice, 'tournee_job_duration_seconds_count', { outcome: 'completed' })).toBe(2);
    // A scrape is counted once it is answered: the three before this one.
    expect(sampleValue(twice, 'tournee_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status_code: '200' })).toBe(3);

    const request = PlanRequest.parse(body);
    const matrix = await createOsrm({ baseUrl: osrm.url }).matrix(pointsOf(request));
    for (const id of [first, second]) {
      const result = (await s.plans.read(id))?.result;
      if (!result) throw new Error(`no result for ${id}`);
      checkPlanResult(request, matrix, result, { today: '2026-11-23' });
    }
  });

  it('labels unknown URLs by one route, not by the URL', async () => {
    service = await startService();
    await service.app.inject({ method: 'GET', url: '/no/such/thing-1' });
    await service.app.inject({ method: 'GET', url: '/no/such/thing-2' });
    const metrics = await scrape(service);
    expect(sampleValue(metrics, 'tournee_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(2);
  });
});
