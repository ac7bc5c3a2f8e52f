import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createPlanQueue } from '../../src/queue/plan-queue.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let service: TestService;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service.close();
});

describe('health and readiness', () => {
  it('is alive and ready with Redis up', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await service.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
  });

  it('answers 503 problem+json with Retry-After when Redis is unreachable', async () => {
    // Port 1 on loopback refuses connections.
    const config = testConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
    const connection = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => 50 });
    connection.on('error', () => undefined);
    connection.connect().catch(() => undefined);
    const plans = createPlanQueue({ connection, queueName: config.QUEUE_NAME, prefix: config.QUEUE_PREFIX, attempts: 1, resultTtlSeconds: 60 });
    const app = await buildApp({ config, plans, logger: false });
    try {
      const ready = await app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.headers['retry-after']).toBe('5');
      const invalid = await app.inject({ method: 'POST', url: '/v1/plans', payload: { rep: 1 } });
      expect(invalid.statusCode).toBe(400);
      const valid = await app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest() });
      expect(valid.statusCode).toBe(503);
      expect(valid.headers['retry-after']).toBe('5');
      const get = await app.inject({ method: 'GET', url: '/v1/plans/plan-x' });
      expect(get.statusCode).toBe(503);
    } finally {
      await app.close();
      await plans.close().catch(() => undefined);
      connection.disconnect();
    }
  });
});
