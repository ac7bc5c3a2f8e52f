import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanJob } from '../../src/contract/plan-job.js';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

const CRM = 'crm-key-0123456789abcdef';
const BATCH = 'batch-key-fedcba9876543210';

let service: TestService;
beforeAll(async () => {
  service = await startService(testConfig({ API_KEYS: `crm:${CRM},batch:${BATCH}` }));
});
afterAll(async () => {
  await service.close();
});

const submit = (key: string, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest(), headers: { 'x-api-key': key, ...headers } });

describe('API keys', () => {
  it('refuses /v1 without a known key, with problem+json and a Bearer challenge', async () => {
    const none = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest() });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="tournee"');
    const wrong = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { 'x-api-key': 'not-a-key-of-this-service' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="tournee", error="invalid_token"');
    const prefix = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { 'x-api-key': CRM.slice(0, -1) } });
    expect(prefix.statusCode).toBe(401);
  });

  it('cannot be bypassed by spelling the path differently', async () => {
    const encoded = await service.app.inject({ method: 'POST', url: '/%761/plans', payload: smallRequest() });
    expect(encoded.statusCode).toBe(401);
    const read = await service.app.inject({ method: 'GET', url: '/%761/plans/plan-abc' });
    expect(read.statusCode).toBe(401);
  });

  it('accepts X-API-Key and Bearer', async () => {
    expect((await submit(BATCH)).statusCode).toBe(202);
    const bearer = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { authorization: `Bearer ${CRM}` } });
    expect(bearer.statusCode).toBe(404);
  });

  it('lets only the key that created a plan read or cancel it', async () => {
    const { id } = (await submit(CRM)).json<{ id: string }>();
    const read = (key: string) => service.app.inject({ method: 'GET', url: `/v1/plans/${id}`, headers: { 'x-api-key': key } });
    const cancel = (key: string) => service.app.inject({ method: 'DELETE', url: `/v1/plans/${id}`, headers: { 'x-api-key': key } });
    expect((await read(CRM)).statusCode).toBe(200);
    const other = await read(BATCH);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await cancel(BATCH)).statusCode).toBe(404);
    expect((await read(CRM)).json<PlanJob>().status).toBe('queued');
    expect((await cancel(CRM)).json<PlanJob>().status).toBe('cancelled');
    // Once cancelled (its job gone), the plan still belongs to its key only.
    expect((await read(BATCH)).statusCode).toBe(404);
    expect((await read(CRM)).json<PlanJob>().status).toBe('cancelled');
  });

  it('scopes Idempotency-Key to the key', async () => {
    const one = (await submit(CRM, { 'idempotency-key': 'same-key' })).json<{ id: string }>().id;
    const two = (await submit(BATCH, { 'idempotency-key': 'same-key' })).json<{ id: string }>().id;
    expect(two).not.toBe(one);
    expect((await submit(CRM, { 'idempotency-key': 'same-key' })).json<{ id: string }>().id).toBe(one);
  });

  it('leaves health, readiness and docs open', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await service.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });
});
