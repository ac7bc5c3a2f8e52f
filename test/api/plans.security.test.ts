import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

const CRM = 'crm-key-0123456789abcdef';
const BATCH = 'batch-key-fedcba9876543210';

let service: TestService;
beforeAll(async () => {
  service = await startService(testConfig({ API_KEYS: `crm:${CRM},batch:${BATCH}`, RATE_LIMIT_SUBMIT: '3', RATE_LIMIT_READ: '5' }));
});
afterAll(async () => {
  await service.close();
});

const submit = (key: string) => service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest(), headers: { 'x-api-key': key } });

describe('rate limits', () => {
  it('limits each key on its own, with a 429 problem document and Retry-After', async () => {
    const first = await submit(CRM);
    expect(first.statusCode).toBe(202);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    await submit(CRM);
    await submit(CRM);
    const limited = await submit(CRM);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json<{ type: string }>().type).toBe('urn:tournee:problem:rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key, and reads, have budgets of their own.
    expect((await submit(BATCH)).statusCode).toBe(202);
    const read = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { 'x-api-key': CRM } });
    expect(read.statusCode).toBe(404);
    expect(read.headers['x-ratelimit-limit']).toBe('5');
  });

  it('counts in Redis, so that every API instance shares the count', async () => {
    const keys = await service.redis.keys(`${service.config.QUEUE_PREFIX}:${service.config.QUEUE_NAME}:ratelimit:*`);
    expect(keys.some((k) => k.includes('key:crm'))).toBe(true);
    for (const key of keys) expect(await service.redis.pttl(key)).toBeGreaterThan(0);
  });
});

describe('security headers', () => {
  it.each(['/health', '/v1/plans/plan-x', '/docs/', '/openapi.json'])('are set on %s', async (url) => {
    const res = await service.app.inject({ method: 'GET', url, headers: { 'x-api-key': BATCH } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-request-id']).toBeDefined();
  });
});

describe('errors before routing', () => {
  it('answers headers that are too large with a 431 problem document', async () => {
    const address = await service.app.listen({ port: 0, host: '127.0.0.1' });
    const { status, type, body } = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest(`${address}/health`, { headers: { 'x-padding': 'x'.repeat(20_000) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body: text });
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(body)).toMatchObject({ status: 431, type: 'urn:tournee:problem:headers-too-large' });
  });
});
