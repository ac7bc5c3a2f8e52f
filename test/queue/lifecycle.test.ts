/**
 * The lifecycle seen from outside: statuses only move forward, a completed
 * plan is never read as anything else, callbacks tell what GET tells, and a
 * finished plan is kept exactly RESULT_TTL_SECONDS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus, PlanJob } from '../../src/contract/plan-job.js';
import { Queue } from 'bullmq';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { callbackQueueName, createCallbackSender } from '../../src/queue/callbacks.js';
import { createPlanQueue } from '../../src/queue/plan-queue.js';
import { queueKeys } from '../../src/queue/keys.js';
import { startReceiver, type Receiver } from '../helpers/callback-receiver.js';
import { finished } from '../helpers/jobs.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let service: TestService | undefined;
let hook: Receiver | undefined;
afterEach(async () => {
  await service?.close();
  await hook?.close();
  service = undefined;
  hook = undefined;
});

const quick = (extra: Parameters<typeof smallRequest>[0] = {}) => smallRequest({ options: { timeLimitSeconds: 5, seed: 1, iterations: 30 }, ...extra });

async function submit(s: TestService, body: unknown): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: body as object });
  expect(res.statusCode).toBe(202);
  return res.json<{ id: string }>().id;
}

async function read(s: TestService, id: string): Promise<PlanJob> {
  const res = await s.app.inject({ method: 'GET', url: `/v1/plans/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<PlanJob>();
}

const ORDER: Record<JobStatus, number> = { queued: 0, active: 1, completed: 2, failed: 2, cancelled: 2 };

describe('the plan lifecycle', () => {
  it('never shows a completed plan as anything else to a reader polling many plans at once', async () => {
    service = await startService(testConfig({ WORKER_CONCURRENCY: '2' }));
    const s = service;
    const ids = await Promise.all(Array.from({ length: 24 }, () => submit(s, quick())));
    const seen = new Map<string, JobStatus[]>(ids.map((id) => [id, []]));
    s.startWorker();
    // Poll every plan as fast as the service answers until all have ended.
    for (;;) {
      const views = await Promise.all(ids.map((id) => read(s, id)));
      for (const view of views) {
        seen.get(view.id)?.push(view.status);
        if (view.status === 'completed') expect(view.result).toBeDefined();
      }
      if (views.every((v) => ORDER[v.status] === 2)) break;
    }
    for (const [id, statuses] of seen) {
      expect(statuses.at(-1), id).toBe('completed');
      expect(statuses.filter((x) => x === 'failed' || x === 'cancelled'), id).toEqual([]);
      const ranks = statuses.map((x) => ORDER[x]);
      expect(ranks, id).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('sends 50 callbacks that all report plan.completed, as GET does', async () => {
    hook = await startReceiver();
    service = await startService(testConfig({ WORKER_CONCURRENCY: '2', CALLBACK_ALLOW_PRIVATE: 'true' }));
    const s = service;
    const url = hook.url;
    const ids = await Promise.all(Array.from({ length: 50 }, () => submit(s, quick({ callbackUrl: url }))));
    s.startWorker();
    const deliveries = await hook.atLeast(50);
    const bodies = deliveries.map((d) => JSON.parse(d.body) as { id: string; type: string; status: string; finishedAt: string | null });
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set(ids));
    for (const body of bodies) {
      const plan = await read(s, body.id);
      expect(body).toEqual({ type: `plan.${plan.status}`, id: plan.id, status: plan.status, finishedAt: plan.finishedAt, href: `/v1/plans/${plan.id}` });
      expect(body.type).toBe('plan.completed');
    }
  });

  it('keeps a finished plan exactly RESULT_TTL_SECONDS, with a Redis TTL, however many plans finish', async () => {
    service = await startService(testConfig({ RESULT_TTL_SECONDS: '60' }));
    const s = service;
    const worker = s.startWorker();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await submit(s, quick());
      await finished(worker, id);
      ids.push(id);
    }
    const keys = queueKeys(s.config.QUEUE_PREFIX, s.config.QUEUE_NAME);
    for (const id of ids) {
      const plan = await read(s, id);
      expect(plan.status).toBe('completed');
      const finishedAt = Date.parse(plan.finishedAt ?? '');
      expect(Date.parse(plan.expiresAt ?? '')).toBe(finishedAt + 60_000);
      // The job's Redis key expires at the same instant.
      expect(await s.redis.pexpiretime(keys.job(id))).toBe(finishedAt + 60_000);
      // Read at the edge of the retention, through a queue whose clock says so.
      const at = (now: number) => createPlanQueue({ connection: s.redis, queueName: s.config.QUEUE_NAME, prefix: s.config.QUEUE_PREFIX, attempts: 1, resultTtlSeconds: 60, now: () => now });
      const before = at(finishedAt + 59_999);
      const after = at(finishedAt + 60_000);
      expect((await before.get(id, 'anonymous'))?.status).toBe('completed');
      expect(await after.get(id, 'anonymous')).toBeNull();
      await Promise.all([before.close(), after.close()]);
    }
  });

  it('keeps a plan cancelled while it waited exactly as long, then forgets it', async () => {
    service = await startService(testConfig({ RESULT_TTL_SECONDS: '60' }));
    const s = service;
    const id = await submit(s, quick());
    const res = await s.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    const plan = res.json<PlanJob>();
    expect(plan.status).toBe('cancelled');
    const ended = Date.parse(plan.finishedAt ?? '');
    expect(Date.parse(plan.expiresAt ?? '')).toBe(ended + 60_000);
    const ttl = await s.redis.pttl(queueKeys(s.config.QUEUE_PREFIX, s.config.QUEUE_NAME).cancelled(id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const later = createPlanQueue({ connection: s.redis, queueName: s.config.QUEUE_NAME, prefix: s.config.QUEUE_PREFIX, attempts: 1, resultTtlSeconds: 60, now: () => ended + 60_000 });
    expect(await later.get(id, 'anonymous')).toBeNull();
    await later.close();
  });

  it('gives a reused Idempotency-Key past retention a new plan of its own, with its own callback', async () => {
    service = await startService(testConfig({ RESULT_TTL_SECONDS: '60' }));
    const s = service;
    const worker = s.startWorker();
    const headers = { 'idempotency-key': 'weekly-rep-1' };
    const first = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: quick({ callbackUrl: 'https://crm.example.com/hook' }), headers });
    const id = first.json<{ id: string }>().id;
    await finished(worker, id);
    const done = await read(s, id);
    const callbacks = new Queue(callbackQueueName(s.config), { connection: s.redis, prefix: s.config.QUEUE_PREFIX });
    expect(await callbacks.getJob(`callback-${id}`)).toBeDefined();
    await worker.close();
    // A minute later Redis has dropped the job's hash (its TTL), not its id in BullMQ's sets;
    // the same key then starts a new plan under the same id.
    const keys = queueKeys(s.config.QUEUE_PREFIX, s.config.QUEUE_NAME);
    await s.redis.del(keys.job(id));
    const later = createPlanQueue({
      connection: s.redis, queueName: s.config.QUEUE_NAME, prefix: s.config.QUEUE_PREFIX, attempts: 1, resultTtlSeconds: 60,
      now: () => Date.parse(done.finishedAt ?? '') + 60_000, callbacks: createCallbackSender(s.config, s.redis),
    });
    const again = await later.submit(PlanRequest.parse(quick()), { owner: 'anonymous', idempotencyKey: 'weekly-rep-1', requestId: 'r2' });
    expect(again).toEqual({ id, status: 'queued' });
    expect((await later.get(id, 'anonymous'))?.status).toBe('queued');
    expect(await s.redis.zscore(keys.completed, id)).toBeNull();
    // The old plan's delivery is forgotten, so the new plan's callback is queued afresh when it ends.
    expect(await callbacks.getJob(`callback-${id}`)).toBeUndefined();
    await Promise.all([later.close(), callbacks.close()]);
  });
});
