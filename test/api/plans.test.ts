import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanJob } from '../../src/contract/plan-job.js';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { pointsOf } from '../../src/domain/compile.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { finished, searching } from '../helpers/jobs.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, type TestService } from '../helpers/service.js';

let service: TestService;
beforeEach(async () => {
  service = await startService();
});
afterEach(async () => {
  await service.close();
});

async function submit(body: unknown, headers: Record<string, string> = {}) {
  return service.app.inject({ method: 'POST', url: '/v1/plans', payload: body as object, headers });
}

async function read(id: string): Promise<PlanJob> {
  const res = await service.app.inject({ method: 'GET', url: `/v1/plans/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<PlanJob>();
}

describe('plans over a real queue', () => {
  it('queues a request, and a worker started afterwards completes it with a valid plan', async () => {
    const res = await submit(smallRequest());
    expect(res.statusCode).toBe(202);
    const { id, status } = res.json<{ id: string; status: string }>();
    expect(status).toBe('queued');
    expect(res.headers.location).toBe(`/v1/plans/${id}`);
    expect((await read(id)).status).toBe('queued');

    const worker = service.startWorker();
    expect(await finished(worker, id)).toBe('completed');
    const job = await read(id);
    expect(job.status).toBe('completed');
    expect(job.result).toBeDefined();
    if (!job.result) return;
    const request = PlanRequest.parse(smallRequest());
    const matrix = await createHaversine({}).matrix(pointsOf(request));
    checkPlanResult(request, matrix, job.result, { today: '2026-11-23' });
    expect(job.result.summary.travelTimeSource).toBe('haversine');
    expect(job.result.summary.visitsPlanned).toBeGreaterThan(0);
  });

  it('returns the same plan for the same Idempotency-Key and refuses another body with it', async () => {
    const first = await submit(smallRequest(), { 'idempotency-key': 'week-48-rep-1' });
    const second = await submit(smallRequest(), { 'idempotency-key': 'week-48-rep-1' });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);

    const other = await submit(smallRequest({ horizon: { start: '2026-12-07', days: 7 } }), { 'idempotency-key': 'week-48-rep-1' });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);

    const fresh = await submit(smallRequest());
    expect(fresh.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
  });

  it('cancels a queued plan; its Idempotency-Key keeps answering with the cancelled plan', async () => {
    const { id } = (await submit(smallRequest(), { 'idempotency-key': 'to-cancel' })).json<{ id: string }>();
    const res = await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<PlanJob>().status).toBe('cancelled');
    expect((await read(id)).status).toBe('cancelled');
    const again = await submit(smallRequest(), { 'idempotency-key': 'to-cancel' });
    expect(again.json<{ id: string; status: string }>()).toEqual({ id, status: 'cancelled' });
  });

  it('stops a running plan when cancelled', async () => {
    const slow = smallRequest({ options: { timeLimitSeconds: 120, seed: 1 } });
    const { id } = (await submit(slow)).json<{ id: string }>();
    const worker = service.startWorker();
    const outcome = finished(worker, id);
    await searching(worker, id);
    const res = await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    expect(res.statusCode).toBe(202);
    expect(res.json<PlanJob>()).toMatchObject({ status: 'active', cancelRequested: true });
    expect(await outcome).toBe('failed');
    const job = await read(id);
    expect(job.status).toBe('cancelled');
    const again = await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    expect(again.json<PlanJob>().status).toBe('cancelled');
  });

  it('refuses to cancel a finished plan', async () => {
    const worker = service.startWorker();
    const { id } = (await submit(smallRequest())).json<{ id: string }>();
    await finished(worker, id);
    const res = await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    expect(res.statusCode).toBe(409);
  });
});
