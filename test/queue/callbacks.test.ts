import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { signature } from '../../src/queue/callbacks.js';
import { checkPlanResult } from '../helpers/check-result.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver that answers 500 to the first `failures` deliveries, then 204. */
async function receiver(failures = 0): Promise<{ url: string; next: () => Promise<Received>; server: Server; count: () => number }> {
  const waiting: ((r: Received) => void)[] = [];
  const queued: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(204).end();
      const got = { headers: req.headers, body };
      const resolve = waiting.shift();
      if (resolve) resolve(got);
      else queued.push(got);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}/hook`,
    server,
    count: () => calls,
    next: () => {
      const got = queued.shift();
      return got ? Promise.resolve(got) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

function fail(): never {
  throw new Error('the completed plan has no result');
}

let service: TestService;
let hook: Awaited<ReturnType<typeof receiver>>;
const SECRET = 'a-test-secret-of-some-length';

beforeEach(async () => {
  service = await startService(testConfig({ CALLBACK_SECRET: SECRET, CALLBACK_ALLOW_PRIVATE: 'true' }));
});
afterEach(async () => {
  await service.close();
  hook.server.close();
});

describe('callbacks', () => {
  it('posts once, signed, when a plan completes, and retries a failing receiver', async () => {
    hook = await receiver(1);
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
    hook = await receiver();
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest({ callbackUrl: hook.url }) });
    const { id } = res.json<{ id: string }>();
    await service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    service.startWorker();
    const got = await hook.next();
    expect(JSON.parse(got.body)).toMatchObject({ id, status: 'cancelled' });
  });
});
