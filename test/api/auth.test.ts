import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallRequest } from '../helpers/requests.js';
import { startService, testConfig, type TestService } from '../helpers/service.js';

let service: TestService;
beforeAll(async () => {
  service = await startService(testConfig({ API_KEYS: 'key-one,key-two' }));
});
afterAll(async () => {
  await service.close();
});

describe('API keys', () => {
  it('refuses /v1 without a known key, with problem+json', async () => {
    const none = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest() });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrong = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { 'x-api-key': 'key-three' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('cannot be bypassed by spelling the path differently', async () => {
    const encoded = await service.app.inject({ method: 'POST', url: '/%761/plans', payload: smallRequest() });
    expect(encoded.statusCode).toBe(401);
    const read = await service.app.inject({ method: 'GET', url: '/%761/plans/plan-abc' });
    expect(read.statusCode).toBe(401);
  });

  it('accepts X-API-Key and Bearer', async () => {
    const header = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest(), headers: { 'x-api-key': 'key-two' } });
    expect(header.statusCode).toBe(202);
    const bearer = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-x', headers: { authorization: 'Bearer key-one' } });
    expect(bearer.statusCode).toBe(404);
  });

  it('scopes Idempotency-Key to the caller', async () => {
    const post = (key: string) =>
      service.app.inject({ method: 'POST', url: '/v1/plans', payload: smallRequest(), headers: { 'x-api-key': key, 'idempotency-key': 'same-key' } });
    const one = (await post('key-one')).json<{ id: string }>().id;
    const two = (await post('key-two')).json<{ id: string }>().id;
    expect(two).not.toBe(one);
    expect((await post('key-one')).json<{ id: string }>().id).toBe(one);
  });

  it('leaves health, readiness and docs open', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await service.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });
});
