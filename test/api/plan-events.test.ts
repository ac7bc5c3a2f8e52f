/**
 * A plan's event stream over a real socket: queued, heartbeats, active with
 * progress in the result's units, the final status, then the end; resuming
 * with Last-Event-ID; tenancy; and a server that closes ends its streams.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlanEvent, PlanJob, PlanProgress } from '../../src/contract/plan-job.js';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';
import { openSse, parseBlock, type SseMessage } from '../helpers/sse.js';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const KEYS = { API_KEYS: 'north:north-key-0123456789,south:south-key-0123456789' };
const asNorth = { 'x-api-key': 'north-key-0123456789' };

async function listen(s: TestService): Promise<string> {
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.app.server.address();
  return `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
}

async function submit(s: TestService, body: unknown): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: body as object, headers: asNorth });
  expect(res.statusCode).toBe(202);
  return res.json<{ id: string }>().id;
}

const data = (m: SseMessage) => PlanEvent.parse(JSON.parse(m.data ?? ''));
const RANK = { queued: 0, active: 1, completed: 2, failed: 2, cancelled: 2 };

describe('GET /v1/plans/{id}/events', () => {
  it('streams queued, heartbeats, active with percent, objective and ETA, then the final status, and ends', async () => {
    service = await startService(testConfig({ ...KEYS, EVENTS_HEARTBEAT_SECONDS: '1' }));
    const body = smallRequest({ options: { timeLimitSeconds: 3, seed: 1 } });
    const id = await submit(service, body);
    const sse = await openSse(`${await listen(service)}/v1/plans/${id}/events`, asNorth);
    expect(sse.response.statusCode).toBe(200);
    expect(sse.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(sse.response.headers['x-request-id']).toBeDefined();
    expect(await sse.next()).toEqual({ event: 'retry', data: '2000' });
    const queued = await sse.next();
    expect(queued).toMatchObject({ event: 'queued', id: 'queued.0.0' });
    expect(data(queued)).toMatchObject({ id, status: 'queued', progress: null, href: `/v1/plans/${id}` });
    // Nothing runs the plan yet: the stream stays open with heartbeats.
    expect(await sse.next()).toEqual({ event: 'comment', comment: 'heartbeat' });

    service.startWorker();
    const last = await sse.until((m) => m.event === 'completed' || m.event === 'failed');
    await sse.ended;
    const events = sse.messages.filter((m) => m.event !== 'comment' && m.event !== 'retry');
    expect(last.event).toBe('completed');
    expect(events.at(-1)).toBe(last);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const ranks = events.map((e) => RANK[data(e).status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const active = events.filter((e) => e.event === 'active').map((e) => data(e).progress).filter((p) => p !== null);
    expect(active.length).toBeGreaterThan(0);
    for (const p of active) {
      expect(p.percent).toBeGreaterThan(0);
      expect(p.percent).toBeLessThanOrEqual(100);
      expect(p.etaSeconds).toBeGreaterThanOrEqual(0);
      expect(p.etaSeconds).toBeLessThanOrEqual(3);
    }

    // GET tells the same, with the result; its progress is in the result's units.
    const view = PlanJob.parse((await service.app.inject({ method: 'GET', url: `/v1/plans/${id}`, headers: asNorth })).json());
    expect(data(last)).toEqual({ ...view, result: undefined, href: `/v1/plans/${id}` });
    const progress = PlanProgress.parse(view.progress);
    const result = view.result;
    if (!result) throw new Error('no result');
    expect(progress.bestObjective).toBe(result.summary.objective.total);
    const request = PlanRequest.parse(body);
    checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), result, { today: '2026-11-23' });
  });

  it('resumes after Last-Event-ID, and answers 204 once the client has seen the end', async () => {
    service = await startService(testConfig(KEYS));
    const s = service;
    const id = await submit(s, smallRequest({ options: { timeLimitSeconds: 5, seed: 1, iterations: 30 } }));
    const worker = s.startWorker();
    await new Promise<void>((resolve) => worker.worker.once('completed', () => { resolve(); }));
    const read = (headers: Record<string, string>) => s.app.inject({ method: 'GET', url: `/v1/plans/${id}/events`, headers: { ...asNorth, ...headers } });

    const fresh = await read({});
    const blocks = fresh.payload.split('\n\n').filter((b) => b.length > 0).map(parseBlock);
    expect(blocks.map((b) => b.event)).toEqual(['retry', 'completed']);
    // A client that saw an active state gets only what followed it.
    const resumed = await read({ 'last-event-id': 'active.1.12' });
    expect(resumed.payload.split('\n\n').filter((b) => b.length > 0).map((b) => parseBlock(b).event)).toEqual(['retry', 'completed']);
    const done = await read({ 'last-event-id': 'completed' });
    expect(done.statusCode).toBe(204);
    expect(done.payload).toBe('');
  });

  it('shows a plan only to the key that submitted it', async () => {
    service = await startService(testConfig(KEYS));
    const id = await submit(service, smallRequest());
    const other = await service.app.inject({ method: 'GET', url: `/v1/plans/${id}/events`, headers: { 'x-api-key': 'south-key-0123456789' } });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    const none = await service.app.inject({ method: 'GET', url: `/v1/plans/${id}/events` });
    expect(none.statusCode).toBe(401);
  });

  it('ends open streams when the server closes', async () => {
    service = await startService(testConfig(KEYS));
    const id = await submit(service, smallRequest());
    const sse = await openSse(`${await listen(service)}/v1/plans/${id}/events`, asNorth);
    await sse.until((m) => m.event === 'queued');
    await service.app.close();
    await sse.ended;
    expect(sse.messages.map((m) => m.event)).toEqual(['retry', 'queued']);
  });
});
