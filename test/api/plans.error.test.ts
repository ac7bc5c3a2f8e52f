import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, testConfig, type TestService } from '../helpers/service.js';
import { smallRequest } from '../helpers/requests.js';

let service: TestService;
beforeAll(async () => {
  service = await startService(testConfig({ MAX_HORIZON_DAYS: '42', BODY_LIMIT_BYTES: '2000000' }));
});
afterAll(async () => {
  await service.close();
});

type Mutate = (body: Record<string, unknown>) => void;
const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(smallRequest())) as Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): Record<string, unknown> => {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Record<string, unknown>;
};

async function post(body: unknown, headers: Record<string, string> = {}) {
  return service.app.inject({ method: 'POST', url: '/v1/plans', payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

interface Problem {
  type: string;
  status: number;
  title: string;
  detail?: string;
  errors?: { pointer?: string; header?: string; parameter?: string; detail: string }[];
}

const cases: [string, Mutate, number, string][] = [
  ['missing rep', (b) => { delete b.rep; }, 400, '#/rep'],
  ['missing accounts', (b) => { delete b.accounts; }, 400, '#/accounts'],
  ['visit length as a string', (b) => { at(b, 'accounts', 0).visitMinutes = '45'; }, 400, '#/accounts/0/visitMinutes'],
  ['latitude 91', (b) => { at(b, 'accounts', 0, 'location').lat = 91; }, 400, '#/accounts/0/location/lat'],
  ['working hours inverted', (b) => { at(b, 'rep', 'workingHours', 0).start = '18:00'; at(b, 'rep', 'workingHours', 0).end = '08:00'; }, 400, '#/rep/workingHours/0/end'],
  ['unknown weekday', (b) => { at(b, 'rep', 'workingHours', 0).days = ['mon', 'funday']; }, 400, '#/rep/workingHours/0/days/1'],
  ['duplicate account ids', (b) => { at(b, 'accounts', 1).id = 'a1'; }, 400, '#/accounts/1/id'],
  ['frequency 0', (b) => { at(b, 'accounts', 0, 'frequency').visits = 0; }, 400, '#/accounts/0/frequency/visits'],
  ['horizon of 0 days', (b) => { at(b, 'horizon').days = 0; }, 400, '#/horizon/days'],
  ['horizon over the limit', (b) => { at(b, 'horizon').days = 43; }, 422, '#/horizon/days'],
  ['time not HH:MM', (b) => { at(b, 'rep', 'break').earliest = '25:00'; }, 400, '#/rep/break/earliest'],
  ['priority 6', (b) => { at(b, 'accounts', 2).priority = 6; }, 400, '#/accounts/2/priority'],
  ['impossible date', (b) => { at(b, 'accounts', 0).lastVisit = '2026-02-30'; }, 400, '#/accounts/0/lastVisit'],
  ['unknown time zone', (b) => { b.timezone = 'Mars/Olympus'; }, 400, '#/timezone'],
  ['two appointments on one date', (b) => { at(b, 'accounts', 4).appointments = [{ date: '2026-12-02', start: '10:30' }, { date: '2026-12-02', start: '15:00' }]; }, 400, '#/accounts/4/appointments'],
  ['missed visits weighing nothing', (b) => { at(b, 'options').weights = { missedVisit: 0 }; }, 400, '#/options/weights/missedVisit'],
  ['a matrix with a row missing', (b) => { b.matrix = square(7); at(b, 'matrix').durations = square(6).durations; }, 400, '#/matrix/durations'],
  ['a matrix row too short', (b) => { b.matrix = square(7); at(b, 'matrix', 'distances')[2] = [0, 1]; }, 400, '#/matrix/distances/2'],
  ['a negative travel time', (b) => { b.matrix = square(7); at(b, 'matrix', 'durations', 1)[2] = -5; }, 400, '#/matrix/durations/1/2'],
  ['a matrix and a travel-time source', (b) => { b.matrix = square(7); at(b, 'options').travelTimes = 'haversine'; }, 400, '#/options/travelTimes'],
  ['a misspelt field', (b) => { at(b, 'accounts', 0).lastvisit = '2026-11-20'; }, 400, '#/accounts/0/lastvisit'],
  ['an unknown top-level field', (b) => { b.callbackURL = 'https://crm.example.com/'; }, 400, '#/callbackURL'],
  ['a prospect weight of 1e308', (b) => { at(b, 'options').weights = { prospectMinutes: 1e308 }; }, 400, '#/options/weights/prospectMinutes'],
  ['a distance weight of 1e308', (b) => { at(b, 'options').weights = { distancePerKm: 1e308 }; }, 400, '#/options/weights/distancePerKm'],
  ['a horizon in the year 9999', (b) => { at(b, 'horizon').start = '9999-12-25'; }, 400, '#/horizon/start'],
  ['a last visit in 1900', (b) => { at(b, 'accounts', 0).lastVisit = '1900-01-01'; }, 400, '#/accounts/0/lastVisit'],
  ['OSRM travel times on a service without OSRM', (b) => { at(b, 'options').travelTimes = 'osrm'; }, 422, '#/options/travelTimes'],
  ['20,001 accounts', (b) => { b.accounts = Array.from({ length: 20_001 }, () => 0); }, 422, '#/accounts'],
  ['a horizon over the limit with a broken body', (b) => { at(b, 'horizon').days = 400; delete b.rep; }, 422, '#/horizon/days'],
  ['closed dates by the hundred thousand', (b) => { at(b, 'accounts', 0).closedDates = Array.from({ length: 100_001 }, () => '2026-12-01'); }, 422, '#/accounts/0/closedDates'],
];

/** A request's own matrix over n points: both durations and distances, 600 s and 10 km apart. */
function square(n: number): { durations: number[][]; distances: number[][] } {
  const cells = (v: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : v)));
  return { durations: cells(600), distances: cells(10_000) };
}

describe('POST /v1/plans with invalid input', () => {
  it.each(cases)('%s → %i with the field path', async (_name, mutate, status, pointer) => {
    const body = valid();
    mutate(body);
    const res = await post(body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<Problem>();
    expect(problem.status).toBe(status);
    expect(problem.type).toMatch(/^urn:tournee:problem:/);
    expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it.each(['http://169.254.169.254/latest/meta-data', 'http://198.18.0.1/', 'http://224.0.0.1/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://localhost:8080/'])(
    'refuses a callback to %s',
    async (callbackUrl) => {
      const res = await post({ ...valid(), callbackUrl });
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors?.[0]?.pointer).toBe('#/callbackUrl');
    },
  );

  it('reports every invalid field at once', async () => {
    const body = valid();
    at(body, 'accounts', 0, 'location').lat = 91;
    at(body, 'accounts', 1, 'location').lon = -200;
    const problem = (await post(body)).json<Problem>();
    expect(problem.errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(['#/accounts/0/location/lat', '#/accounts/1/location/lon']));
  });

  it('refuses an oversized body with 413', async () => {
    const body = valid();
    body.padding = 'x'.repeat(2_100_000);
    const res = await post(body);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a body nested 30,000 deep with 400, not a crash', async () => {
    const deep = `{"accounts":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const res = await post(deep);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await post('{"rep": ');
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().type).toBe('urn:tournee:problem:validation');
  });

  it('refuses a text body with 415', async () => {
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: '{}', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a malformed URL with a problem document', async () => {
    const res = await service.app.inject({ method: 'GET', url: '/v1/plans/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('points at the document root when the body is not an object', async () => {
    const problem = (await post('[1, 2]')).json<Problem>();
    expect(problem.errors?.[0]?.pointer).toBe('#');
  });

  it('refuses another media type with 415', async () => {
    const res = await service.app.inject({ method: 'POST', url: '/v1/plans', payload: '<rep/>', headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 problem+json for an unknown plan and an unknown route', async () => {
    const missing = await service.app.inject({ method: 'GET', url: '/v1/plans/plan-unknown' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<Problem>().type).toBe('urn:tournee:problem:not-found');
    const route = await service.app.inject({ method: 'GET', url: '/v2/nothing' });
    expect(route.statusCode).toBe(404);
    expect(route.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a malformed plan id with 400', async () => {
    const res = await service.app.inject({ method: 'GET', url: '/v1/plans/not:an:id' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.parameter)).toEqual(['id']);
  });

  it('refuses a bad Idempotency-Key header', async () => {
    const res = await post(valid(), { 'idempotency-key': 'x'.repeat(300) });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([{ header: 'Idempotency-Key', detail: 'expected 1 to 255 visible ASCII characters' }]);
  });
});
