/**
 * Team batches through the API, with a worker running the compiled processor:
 * one plan per rep, each readable as usual, per-rep status, one callback,
 * cancellation, tenancy and refusals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BatchJob, BatchRequest, SubmittedBatch, repPlan } from '../../src/contract/batch.js';
import { PlanJob } from '../../src/contract/plan-job.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { createOsrm } from '../../src/matrix/osrm.js';
import { signature } from '../../src/queue/callbacks.js';
import { smallBatch, smallRep } from '../helpers/batches.js';
import { startReceiver, type Receiver } from '../helpers/callback-receiver.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { batchEnded, searching } from '../helpers/jobs.js';
import { startOsrmServer } from '../helpers/osrm-server.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let service: TestService | undefined;
let hook: Receiver | undefined;
afterEach(async () => {
  await service?.close();
  await hook?.close();
  service = undefined;
  hook = undefined;
});

const SECRET = 'batch-callback-secret-0123';

function fail(): never {
  throw new Error('missing');
}
const KEYS = { API_KEYS: 'north:north-key-0123456789,south:south-key-0123456789' };
const north = { 'x-api-key': 'north-key-0123456789' };
const south = { 'x-api-key': 'south-key-0123456789' };

async function submit(s: TestService, body: unknown) {
  const res = await s.app.inject({ method: 'POST', url: '/v1/batches', payload: body as object, headers: north });
  expect(res.statusCode, res.payload).toBe(202);
  const batch = SubmittedBatch.parse(res.json());
  expect(res.headers.location).toBe(`/v1/batches/${batch.id}`);
  return batch;
}

async function read(s: TestService, id: string, headers = north) {
  const res = await s.app.inject({ method: 'GET', url: `/v1/batches/${id}`, headers });
  return { status: res.statusCode, batch: res.statusCode === 200 ? BatchJob.parse(res.json()) : null };
}

describe('team batches', () => {
  it('plans every rep, each plan readable as usual, and calls back once when all have ended', async () => {
    hook = await startReceiver();
    service = await startService(testConfig({ ...KEYS, CALLBACK_ALLOW_PRIVATE: 'true', CALLBACK_SECRET: SECRET }));
    const body = smallBatch(4, { callbackUrl: hook.url });
    const submitted = await submit(service, body);
    expect(submitted.plans.map((p) => p.repId)).toEqual(['rep-0', 'rep-1', 'rep-2', 'rep-3']);
    expect((await read(service, submitted.id)).batch).toMatchObject({ status: 'queued', percent: 0, counts: { queued: 4 } });

    const worker = service.startWorker();
    const ended = batchEnded(worker, submitted.id);
    const delivery = await hook.next();
    await ended;
    const batch = (await read(service, submitted.id)).batch;
    expect(batch).toMatchObject({ status: 'completed', percent: 100, counts: { queued: 0, active: 0, completed: 4, failed: 0, cancelled: 0 } });
    expect(batch?.plans.every((p) => p.status === 'completed' && p.progress?.percent === 100)).toBe(true);
    expect(Date.parse(batch?.expiresAt ?? '')).toBe(Date.parse(batch?.finishedAt ?? '') + service.config.RESULT_TTL_SECONDS * 1000);

    const sent = JSON.parse(delivery.body) as unknown;
    expect(sent).toEqual({ type: 'batch.completed', id: submitted.id, status: 'completed', finishedAt: batch?.finishedAt, href: `/v1/batches/${submitted.id}`, counts: batch?.counts });
    const id = String(delivery.headers['webhook-id']);
    expect(id).toBe(`batch-completed-${submitted.id}`);
    expect(delivery.headers['webhook-signature']).toBe(signature(SECRET, id, String(delivery.headers['webhook-timestamp']), delivery.body));
    expect(hook.count()).toBe(1);

    const request = BatchRequest.parse(body);
    for (const [i, ref] of submitted.plans.entries()) {
      const plan = PlanJob.parse((await service.app.inject({ method: 'GET', url: `/v1/plans/${ref.planId}`, headers: north })).json());
      expect(plan.status).toBe('completed');
      const rep = request.reps.at(i);
      const result = plan.result;
      if (!rep || !result) throw new Error('missing rep or result');
      const own = repPlan(request, rep);
      expect(result.accounts.map((a) => a.id)).toEqual(rep.accounts.map((a) => a.id));
      checkPlanResult(own, await createHaversine({}).matrix(pointsOf(own)), result, { today: '2026-11-23' });
    }
  });

  it('keeps a batch and its plans to the key that submitted it', async () => {
    service = await startService(testConfig(KEYS));
    const submitted = await submit(service, smallBatch(2));
    expect((await read(service, submitted.id, south)).status).toBe(404);
    const plan = submitted.plans[0]?.planId ?? '';
    expect((await service.app.inject({ method: 'GET', url: `/v1/plans/${plan}`, headers: south })).statusCode).toBe(404);
    expect((await service.app.inject({ method: 'DELETE', url: `/v1/batches/${submitted.id}`, headers: south })).statusCode).toBe(404);
    expect((await service.app.inject({ method: 'GET', url: `/v1/batches/${submitted.id}` })).statusCode).toBe(401);
  });

  it('cancels what has not ended; the batch becomes cancelled once its last plan has stopped', async () => {
    hook = await startReceiver();
    service = await startService(testConfig({ ...KEYS, CALLBACK_ALLOW_PRIVATE: 'true' }));
    const submitted = await submit(service, smallBatch(3, { callbackUrl: hook.url }));
    const asked = await service.app.inject({ method: 'DELETE', url: `/v1/batches/${submitted.id}`, headers: north });
    // The plans waited, so they are cancelled at once; the batch ends when a worker ends it.
    expect(asked.statusCode).toBe(202);
    expect(BatchJob.parse(asked.json())).toMatchObject({ cancelRequested: true, counts: { cancelled: 3 } });
    const worker = service.startWorker();
    const ended = batchEnded(worker, submitted.id);
    const delivery = await hook.next();
    await ended;
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'batch.cancelled', status: 'cancelled', counts: { cancelled: 3 } });
    const again = await service.app.inject({ method: 'DELETE', url: `/v1/batches/${submitted.id}`, headers: north });
    expect(again.statusCode).toBe(200);
    expect(BatchJob.parse(again.json()).status).toBe('cancelled');
    for (const ref of submitted.plans) {
      const plan = PlanJob.parse((await service.app.inject({ method: 'GET', url: `/v1/plans/${ref.planId}`, headers: north })).json());
      expect(plan.status).toBe('cancelled');
    }
  });

  it('ends a batch when a plan of it fails for good: the others complete, and the counts and the callback say so', async () => {
    // Rep 1 lives 2 km inside a box without roads: its plan cannot be made.
    const osrm = await startOsrmServer({ noRoad: [{ south: 48.28, north: 48.32, west: -1.43, east: -1.37 }] });
    try {
      hook = await startReceiver();
      service = await startService(testConfig({ ...KEYS, OSRM_URL: osrm.url, CALLBACK_ALLOW_PRIVATE: 'true' }));
      const stranded = smallRep(1);
      const body = smallBatch(2, {
        options: { timeLimitSeconds: 10, seed: 1, iterations: 30, travelTimes: 'osrm' },
        reps: [smallRep(0), { ...stranded, rep: { ...stranded.rep, start: { lat: 48.3, lon: -1.4 } } }],
        callbackUrl: hook.url,
      });
      const submitted = await submit(service, body);
      const worker = service.startWorker();
      const ended = batchEnded(worker, submitted.id);
      const delivery = await hook.next();
      await ended;
      const batch = (await read(service, submitted.id)).batch;
      expect(batch).toMatchObject({ status: 'completed', counts: { completed: 1, failed: 1 } });
      expect(batch?.plans.map((p) => p.status)).toEqual(['completed', 'failed']);
      expect(batch?.plans[1]?.error?.detail).toMatch(/cannot be reached/);
      expect(JSON.parse(delivery.body)).toMatchObject({ type: 'batch.completed', counts: { completed: 1, failed: 1 } });
      expect(hook.count()).toBe(1);
      const request = BatchRequest.parse(body);
      const own = repPlan(request, request.reps[0] ?? fail());
      const result = (await service.plans.read(submitted.plans[0]?.planId ?? ''))?.result ?? fail();
      checkPlanResult(own, await createOsrm({ baseUrl: osrm.url }).matrix(pointsOf(own)), result, { today: '2026-11-23' });
    } finally {
      await osrm.close();
    }
  });

  it('cancels a running plan of a batch; the batch ends cancelled', async () => {
    service = await startService(testConfig(KEYS));
    const submitted = await submit(service, smallBatch(1, { options: { timeLimitSeconds: 60, seed: 1 } }));
    const planId = submitted.plans[0]?.planId ?? '';
    const worker = service.startWorker();
    await searching(worker, planId);
    const ended = batchEnded(worker, submitted.id);
    const asked = await service.app.inject({ method: 'DELETE', url: `/v1/batches/${submitted.id}`, headers: north });
    expect(asked.statusCode).toBe(202);
    expect(BatchJob.parse(asked.json())).toMatchObject({ status: 'active', cancelRequested: true });
    await ended;
    const batch = (await read(service, submitted.id)).batch;
    expect(batch).toMatchObject({ status: 'cancelled', counts: { cancelled: 1 } });
    expect(batch?.cancelRequested).toBeUndefined();
  });

  it('refuses a completed batch\'s cancel with 409', async () => {
    service = await startService(testConfig(KEYS));
    const submitted = await submit(service, smallBatch(1));
    const worker = service.startWorker();
    await batchEnded(worker, submitted.id);
    const res = await service.app.inject({ method: 'DELETE', url: `/v1/batches/${submitted.id}`, headers: north });
    expect(res.statusCode).toBe(409);
  });

  it('gives each rep its own previous plan and reports what changed for it', async () => {
    service = await startService(testConfig(KEYS));
    const rep = { ...smallRep(0), previousPlan: [{ accountId: 'r0-a1', date: '2026-12-04' }] };
    const body = smallBatch(1, { reps: [rep] });
    const submitted = await submit(service, body);
    const worker = service.startWorker();
    await batchEnded(worker, submitted.id);
    const plan = PlanJob.parse((await service.app.inject({ method: 'GET', url: `/v1/plans/${submitted.plans[0]?.planId ?? ''}`, headers: north })).json());
    const planned = plan.result?.accounts.find((a) => a.id === 'r0-a1')?.plannedDates ?? [];
    const changes = plan.result?.changes ?? [];
    expect(changes.some((c) => c.accountId === 'r0-a1')).toBe(!planned.includes('2026-12-04'));
    expect(plan.result?.changes).toBeDefined();
  });

  it('refuses invalid batches with a pointer into the rep at fault, and batches over the limits', async () => {
    service = await startService(testConfig({ ...KEYS, MAX_BATCH_REPS: '3' }));
    const post = (payload: unknown) => (service as TestService).app.inject({ method: 'POST', url: '/v1/batches', payload: payload as object, headers: north });
    const twice = smallRep(0);
    const dup = await post(smallBatch(2, { reps: [smallRep(0), { ...smallRep(1), accounts: [...twice.accounts, ...twice.accounts.slice(0, 1)] }, smallRep(0)] }));
    expect(dup.statusCode).toBe(400);
    const pointers = dup.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/reps/2/rep/id', '#/reps/1/accounts/3/id']));
    const shared = await post(smallBatch(1, { options: { previousPlan: [] } }));
    expect(shared.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(['#/options/previousPlan']);
    const many = await post(smallBatch(4));
    expect(many.statusCode).toBe(422);
    expect(many.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(['#/reps']);
    expect((await post({ ...smallBatch(1), reps: [] })).statusCode).toBe(400);
  });
});
