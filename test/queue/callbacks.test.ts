import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { signature } from '../../src/queue/callbacks.js';
import { startReceiver, type Receiver } from '../helpers/callback-receiver.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

function fail(): never {
  throw new Error('the completed plan has no result');
}

let service: TestService;
let hook: Receiver;
const SECRET = 'a-test-secret-of-some-length';

beforeEach(async () => {
  service = await startService(testConfig({ CALLBACK_SECRET: SECRET, CALLBACK_ALLOW_PRIVATE: 'true' }));
});
afterEach(async () => {
  await service.close();
  await hook.close();
});

describe('callbacks', () => {
  it('posts once, signed, when a plan completes, and retries a failing receiver', async () => {
    hook = await startReceiver(1);
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest({ callbackUrl: hook.url }) });
    const { id } = res.json<{ id: string }>();
    service.startWorker();
    const got = await hook.next();
    expect(hook.count()).toBe(2);
    const body = JSON.parse(got.body) as { id: string; status: string; type: string };
    expect(body).toMatchObject({ id, status: 'completed', type: 'plan.completed' });
    const webhookId = String(got.headers['webhook-id']);
    const timestamp = String(got.headers['webhook-timestamp']);
    expect(got.headers['webhook-signature']).toBe(signature(SECRET, webhookId, timestamp, got.body));
    const job = await service.plans.read(id);
    const request = PlanRequest.parse(smallRequest({ callbackUrl: hook.url }));
    checkPlanResult(request, await createHaversine({}).matrix(pointsOf(request)), job?.result ?? fail(), { today: '2026-11-23' });
  });

  it('reports a cancelled waiting plan', async () => {
    hook = await startReceiver();
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest({ callbackUrl: hook.url }) });
    const { id } = res.json<{ id: string }>();
    await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    service.startWorker();
    const got = await hook.next();
    expect(JSON.parse(got.body)).toMatchObject({ id, status: 'cancelled' });
  });
});
